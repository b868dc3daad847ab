import LadderCore
import LadderRules

/// Which criteria of a rule version each move can change, and so which goals a move cannot reach
/// whatever its amount: the search skips those moves instead of doubling their amount to the cap.
///
/// Worked out once per version from the expressions' text, erring towards "can change": a criterion
/// can change when its text names a field the move writes (or a field whose unknown range depends on
/// one), a measure or score that can change, `total` when an in-total score can change, or the lower
/// rungs' verdicts (`eligible(…)`). Waiting changes the registration date: it can change what the
/// compiled steps say reads it (`AgeDays`, every multi-year window, and what reads those). Skipping is
/// exact only because the sets are supersets.
final class NearMissReach: Sendable {
    /// Per move, the criteria (by identity) it can change.
    private let changes: [NearMissMove: Set<ObjectIdentifier>]
    /// The same per move (by `NearMissMove.index`), one bit per criterion result: an assessment lists its
    /// criteria in the version's order without the measures (`results`), so the checks below, asked for
    /// every move of every step, test a bit rather than look up a set.
    private let masks: [UInt64]
    /// The criteria an assessment's results list, in order.
    private let results: [Criterion]
    /// The gates and prerequisites among `results`, one bit each (the first 64).
    private let conditions: UInt64
    /// The pass marks written `total` followed by a comparison, with no `or` (see `startsWithTotal`).
    private let totalMarks: Set<ObjectIdentifier>
    /// Of those, the ones comparing with a fixed number: a literal or a setting (`total > 70`).
    private let fixedTotalMarks: Set<ObjectIdentifier>

    init(version: RuleVersion, moves: [NearMissMove]) {
        var changes: [NearMissMove: Set<ObjectIdentifier>] = [:]
        for move in moves { changes[move] = Self.changed(by: move, in: version) }
        self.changes = changes
        results = version.criteria.filter { $0.kind != .measure }
        var masks = [UInt64](repeating: .max, count: NearMissMove.allCases.count)
        for (move, changed) in changes {
            var mask: UInt64 = 0
            for (index, criterion) in results.prefix(64).enumerated() where changed.contains(ObjectIdentifier(criterion)) {
                mask |= 1 << UInt64(index)
            }
            masks[move.index] = mask
        }
        self.masks = masks
        var conditions: UInt64 = 0
        for (index, criterion) in results.prefix(64).enumerated() where criterion.kind == .gate || criterion.kind == .prerequisite {
            conditions |= 1 << UInt64(index)
        }
        self.conditions = conditions
        totalMarks = Set(version.criteria.filter { Self.startsWithTotal($0.expression) }.map(ObjectIdentifier.init))
        fixedTotalMarks = Set(version.criteria.filter { Self.totalAgainstFixed($0.expression) }.map(ObjectIdentifier.init))
    }

    /// Whether `move` can change `criterion`'s result.
    func canChange(_ move: NearMissMove, _ criterion: Criterion) -> Bool {
        changes[move]?.contains(ObjectIdentifier(criterion)) ?? true
    }

    /// Whether two moves can change a common gate or prerequisite (true when not known: a move the
    /// version does not name, or over 64 results). When they cannot, each condition reads what at most
    /// one of them writes, so one move's effect on the conditions is the same with or without the other.
    func shareConditions(_ a: NearMissMove, _ b: NearMissMove) -> Bool {
        guard results.count <= 64 else { return true }
        return masks[a.index] & masks[b.index] & conditions != 0
    }

    /// Whether `move` can change the `index`-th result of an assessment, `result`.
    private func canChange(_ move: NearMissMove, _ index: Int, _ result: CriterionResult) -> Bool {
        guard index < 64, index < results.count, results[index] === result.criterion else {
            return canChange(move, result.criterion)
        }
        return masks[move.index] & (1 << UInt64(index)) != 0
    }

    /// What the checks below read of one assessment, one bit per result: worked out once per step of the
    /// search instead of once per move. Nil when the assessment's results are not the version's (over
    /// 64, or another version): the checks then read the results one by one.
    struct Picture {
        /// Gates and prerequisites that do not pass, and those that fail.
        var openConditions: UInt64 = 0, failingConditions: UInt64 = 0
        var routes: UInt64 = 0, passingRoutes: UInt64 = 0
        var passMarks: UInt64 = 0, passingMarks: UInt64 = 0, failingMarks: UInt64 = 0
        /// In-total scores whose lower end is below their maximum.
        var scoresBelowMax: UInt64 = 0
        /// For `totalCanReach` and `headroom`, by result: in-total scores, each one's points' lower end
        /// (nil: no points) and maximum, and each pass mark's `total ≥ N` target (nil: a form counted as
        /// reachable).
        var inTotalScores: UInt64 = 0
        var lows: [Double?] = [], maxima: [Double?] = []
        var targets: [(strict: Bool, threshold: Double)?] = []
    }

