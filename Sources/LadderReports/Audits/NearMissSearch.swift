import LadderCore
import LadderRules

/// Finds, for each rung above where a firm stands, the smallest change that puts it on that rung.
///
/// For each candidate move (`NearMissMove.moves(for:)`), a numeric search on a modified copy of the
/// firm finds the least amount that turns the rung's verdict to qualified: the amount doubles until
/// the verdict flips, then a binary search narrows it to one unit (one yuan, one person, one item,
/// one day), and the amount is rounded up to three significant figures. The cheapest move by
/// distance wins. When no single move is enough, the move that fixes a failing condition most cheaply
/// (or, once none fails, gains most score per unit of distance) is applied and the search repeats, up
/// to six steps; steps the final plan does not need are then dropped. The plan is greedy, not proven
/// minimal. The search assumes
/// more of a lever never hurts; the rules' own limits (500 staff, 2亿) make such changes fail, and
/// failing gates no move can change are reported as impossible.
public struct NearMissSearch {
    /// The ladder used to re-assess modified firms (one per thread).
    public let ladder: Ladder
    /// Most steps in a plan.
    public var maxSteps = 6
    /// Skip, unprobed, moves that cannot reach a step's goal at any amount (`NearMissReach`). Off, every
    /// move is probed: the plans are the same, only slower (tests compare the two).
    public var skipsUnreachableMoves = true
    /// Probe one amount per stretch between the amounts where a move can change a criterion, solved from
    /// the expressions (`NearMissSolver`), instead of every amount the search asks about. Off, every
    /// amount is probed: the plans are the same, only slower (tests compare the two).
    public var solvesAmounts = true
    /// Probe a change by re-evaluating only the steps that read what it changes (`Ladder.probe(from:editing:)`).
    /// Off, every step is evaluated: the plans are the same, only slower (tests compare the two).
    public var reusesResults = true
    /// Search moves closest bound first and stop at a bound beyond the closest plan step found (the bound:
    /// the move's first boundary; below it the firm is as it is); once no condition fails, by the most
    /// points per distance they could gain (`NearMissReach.headroom` over the bound, when moves are
    /// skipped by reach), stopping below the best gain found. Off, every move is searched: the plans are
    /// the same, only slower (tests compare the two).
    public var boundsDistances = true
    /// Run the second greedy (building up by points) only when the first took a qualifying move before its
    /// last step; until then the two choose alike. Off, both always run: the plans are the same, only slower.
    public var sharesRuns = true
    /// Keep, from one step of a greedy run to the next, each move's closest step towards fewer failing
    /// conditions while the moves taken share none of its conditions (`CarriedSteps`), and each move's
    /// boundaries when the step taken changed nothing its solve reads (`NearMissSolver.unaffected(by:)`).
    /// Off, every step searches and solves every move again: the plans are the same, only slower (tests
    /// compare the two).
    public var carriesSteps = true

