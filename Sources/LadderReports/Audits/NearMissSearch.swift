import LadderCore
import LadderRules

/// Finds, for each rung above where a firm stands, the smallest change that puts it on that rung.
///
/// For each candidate move (`NearMissMove.moves(for:)`), a numeric search on a modified copy of the
/// firm finds the least amount that turns the rung's verdict to qualified: the amount doubles until
/// the verdict flips, then a binary search narrows it to one unit (one yuan, one person, one item,
/// one day), and the amount is rounded up to three significant figures. The cheapest move by
/// distance wins. When no single move is enough, the move that fixes a failing criterion (or raises
/// the score) most cheaply is applied and the search repeats, up to four steps. The search assumes
/// more of a lever never hurts; the rules' own limits (500 staff, 2亿) make such changes fail, and
/// failing gates no move can change are reported as impossible.
public struct NearMissSearch {
    /// The ladder used to re-assess modified firms (one per thread).
    public let ladder: Ladder
    /// Most steps in a plan.
    public var maxSteps = 4

    /// Creates a search over a ladder.
    public init(ladder: Ladder) { self.ladder = ladder }

    /// The near misses of one firm: one per rung above both its certified and its eligible rung.
    public func nearMisses(for firm: Enterprise, assessment: FirmAssessment) -> [NearMiss] {
        let standing = max(assessment.certified?.rung ?? 0, assessment.eligible?.rung ?? 0)
        let offLadder = assessment.certified == nil && assessment.eligible == nil
        var out: [NearMiss] = []
        for rung in assessment.rungs where rung.tier.rung > standing && rung.verdict != .qualified {
            // A rung two or more above a firm with no high-tech standing needs that rung first.
            if rung.tier == .leading && standing < Tier.highTech.rung { continue }
            var entry = NearMiss(firmID: firm.id, firmName: firm.name, district: firm.district, tier: rung.tier,
                                 verdict: rung.verdict, score: rung.score, offLadder: offLadder, outcome: .noPlan,
                                 steps: [], reasons: [], position: firm.position)
            if rung.verdict == .undetermined {
                entry.outcome = .undetermined
                entry.reasons = rung.missingNames.map { "collect \($0)" }
            } else if case let found = blockers(rung), !found.isEmpty {
                entry.outcome = .impossible
                entry.reasons = found
            } else if let version = rung.version {
                plan(firm, rung: rung, asOf: assessment.asOf, moves: NearMissMove.moves(for: version), into: &entry)
            }
            out.append(entry)
        }
        return out
    }

    /// Failing gates and prerequisites that no move can change, in words: upper limits that are
    /// exceeded (more of anything never helps), and conditions on facts no move touches.
    func blockers(_ rung: TierAssessment) -> [String] {
        guard let version = rung.version else { return ["no rule version in force"] }
        let moves = NearMissMove.moves(for: version)
        var reasons: [String] = []
        for result in rung.criteria where result.verdict == .fail {
            let criterion = result.criterion
            guard criterion.kind == .gate || criterion.kind == .prerequisite else { continue }
            let limit = criterion.comparison == "≤" || criterion.comparison == "<"
                || criterion.levers.contains { $0.direction == "decrease" }
            if !limit, moves.contains(where: { $0.touches(criterion.expression, kind: criterion.kind) }) { continue }
            let unit = criterion.unit
            let observed = result.value.map { ValueFormat.text($0, unit: unit) }
            let evidence = [observed, result.thresholdText].compactMap { $0 }.joined(separator: " vs ")
            var line = "\(result.id) \(result.name) / \(result.nameEn)"
            if !evidence.isEmpty { line += ": \(evidence)" }
            line += limit ? " — a size limit exceeded: growth never helps" : " — not changeable by the firm's figures"
            reasons.append(line)
        }
        return reasons
    }

    /// The state of a rung a step is judged by: failing gates and prerequisites first; once none
    /// fail, the pass mark and the lower end of the score.
    struct Standing: Comparable {
        var failingConditions: Int
        var failingPass: Int
        var score: Double
        static func < (a: Standing, b: Standing) -> Bool {
            if a.failingConditions != b.failingConditions { return a.failingConditions > b.failingConditions }
            if a.failingConditions > 0 { return false }
            return a.failingPass != b.failingPass ? a.failingPass > b.failingPass : a.score < b.score
        }
    }