    func picture(of now: TierAssessment) -> Picture? {
        guard !now.criteria.isEmpty, now.criteria.count <= 64, now.criteria.count <= results.count else { return nil }
        var picture = Picture()
        picture.lows = Array(repeating: nil, count: now.criteria.count)
        picture.maxima = picture.lows
        picture.targets = Array(repeating: nil, count: now.criteria.count)
        for index in now.criteria.indices {
            let result = now.criteria[index]
            let criterion = result.criterion
            guard results[index] === criterion else { return nil }
            let bit: UInt64 = 1 << UInt64(index)
            switch criterion.kind {
            case .gate, .prerequisite:
                if result.verdict != .pass { picture.openConditions |= bit }
                if result.verdict == .fail { picture.failingConditions |= bit }
            case .route:
                picture.routes |= bit
                if result.verdict == .pass { picture.passingRoutes |= bit }
            case .pass:
                picture.passMarks |= bit
                if result.verdict == .pass { picture.passingMarks |= bit }
                if result.verdict == .fail { picture.failingMarks |= bit }
                picture.targets[index] = target(result, now)
            case .score:
                guard criterion.inTotal else { continue }
                picture.inTotalScores |= bit
                picture.lows[index] = result.points?.lo
                picture.maxima[index] = criterion.maxPoints
                if let max = criterion.maxPoints, let points = result.points, points.lo >= max { continue }
                picture.scoresBelowMax |= bit
            case .measure:
                break
            }
        }
        return picture
    }

    /// The most points `move` can add to the total's lower end: each in-total score it can change, from
    /// its lower end to its maximum (points are clamped to it); nil when not known (no picture, or such
    /// a score without points or a maximum).
    func headroom(_ move: NearMissMove, _ picture: Picture?) -> Double? {
        guard let picture else { return nil }
        var most = 0.0
        var scores = picture.inTotalScores & masks[move.index]
        while scores != 0 {
            let index = scores.trailingZeroBitCount
            scores &= scores - 1
            guard let low = picture.lows[index], let max = picture.maxima[index], low <= max else { return nil }
            most += max - low
        }
        return most
    }

    /// `canQualify(move, now)`, read from `now`'s picture.
    func canQualify(_ move: NearMissMove, _ now: TierAssessment, _ picture: Picture?) -> Bool {
        guard let picture else { return canQualify(move, now) }
        let changeable = masks[move.index]
        if picture.openConditions & ~changeable != 0 { return false }
        let hasAlternatives = picture.routes | picture.passMarks != 0
        let routeOpen = picture.routes & (picture.passingRoutes | changeable) != 0
        var passOpen = true
        var marks = picture.passMarks & ~picture.passingMarks
        while marks != 0 && passOpen {
            let index = marks.trailingZeroBitCount
            marks &= marks - 1
            if changeable & (1 << UInt64(index)) == 0 || !totalCanReach(index, move, picture) { passOpen = false }
        }
        return !hasAlternatives || routeOpen || (picture.passMarks != 0 && passOpen)
    }

    /// `canProgress(move, now, failingConditions:)`, read from `now`'s picture.
    func canProgress(_ move: NearMissMove, _ now: TierAssessment, failingConditions: Int, _ picture: Picture?) -> Bool {
        guard let picture else { return canProgress(move, now, failingConditions: failingConditions) }
        let changeable = masks[move.index]
        if failingConditions > 0 { return picture.failingConditions & changeable != 0 }
        return (picture.failingMarks | picture.scoresBelowMax) & changeable != 0
    }

    /// Whether some amount of `move` could put the firm (assessed as `now`) on the rung: every gate and
    /// prerequisite that does not pass must be changeable, one of the alternatives (a route, or all pass
    /// marks) must pass or be changeable, and a pass mark `total ≥ N` must be within the points the
    /// changeable scores can add.
    func canQualify(_ move: NearMissMove, _ now: TierAssessment) -> Bool {
        guard !now.criteria.isEmpty else { return true }  // an assessment without its evidence
        var hasAlternatives = false, routeOpen = false, passOpen = true, hasPass = false
        for (index, result) in now.criteria.enumerated() {
            let criterion = result.criterion
            let open = result.verdict == .pass || canChange(move, index, result)
            switch criterion.kind {
            case .gate, .prerequisite:
                if !open { return false }
            case .route:
                hasAlternatives = true
                if open { routeOpen = true }
            case .pass:
                hasAlternatives = true
                hasPass = true
                if !open || (result.verdict != .pass && !totalCanReach(result, move, now)) { passOpen = false }
            case .measure, .score:
                break
            }
        }
        return !hasAlternatives || routeOpen || (hasPass && passOpen)
    }