    /// What each rule version allows, worked out from its expressions' text once, not per firm.
    let versions = VersionMoves()

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
                let missing = rung.missingNames
                entry.reasons = missing.map { "collect \($0)" }
                entry.reasonsZh = missing.map { "需补充\(versions.chinese($0))" }
            } else if case let found = blockers(rung), !found.isEmpty {
                entry.outcome = .impossible
                entry.reasons = found.map(\.en)
                entry.reasonsZh = found.map(\.zh)
            } else if let version = rung.version {
                let known = versions.of(version)
                // No plan to find: the greedy runs would only end without one.
                if skipsUnreachableMoves, known.reach.staysNotQualified(rung, moves: known.moves) {
                    noPlan(&entry)
                } else {
                    plan(firm, rung: rung, asOf: assessment.asOf, moves: known.moves, into: &entry)
                }
            }
            out.append(entry)
        }
        return out
    }

    /// Failing gates and prerequisites that no move can change, in words (English and Chinese): upper
    /// limits that are exceeded (more of anything never helps), and conditions on facts no move touches.
    func blockers(_ rung: TierAssessment) -> [(en: String, zh: String)] {
        guard let version = rung.version else { return [("no rule version in force", "没有施行中的规则版本")] }
        let changeable = versions.of(version).changeable
        var reasons: [(en: String, zh: String)] = []
        for result in rung.criteria where result.verdict == .fail {
            let criterion = result.criterion
            guard criterion.kind == .gate || criterion.kind == .prerequisite else { continue }
            let limit = criterion.comparison == "≤" || criterion.comparison == "<"
                || criterion.levers.contains { $0.direction == "decrease" }
            if !limit, changeable.contains(ObjectIdentifier(criterion)) { continue }
            let unit = criterion.unit
            let observed = result.value.map { ValueFormat.text($0, unit: unit) }
            let evidence = [observed, result.thresholdText].compactMap { $0 }
            let evidenceZh = [observed.map { "现为 \($0)" }, result.thresholdText.map { "门槛 \($0)" }].compactMap { $0 }
            var en = "\(result.id) \(result.name) / \(result.nameEn)"
            var zh = "\(result.id) \(result.name)"
            if !evidence.isEmpty {
                en += ": " + evidence.joined(separator: " vs ")
                zh += "：" + evidenceZh.joined(separator: "，")
            }
            en += limit ? " — a size limit exceeded: growth never helps" : " — not changeable by the firm's figures"
            zh += limit ? "——超过规模上限，增长无济于事" : "——不是企业数据的变化能满足的条件"
            reasons.append((en, zh))
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

    func standing(_ probe: RungProbe) -> Standing {
        Standing(failingConditions: probe.failingConditions, failingPass: probe.failingPass, score: probe.score?.lo ?? 0)
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
        ladder.assess(firm, asOf: asOf, tier: tier)
    }

    /// Runs the greedy search twice — taking a single qualifying move as soon as one exists, and
    /// building up by points per distance — and keeps the closer plan.
    private func plan(_ firm: Enterprise, rung: TierAssessment, asOf: Day, moves: [NearMissMove],
                      into entry: inout NearMiss) {
        var quick = entry, built = entry
        let memo = ProbeMemo(original: firm)
        let flippedEarly = greedy(firm, rung: rung, asOf: asOf, moves: moves, flipFirst: true, memo: memo, into: &quick)
        // Until the quick run takes a flip, the two runs choose alike (the built run also looks for one
        // at its last step): without an earlier flip, the built run is the quick run again.
        if flippedEarly || !sharesRuns {
            greedy(firm, rung: rung, asOf: asOf, moves: moves, flipFirst: false, memo: memo, into: &built)
        } else {
            built = quick
        }
        // Steps are worded only for the plan kept. Wording stops at a step that cannot be applied in
        // turn, shortening the plan; should either plan have such a step, both are worded first, since
        // the choice reads their distances.
        let dataYear = rung.dataYear
        let applies = [quick, built].allSatisfy { applying($0.steps, to: firm, dataYear: dataYear) != nil }
        if !applies {
            quick.steps = labelled(quick.steps, firm, rung, asOf: asOf)
            built.steps = labelled(built.steps, firm, rung, asOf: asOf)
        }
        switch (quick.distance, built.distance) {
        case let (q?, b?): entry = b < q ? built : quick
        case (nil, _?): entry = built
        default: entry = quick
        }
        if applies { entry.steps = labelled(entry.steps, firm, rung, asOf: asOf) }
    }

    /// Returns whether it took a flip (a single move that qualifies) before the last step.
    @discardableResult
    private func greedy(_ firm: Enterprise, rung: TierAssessment, asOf: Day, moves: [NearMissMove], flipFirst: Bool,
                        memo: ProbeMemo, into entry: inout NearMiss) -> Bool {
        var current = firm
        var now = rung
        var steps: [NearMissStep] = []
        var taken: [Int64] = []  // the steps so far as memo keys: move index and amount, in turn
        var flippedEarly = false
        var carried = CarriedSteps()
        for _ in 0..<maxSteps {
            guard let chosen = bestStep(from: current, now, original: firm, asOf: asOf, moves: moves,
                                        flipFirst: flipFirst || steps.count == maxSteps - 1, taken: taken, memo: memo,
                                        carried: &carried)
            else { break }
            if chosen.flip && steps.count < maxSteps - 1 { flippedEarly = true }
            steps.append(chosen.step)
            taken += [Int64(chosen.step.move.index), chosen.step.amount]
            // A move whose probe was made can be applied: both fail alike, whatever the amount.
            guard let next = chosen.step.move.applied(chosen.step.amount, to: current, dataYear: rung.dataYear) else { break }
            current = next
            // The full assessment only for the step taken; candidates were judged by probes.
            guard let after = assess(current, rung.tier, asOf: asOf) else { break }
            let version = now.version
            now = after
            // Steps carried were found under the version before the step.
            if let version, now.version === version {
                carried.taken(chosen.step.move, reach: versions.of(version).reach)
            } else {
                carried = CarriedSteps()
            }
            if now.verdict == .qualified {
                entry.outcome = .reachable
                entry.steps = pruned(merged(steps), firm, rung, asOf: asOf, keeping: .qualified)  // worded by `plan`
                return flippedEarly
            }
            if now.verdict == .undetermined {
                // The changes settle every failing condition; what is left needs data.
                entry.outcome = .undetermined
                entry.steps = pruned(merged(steps), firm, rung, asOf: asOf, keeping: .undetermined)
                let missing = now.missingNames
                entry.reasons = missing.map { "then collect \($0)" }
                entry.reasonsZh = missing.map { "再补充\(versions.chinese($0))" }
                return flippedEarly
            }
        }
        noPlan(&entry)
        return flippedEarly
    }

    private func noPlan(_ entry: inout NearMiss) {
        entry.outcome = .noPlan
        entry.reasons = ["no plan of up to \(maxSteps) changes found"]
        entry.reasonsZh = ["\(maxSteps) 项以内的改动找不到方案"]
    }

    /// Applies steps in order to a firm (nil when one cannot be applied).
    private func applying(_ steps: [NearMissStep], to firm: Enterprise, dataYear: Int) -> Enterprise? {
        var current = firm
        for step in steps {
            guard let next = step.move.applied(step.amount, to: current, dataYear: dataYear) else { return nil }
            current = next
        }
        return current
    }

    /// Joins repeated steps of the same move into one (moves add up), keeping first-use order.
    private func merged(_ steps: [NearMissStep]) -> [NearMissStep] {
        var out: [NearMissStep] = []
        for step in steps {
            if let index = out.firstIndex(where: { $0.move == step.move && $0.year == step.year }) {
                out[index].amount += step.amount
                out[index].distance += step.distance
            } else {
                out.append(step)
            }
        }
        return out
    }

    /// Drops steps the plan does not need, most distant first, as long as the verdict stays `keeping`.
    private func pruned(_ steps: [NearMissStep], _ firm: Enterprise, _ rung: TierAssessment, asOf: Day,
                        keeping verdict: TierVerdict) -> [NearMissStep] {
        var kept = steps
        for step in steps.sorted(by: { $0.distance > $1.distance }) where kept.count > 1 {
            guard let index = kept.firstIndex(of: step) else { continue }
            var without = kept
            without.remove(at: index)
            // The verdict alone: a probe decides it as the full assessment does.
            if let changed = applying(without, to: firm, dataYear: rung.dataYear),
                ladder.probe(changed, asOf: asOf, tier: rung.tier)?.verdict == verdict {
                kept = without
            }
        }
        return kept
    }

    /// The criteria (by id, in order) that fail in `before` and pass in `after`.
    static func turned(from before: TierAssessment, to after: TierAssessment) -> [String] {
        guard before.version === after.version, before.criteria.count == after.criteria.count else {
            let failed = Set(before.criteria.filter { $0.verdict == .fail }.map(\.id))
            return after.criteria.filter { $0.verdict == .pass && failed.contains($0.id) }.map(\.id)
        }
        // One version lists its criteria in one order.
        var turned: [String] = []
        for index in after.criteria.indices
        where before.criteria[index].verdict == .fail && after.criteria[index].verdict == .pass {
            turned.append(after.criteria[index].id)
        }
        return turned
    }

    /// Names, for each step, the criteria it turns from fail to pass.
    private func labelled(_ steps: [NearMissStep], _ firm: Enterprise, _ rung: TierAssessment, asOf: Day) -> [NearMissStep] {
        var current = firm
        var now = rung
        var out: [NearMissStep] = []
        for var step in steps {
            guard let next = step.move.applied(step.amount, to: current, dataYear: rung.dataYear),
                let after = assess(next, rung.tier, asOf: asOf)
            else { break }
            step.criteria = Self.turned(from: now, to: after)
            step.text = step.move.describe(step.amount, dataYear: rung.dataYear, firm: current)
            out.append(step)
            current = next
            now = after
        }
        return out
    }
}
