import LadderCore
import LadderRules

/// Where the amount of one move can change a rung, solved from the criteria's expressions instead of
/// probed for.
///
/// Each criterion the move can change (`NearMissReach`) compares figures that, as functions of the
/// amount `a`, are `AmountForm`s: `rd / revenue >= 3%` becomes `(rd + a) / revenue >= 0.03`, crossing
/// at `a = 0.03·revenue − rd`; a score's bands cross at each band edge; `total >= 70` and
/// `points('staff') > 0` change only where the scores they read change. Between two consecutive
/// crossings every criterion keeps its verdict, so the rung's probe is the same there: the search
/// probes one amount per stretch (`boundaries`), and so asks exactly what probing every amount would
/// answer. Each crossing is widened to the three whole amounts around it, so that rounding in the
/// solution cannot move a flip into the wrong stretch.
///
/// A rung read through `eligible(…)` (leading reads high-tech's verdict) adds that rung's own
/// boundaries for the same move and firm. Expressions the solver cannot follow — an unrecorded figure,
/// a product of two changing figures, a rung read whose figures are of another year — make it give up
/// for that move, and the search probes.
struct NearMissSolver {
    /// Why a move's crossings cannot be solved (the search then probes amount by amount).
    struct Unsolvable: Error {}

    let move: NearMissMove
    /// The criteria the move can change, compiled: a score's value, its bands' `when` tests and edges.
    let criteria: [(kind: CriterionKind, term: SolverTerm, whens: [SolverTerm], edges: [Double])]
    /// Numeric and test measures, compiled; a `SolverName` holds an index into this.
    let measures: [SolverTerm]
    /// The settings `growth.two-year = zero` and `growth.nonpositive-base = unknown`.
    let twoYearGrowthIsZero: Bool, nonPositiveBaseIsUnknown: Bool

    /// A solver for `move` under `version`, or nil when an expression does not parse as the rules do.
    init?(version: RuleVersion, move: NearMissMove, reach: NearMissReach) {
        guard !move.isSwitch else { return nil }  // one probe each
        self.move = move
        let settings = Dictionary(version.settings.map { ($0.id, $0.value) }, uniquingKeysWith: { $1 })
        // The settings that are numbers (`5亿`, `3%`), read once.
        let numbers = settings.compactMapValues { value in
            if case .number(let number, _)? = try? ExpressionParser.parse(value) { number } else { nil }
        }
        twoYearGrowthIsZero = settings["growth.two-year"] == "zero"
        nonPositiveBaseIsUnknown = settings["growth.nonpositive-base"] == "unknown"
        var parsed: [(Criterion, Expression, [Expression])] = []
        var measureTrees: [Expression] = []
        var measureIndex: [String: Int] = [:]
        do {
            for criterion in version.criteria {
                // A score of `when` bands alone has no value (the evaluator reads zero).
                let tree = criterion.kind == .score && criterion.expression.isEmpty
                    ? .number(0, at: 0) : try ExpressionParser.parse(criterion.expression)
                if criterion.kind == .measure {
                    // A later measure of the same id stands, as in a dictionary built in order.
                    if let index = measureIndex[criterion.id] { measureTrees[index] = tree } else {
                        measureIndex[criterion.id] = measureTrees.count
                        measureTrees.append(tree)
                    }
                }
                guard reach.canChange(move, criterion) else { continue }
                let whens = try criterion.bands.compactMap(\.whenText).map { text throws(ExpressionError) in
                    try ExpressionParser.parse(text)
                }
                parsed.append((criterion, tree, whens))
            }
        } catch { return nil }
        func compile(_ e: Expression) -> SolverTerm { SolverTerm(e, measures: measureIndex, numbers: numbers) }
        measures = measureTrees.map(compile)
        criteria = parsed.map { criterion, tree, whens in
            (criterion.kind, compile(tree), whens.map(compile), criterion.bands.flatMap { [$0.from, $0.to].compactMap { $0 } })
        }
    }

    /// The amounts (≥ 1, ascending) where the rung's probe may change as the amount grows, for `firm`
    /// assessed on `asOf` with figures of `dataYear`; nil when not solvable. A rung whose verdict the
    /// expressions read (`eligible('high-tech')`) changes only at its own boundaries, `lower(rung)` (nil:
    /// not solvable, nor then this rung).
    func boundaries(_ firm: Enterprise, dataYear: Int, asOf: Day,
                    lower: (Tier) -> [Int64]? = { _ in nil }) -> [Int64]? {
        var solving = Solving(solver: self, firm: firm, dataYear: dataYear, asOf: asOf)
        do {
            for (kind, term, whens, edges) in criteria {
                switch kind {
                case .score:
                    let value = try solving.number(term)
                    for when in whens { _ = try solving.truth(when) }
                    for edge in edges { _ = try solving.compare(value, .forms([.constant(edge)])) }
                case .measure:
                    if (try? solving.number(term)) == nil { _ = try solving.truth(term) }
                default:
                    _ = try solving.truth(term)
                }
            }
        } catch { return nil }
        if move == .waitDays {
            // Waiting moves the registration date back: every multi-year window changes where it
            // crosses into an earlier year.
            guard let registered = firm.registeredOn else { return nil }
            for back in 0...11 {
                guard let start = Day(year: registered.year - back, month: 1, day: 1) else { return nil }
                solving.crossings.append(Double(registered.ordinal - start.ordinal) + 0.5)
            }
        }
        var out: [Int64] = []
        out.reserveCapacity(solving.crossings.count * 3)
        for tier in solving.rungsRead {
            guard let theirs = lower(tier) else { return nil }
            out += theirs
        }
        for root in solving.crossings where root.isFinite && root > -2 && root < 1e12 {
            let whole = Int64(root.rounded(.up))
            for amount in (whole - 1)...(whole + 1) where amount >= 1 { out.append(amount) }
        }
        out.sort()
        var unique = 0  // each amount once, in order
        for index in out.indices where unique == 0 || out[unique - 1] != out[index] {
            out[unique] = out[index]
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }
}