    /// Whether some amount of `move` could improve the rung's standing as the search judges it (see
    /// `NearMissSearch.Standing`): while gates or prerequisites fail, by turning one of them; once none
    /// fails, by turning a pass mark or raising the lower end of an in-total score below its maximum.
    func canProgress(_ move: NearMissMove, _ now: TierAssessment, failingConditions: Int) -> Bool {
        guard !now.criteria.isEmpty else { return true }
        for (index, result) in now.criteria.enumerated() where result.verdict == .fail || failingConditions == 0 {
            let criterion = result.criterion
            guard canChange(move, index, result) else { continue }
            switch criterion.kind {
            case .gate, .prerequisite:
                if failingConditions > 0 && result.verdict == .fail { return true }
            case .pass:
                if failingConditions == 0 && result.verdict == .fail { return true }
            case .score:
                guard failingConditions == 0, criterion.inTotal else { continue }
                if let max = criterion.maxPoints, let points = result.points, points.lo >= max { continue }
                return true
            case .route, .measure:
                break
            }
        }
        return false
    }

    /// Whether the rung stays not qualified whatever amounts of `moves` are taken, alone or together, so
    /// that a search can only end without a plan: a failing gate or prerequisite none of them changes, or
    /// alternatives that fail throughout — every route failing and unchangeable, and (when there is a pass
    /// mark) a failing pass mark out of reach: unchangeable, or `total ≥ N` with a fixed N above what the
    /// total can be with every score the moves change at its maximum and the others as they are.
    func staysNotQualified(_ now: TierAssessment, moves: [NearMissMove]) -> Bool {
        guard now.verdict == .notQualified, !now.criteria.isEmpty else { return false }
        var any: UInt64 = 0  // what some move can change, one bit per result
        for move in moves { any |= masks[move.index] }
        func changeable(_ index: Int, _ result: CriterionResult) -> Bool {
            guard index < 64, index < results.count, results[index] === result.criterion else {
                return moves.contains { canChange($0, result.criterion) }
            }
            return any & (1 << UInt64(index)) != 0
        }
        var hasAlternatives = false, alternativeOpen = false, hasPass = false, passClosed = false
        for (index, result) in now.criteria.enumerated() {
            switch result.criterion.kind {
            case .gate, .prerequisite:
                if result.verdict == .fail && !changeable(index, result) { return true }
            case .route:
                hasAlternatives = true
                if result.verdict != .fail || changeable(index, result) { alternativeOpen = true }
            case .pass:
                hasAlternatives = true
                hasPass = true
                if result.verdict == .fail
                    && (!changeable(index, result) || totalStaysBelow(index, now, changeable: changeable)) {
                    passClosed = true
                }
            case .measure, .score:
                break
            }
        }
        return hasAlternatives && !alternativeOpen && (!hasPass || passClosed)
    }

    /// For a failing pass mark (the `mark`-th result) `total ≥ N` or `total > N` with N fixed
    /// (`fixedTotalMarks`): whether the total stays below N with every in-total score `changeable` at its
    /// maximum and the others at the upper end of their points, added as the evaluator adds them: in
    /// document order, up to the mark.
    private func totalStaysBelow(_ mark: Int, _ now: TierAssessment,
                                 changeable: (Int, CriterionResult) -> Bool) -> Bool {
        let result = now.criteria[mark]
        guard fixedTotalMarks.contains(ObjectIdentifier(result.criterion)), let target = target(result, now),
            let best = Self.bestTotal(now.criteria[..<mark], changeable: changeable, unchanged: \.hi)
        else { return false }
        // As the evaluator compares: a range fails only below the threshold's lower end.
        let most = Interval(best, best), bar = Interval(target.threshold, target.threshold)
        return (target.strict ? most.gt(bar) : most.ge(bar)) == .fail
    }

    /// For a failing pass mark written `total ≥ N` or `total > N` (alone or before `and`): whether the
    /// total can get there when every in-total score the move can change reaches its maximum. Any other
    /// form of pass mark counts as reachable.
    private func totalCanReach(_ result: CriterionResult, _ move: NearMissMove, _ now: TierAssessment) -> Bool {
        // Unchanged scores at their lower end: the total passes only once its lower end is there.
        guard let target = target(result, now),
            let best = Self.bestTotal(now.criteria[...], changeable: { canChange(move, $0, $1) }, unchanged: \.lo)
        else { return true }
        return target.strict ? best > target.threshold : best >= target.threshold
    }

