import LadderCore
import LadderRules

extension NearMissSearch {
    /// The rung after a change, probed once per plan: the two greedy runs, the goals of one step and
    /// the doubling and halving of one move ask for the same changed firms again and again. A changed
    /// firm is named by the steps taken so far (from the same original firm, a `chain`), the move and
    /// the amount; each chain and move has a table, found once per candidate, not per amount asked.
    final class ProbeMemo {
        /// A move by its index: a `NearMissMove` hashes its raw value, a string.
        struct Key: Hashable {
            var chain: Int
            var move: Int
        }
        private var tables: [Key: MoveProbes] = [:]
        /// Per chain, its firm probed with every step's result kept, made on first use.
        private var bases: [Int: ProbeBase] = [:]

        func base(chain: Int, make: () -> ProbeBase) -> ProbeBase {
            if let known = bases[chain] { return known }
            let made = make()
            bases[chain] = made
            return made
        }
        /// A number per sequence of steps taken, so that a key hashes plain values.
        private var chains: [[Int64]: Int] = [:]

        func chain(_ taken: [Int64]) -> Int {
            if let id = chains[taken] { return id }
            chains[taken] = chains.count
            return chains.count - 1
        }

        /// The firm the plan starts from.
        let original: Enterprise
        /// Its scale for each move (`NearMissMove.scale`), by index, for one data year: asked for at every
        /// candidate and bound.
        private var scales: [Double] = [], scaleYear = Int.min

        init(original: Enterprise) { self.original = original }

        func scale(_ move: NearMissMove, dataYear: Int) -> Double {
            if scaleYear != dataYear {
                scales = Array(repeating: .nan, count: NearMissMove.allCases.count)
                scaleYear = dataYear
            }
            if scales[move.index].isNaN { scales[move.index] = move.scale(in: original, dataYear: dataYear) }
            return scales[move.index]
        }

        /// The boundaries of `move`'s table on the chain's firm, when it has one (itself nil: not solved).
        func boundaries(chain: Int, move: NearMissMove) -> [Int64]?? {
            tables[Key(chain: chain, move: move.index)].map(\.boundaries)
        }

        /// The table of `move` on the chain's firm, made with its boundaries on first use.
        func table(chain: Int, move: NearMissMove, boundaries: () -> [Int64]?) -> MoveProbes {
            let key = Key(chain: chain, move: move.index)
            if let known = tables[key] { return known }
            let made = MoveProbes(boundaries: boundaries())
            tables[key] = made
            return made
        }
    }

    /// What one move has given on one changed firm: where its probe can change (`NearMissSolver`; nil:
    /// not solved, every amount probed) and the probes so far, by stretch between boundaries or by amount.
    final class MoveProbes {
        let boundaries: [Int64]?
        /// Per stretch: not yet probed (`.none`), or the probe (itself nil when the move cannot be applied).
        var byStretch: [RungProbe??]
        var byAmount: [Int64: RungProbe?] = [:]

        init(boundaries: [Int64]?) {
            self.boundaries = boundaries
            byStretch = boundaries.map { [RungProbe??](repeating: .none, count: $0.count + 1) } ?? []
        }
    }

    /// The rung after `amount` of `move` on `firm`, from the table or the ladder. With boundaries,
    /// amounts in one stretch between them share one probe. (A move that cannot be applied probes as
    /// nil elsewhere but as the firm in the first stretch; it meets no goal there, and the search
    /// finds no amount for it either way.)
    func probe(_ move: NearMissMove, _ amount: Int64, on firm: Enterprise, _ tier: Tier, _ asOf: Day, _ dataYear: Int,
               in table: MoveProbes, base: () -> ProbeBase) -> RungProbe? {
        func probed() -> RungProbe? {
            // The change is written over the firm's loaded record, and only the steps that read what it
            // changes are evaluated again.
            if reusesResults {
                return move.edit(amount, on: firm, dataYear: dataYear).flatMap { ladder.probe(from: base(), editing: $0) }
            }
            return move.applied(amount, to: firm, dataYear: dataYear).flatMap { ladder.probe($0, asOf: asOf, tier: tier) }
        }
        if let boundaries = table.boundaries {
            let stretch = Self.stretch(of: amount, in: boundaries)
            if case .some(let known) = table.byStretch[stretch] { return known }
            // The first stretch holds amount 0, the firm as it is: its chain's base has that probe already.
            let result = stretch == 0 ? base().probe : probed()
            table.byStretch[stretch] = .some(result)
            return result
        }
        if let known = table.byAmount[amount] { return known }
        let result = probed()
        table.byAmount[amount] = .some(result)
        return result
    }

    /// Which stretch an amount falls in: how many boundaries are at or below it.
    static func stretch(of amount: Int64, in boundaries: [Int64]) -> Int {
        var low = 0, high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] <= amount { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Where `move` can change the rung for `firm` (assessed as `now`); nil when not solved.
    func boundaries(_ move: NearMissMove, solver: NearMissSolver?, on firm: Enterprise, _ now: TierAssessment,
                    _ asOf: Day) -> [Int64]? {
        guard solvesAmounts, let solver else { return nil }
        return solver.boundaries(firm, dataYear: now.dataYear, asOf: asOf) { tier in
            lowerBoundaries(move, tier, on: firm, dataYear: now.dataYear, asOf: asOf)
        }
    }

    /// Where `move` can change a lower rung's verdict, for a rung that reads it (`eligible(…)`); nil when
    /// not solvable, or when that rung reads another year's figures (the move changes `dataYear`'s).
    private func lowerBoundaries(_ move: NearMissMove, _ tier: Tier, on firm: Enterprise, dataYear: Int,
                                 asOf: Day) -> [Int64]? {
        guard let version = ladder.rulebook(for: tier)?.version(on: asOf), version.dataYear(of: firm, asOf: asOf) == dataYear,
            let solver = versions.solver(version, move)
        else { return nil }
        return solver.boundaries(firm, dataYear: dataYear, asOf: asOf) { lower in
            lowerBoundaries(move, lower, on: firm, dataYear: dataYear, asOf: asOf)
        }
    }

    /// The first amount `minimalAmount` asks about: 1% of the move's scale, so that it needs few doublings.
    func minimalAmountStart(_ move: NearMissMove, scale: Double) -> Int64 {
        let start = min(scale * 0.01, 1e9)
        return move.isMoney ? max(1_000, Int64(start)) : max(1, Int64(start))
    }

    /// The least amount of `move` that meets the goal: doubling from `minimalAmountStart`, then halving.
    func minimalAmount(_ move: NearMissMove, start scale: Double, probe: (Int64) -> RungProbe?,
                       _ goal: (RungProbe) -> Bool) -> Int64? {
        func holds(_ amount: Int64) -> Bool? {
            guard let rung = probe(amount) else { return nil }
            return goal(rung)
        }
        if move.isSwitch { return holds(1) == true ? 1 : nil }
        let cap: Int64 = move.isMoney ? 100_000_000_000 : (move == .waitDays ? 3_660 : 100_000)
        var low: Int64 = 0
        var high = minimalAmountStart(move, scale: scale)
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
