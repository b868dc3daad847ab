import LadderCore
import LadderRules

extension NearMissSearch {
    /// A move's least amount for a step's goal, with the rung after it (the gain step reads its score).
    struct Candidate {
        var step: NearMissStep
        var after: RungProbe
    }

    /// The step a greedy run takes, and whether it is a single move that qualifies.
    typealias Chosen = (step: NearMissStep, flip: Bool)

    /// The cheapest move that puts the firm on the rung; failing that, the cheapest that fixes a
    /// failing condition; once none fails, the one that gains most score per unit of distance.
    func bestStep(from firm: Enterprise, _ now: TierAssessment, original: Enterprise, asOf: Day,
                  moves: [NearMissMove], flipFirst: Bool, taken: [Int64], memo: ProbeMemo,
                  carried: inout CarriedSteps) -> Chosen? {
        let tier = now.tier, dataYear = now.dataYear
        let before = standing(now)
        let chain = memo.chain(taken)
        let known = now.version.map { versions.of($0) }
        // Moves that cannot reach the goal at any amount are skipped unprobed (`NearMissReach`).
        let reach = skipsUnreachableMoves ? known?.reach : nil
        let picture = reach?.picture(of: now)
        // The chain before the last step taken, and that step's move: a move's boundaries there stand
        // here when the step changed nothing its solve reads.
        let parent = carriesSteps && taken.count >= 2
            ? (chain: memo.chain(Array(taken.dropLast(2))), move: NearMissMove.allCases[Int(taken[taken.count - 2])])
            : nil

        func table(_ move: NearMissMove) -> MoveProbes {
            memo.table(chain: chain, move: move) {
                let solver = known?.solvers[move.index]
                if let parent, let solver, solver.unaffected(by: parent.move),
                    case .some(let kept) = memo.boundaries(chain: parent.chain, move: move) {
                    return kept
                }
                return self.boundaries(move, solver: solver, on: firm, now, asOf)
            }
        }
        func probe(_ move: NearMissMove, _ table: MoveProbes, _ amount: Int64) -> RungProbe? {
            self.probe(move, amount, on: firm, tier, asOf, dataYear, in: table) {
                memo.base(chain: chain) { self.ladder.probeBase(firm, asOf: asOf, tier: tier) }
            }
        }
        func candidate(_ move: NearMissMove, _ goal: (RungProbe) -> Bool) -> Candidate? {
            let scale = memo.scale(move, dataYear: dataYear)
            let table = table(move)
            guard let amount = minimalAmount(move, start: scale, probe: { probe(move, table, $0) }, goal),
                let after = probe(move, table, amount)
            else { return nil }
            let step = NearMissStep(move: move, amount: amount, year: move.changesFinance ? dataYear : nil, criteria: [],
                                    text: "",  // worded by `labelled` for the steps a plan keeps
                                    distance: Double(amount) / scale)
            return Candidate(step: step, after: after)
        }
        // A distance the move cannot reach the goal below: its first boundary. The amounts below it share
        // the stretch of amount 0, the firm as it is, which misses every goal a step looks for (it is not
        // qualified, and its standing is not above itself).
        func leastDistance(_ move: NearMissMove) -> Double {
            guard boundsDistances, !move.isSwitch, let boundaries = table(move).boundaries else { return 0 }
            guard let first = boundaries.first else { return .infinity }  // one stretch: never the goal
            return Double(first) / memo.scale(move, dataYear: dataYear)
        }
        // The closest of `moves` to the goal, the first in order on a tie: moves are tried closest bound
        // first, and those whose bound is beyond the closest found so far are not searched. Carrying, a
        // move's step found at an earlier step (`carried`) is its own bound.
        func closest(_ moves: [NearMissMove], carrying: Bool = false, _ goal: (RungProbe) -> Bool) -> NearMissStep? {
            func bound(_ move: NearMissMove) -> Double {
                if carrying, case .some(let carriedStep) = carried[move] { return carriedStep?.distance ?? .infinity }
                return leastDistance(move)
            }
            let bounded = moves.enumerated().map { (order: $0.offset, move: $0.element, bound: bound($0.element)) }
                .sorted { ($0.bound, $0.order) < ($1.bound, $1.order) }
            var best: (step: NearMissStep, order: Int)?
            for entry in bounded {
                if entry.bound == .infinity { break }  // never the goal, at any amount
                if boundsDistances, let best, entry.bound > best.step.distance { break }
                let found: NearMissStep?
                if carrying, case .some(let carriedStep) = carried[entry.move] {
                    found = carriedStep
                } else {
                    found = candidate(entry.move, goal)?.step
                    if carrying { carried[entry.move] = .some(found) }
                }
                guard let found else { continue }
                if let best, (best.step.distance, best.order) <= (found.distance, entry.order) { continue }
                best = (found, entry.order)
            }
            return best?.step
        }
        // The move that gains most points per unit of distance, the first in order on a tie (as
        // `max(by:)` keeps it). Moves are tried by the most they could gain, their headroom over their
        // bound (points are clamped to each score's maximum: the evaluator's bands and sums give no NaN),
        // and those that could not beat the best found so far are not searched.
        func mostGaining(_ moves: [NearMissMove], _ goal: (RungProbe) -> Bool) -> NearMissStep? {
            func gain(_ c: Candidate) -> Double {
                let points = max((c.after.score?.lo ?? 0) - before.score, 0.001)
                return points / max(c.step.distance, 1e-9)
            }
            func mostGain(_ move: NearMissMove) -> Double {
                guard boundsDistances, let headroom = reach?.headroom(move, picture) else { return .infinity }
                // A little over the headroom: the evaluator's sums may round otherwise than this one.
                let points = max(headroom + 1e-9 * (1 + headroom), 0.001)
                return points / max(leastDistance(move), 1e-9)
            }
            let bounded = moves.enumerated().map { (order: $0.offset, move: $0.element, most: mostGain($0.element)) }
                .sorted { $0.most != $1.most ? $0.most > $1.most : $0.order < $1.order }
            var best: (step: NearMissStep, gain: Double, order: Int)?
            for entry in bounded {
                if let best, entry.most < best.gain { break }
                guard let found = candidate(entry.move, goal) else { continue }
                let gained = gain(found)
                if let best, best.gain > gained || (best.gain == gained && best.order < entry.order) { continue }
                best = (found.step, gained, entry.order)
            }
            return best?.step
        }

        if flipFirst, let flip = closest(moves.filter({ reach?.canQualify($0, now, picture) ?? true }), { $0.verdict == .qualified }) {
            return (flip, true)
        }
        let progressing = moves.filter {
            reach?.canProgress($0, now, failingConditions: before.failingConditions, picture) ?? true
        }
        if before.failingConditions > 0 {
            return closest(progressing, carrying: carriesSteps) { self.standing($0) > before }.map { ($0, false) }
        }
        return mostGaining(progressing) { self.standing($0) > before }.map { ($0, false) }
    }
}