    func standing(_ rung: TierAssessment) -> Standing {
        var conditions = 0, pass = 0
        for result in rung.criteria where result.verdict == .fail {
            switch result.criterion.kind {
            case .gate, .prerequisite: conditions += 1
            case .pass: pass += 1
            default: break
            }
        }
        return Standing(failingConditions: conditions, failingPass: pass, score: rung.score?.lo ?? 0)
    }

    func assess(_ firm: Enterprise, _ tier: Tier, asOf: Day) -> TierAssessment? {
        ladder.assess(firm, asOf: asOf, tiers: [tier])[tier]
    }

    private func plan(_ firm: Enterprise, rung: TierAssessment, asOf: Day, moves: [NearMissMove],
                      into entry: inout NearMiss) {
        let tier = rung.tier, dataYear = rung.dataYear
        var current = firm
        var now = rung
        for _ in 0..<maxSteps {
            var best: (step: NearMissStep, firm: Enterprise, flips: Bool)?
            let before = standing(now)
            for flipOnly in [true, false] {
                for move in moves {
                    let scale = move.scale(in: firm, dataYear: dataYear)
                    let goal: (TierAssessment) -> Bool = flipOnly
                        ? { $0.verdict == .qualified }
                        : { self.standing($0) > before }
                    guard let amount = minimalAmount(move, current, tier, asOf, dataYear, start: scale, goal),
                        let changed = move.applied(amount, to: current, dataYear: dataYear)
                    else { continue }
                    let distance = Double(amount) / scale
                    if let best, best.step.distance <= distance { continue }
                    let step = NearMissStep(move: move, amount: amount, year: move.changesFinance ? dataYear : nil,
                                            criteria: [], text: move.describe(amount, dataYear: dataYear, firm: current),
                                            distance: distance)
                    best = (step, changed, flipOnly)
                }
                if best != nil { break }
            }
            guard var chosen = best, let after = assess(chosen.firm, tier, asOf: asOf) else {
                entry.outcome = .noPlan
                entry.steps = []
                return
            }
            let failedBefore = Set(now.criteria.filter { $0.verdict == .fail }.map(\.id))
            chosen.step.criteria = after.criteria.filter { $0.verdict == .pass && failedBefore.contains($0.id) }.map(\.id)
            entry.steps.append(chosen.step)
            current = chosen.firm
            now = after
            if after.verdict == .qualified {
                entry.outcome = .reachable
                return
            }
            if after.verdict == .undetermined {
                // The changes settle every failing condition; what is left needs data.
                entry.outcome = .undetermined
                entry.reasons = after.missingNames.map { "then collect \($0)" }
                return
            }
        }
        entry.outcome = .noPlan
        entry.steps = []
    }

    /// The least amount of a move for which `goal` holds, or nil when no amount up to the cap does.
    /// The search starts at 1% of `start` (the move's scale), so that it needs few doublings.
    func minimalAmount(_ move: NearMissMove, _ firm: Enterprise, _ tier: Tier, _ asOf: Day, _ dataYear: Int,
                       start scale: Double, _ goal: (TierAssessment) -> Bool) -> Int64? {
        let start = min(scale * 0.01, 1e9)
        func holds(_ amount: Int64) -> Bool? {
            guard let changed = move.applied(amount, to: firm, dataYear: dataYear),
                let rung = assess(changed, tier, asOf: asOf)
            else { return nil }
            return goal(rung)
        }
        if move.isSwitch { return holds(1) == true ? 1 : nil }
        let cap: Int64 = move.isMoney ? 100_000_000_000 : (move == .waitDays ? 3_660 : 100_000)
        var low: Int64 = 0
        var high: Int64 = move.isMoney ? max(1_000, Int64(start)) : max(1, Int64(start))
        while true {
            guard let ok = holds(high) else { return nil }
            if ok { break }
            low = high
            if high >= cap { return nil }
            high = min(high * 2, cap)
        }
        // Money needs no finer answer than its rounding to three significant figures.
        while high - low > (move.isMoney ? max(1, high / 2_000) : 1) {
            let middle = low + (high - low) / 2
            if holds(middle) == true { high = middle } else { low = middle }
        }
        guard move.isMoney else { return high }
        let rounded = NearMissMove.roundedUp(high)
        return holds(rounded) == true ? rounded : high
    }
}