    /// The in-total scores of `results` added up in document order (as the evaluator adds them), those
    /// `changeable` at their maximum and the others at `unchanged` of their points; nil when a score has
    /// no points, or a changeable one no maximum.
    private static func bestTotal(_ results: ArraySlice<CriterionResult>, changeable: (Int, CriterionResult) -> Bool,
                                  unchanged: (Interval) -> Double) -> Double? {
        var best = 0.0
        for (index, score) in results.enumerated() where score.criterion.kind == .score && score.criterion.inTotal {
            guard let points = score.points else { return nil }
            if changeable(index, score) {
                guard let max = score.criterion.maxPoints else { return nil }
                best += max
            } else {
                best += unchanged(points)
            }
        }
        return best
    }

    /// A pass mark's target for `totalCanReach`: `total ≥ N` or `total > N` with the total shown; nil for
    /// any other form.
    private func target(_ result: CriterionResult, _ now: TierAssessment) -> (strict: Bool, threshold: Double)? {
        let criterion = result.criterion
        guard let comparison = criterion.comparison, comparison == "≥" || comparison == ">",
            let threshold = result.threshold, let shown = result.value, let total = now.score, shown == total,
            totalMarks.contains(ObjectIdentifier(criterion))
        else { return nil }
        return (comparison == ">", threshold.lo)
    }

    /// `totalCanReach` for the `mark`-th result, read from the picture.
    private func totalCanReach(_ mark: Int, _ move: NearMissMove, _ picture: Picture) -> Bool {
        guard let target = picture.targets[mark] else { return true }
        let changeable = masks[move.index]
        var best = 0.0
        var scores = picture.inTotalScores
        while scores != 0 {
            let index = scores.trailingZeroBitCount
            scores &= scores - 1
            guard picture.lows[index] != nil else { return true }
            if changeable & (1 << UInt64(index)) != 0 {
                guard let max = picture.maxima[index] else { return true }
                best += max
            } else {
                best += picture.lows[index] ?? 0
            }
        }
        return target.strict ? best > target.threshold : best >= target.threshold
    }

    /// `total` followed by a comparison, with no `or` anywhere (so the comparison must hold).
    private static func startsWithTotal(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
        guard text.hasPrefix("total "), !words.contains("or") else { return false }
        return true
    }

    /// `total` compared with a number or a setting and nothing else: `total > 70`, `total >= setting('x')`.
    static func totalAgainstFixed(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard words.count == 3, words[0] == "total", [">", ">=", "≥"].contains(words[1]) else { return false }
        let bound = words[2]
        if Double(bound) != nil { return true }
        guard bound.hasPrefix("setting('"), bound.hasSuffix("')") else { return false }
        return !bound.dropFirst(9).dropLast(2).contains { $0 == "'" || $0 == "(" || $0 == ")" }
    }

    /// The registry names whose values `move` changes, as expressions spell them (a field whose unknown
    /// range is bounded by a changed one counts too: `HighTechRevenue` ≤ `TotalIncome`).
    private static func names(_ move: NearMissMove) -> [String]? {
        switch move {
        case .techStaff: ["TechStaff", "Employees"]
        case .rdExpense: ["RDExpense", "TotalCost"]  // RDExpenseDomestic contains RDExpense
        case .highTechRevenue, .revenue: ["Revenue", "TotalIncome"]  // HighTechRevenue contains Revenue
        case .conversions: ["Conversions"]
        case .classOneIP, .classTwoIP: ["ip("]
        case .highTechCertificate: ["valid("]
        case .actualProfitTax: ["tax("]
        case .waitDays: nil
        }
    }

    private static func changed(by move: NearMissMove, in version: RuleVersion) -> Set<ObjectIdentifier> {
        guard let names = names(move) else {
            // Waiting changes the registration date: what reads it is known from the compiled steps.
            let reached = version.criteriaReadingRegistration ?? version.criteria
            return Set(reached.map(ObjectIdentifier.init))
        }
        func text(_ criterion: Criterion) -> String {
            ([criterion.expression] + criterion.bands.compactMap(\.whenText)).joined(separator: " ")
        }
        var changed: Set<ObjectIdentifier> = []
        var changedIDs: [String] = []
        var totalChanges = false
        // Until nothing more changes: a criterion may read `total` before the last in-total score.
        var grew = true
        while grew {
            grew = false
            for criterion in version.criteria where !changed.contains(ObjectIdentifier(criterion)) {
                let source = text(criterion)
                let reads = names.contains { source.contains($0) } || source.contains("eligible(")
                    || changedIDs.contains { source.contains($0) } || (totalChanges && source.contains("total"))
                guard reads else { continue }
                changed.insert(ObjectIdentifier(criterion))
                changedIDs.append(criterion.id)
                if criterion.kind == .score && criterion.inTotal { totalChanges = true }
                grew = true
            }
        }
        return changed
    }
}
