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

    /// A criterion the move can change, compiled: a score's value (or a test), the nodes of its bands'
    /// `when` tests (`whens[whenRange]`) and its bands' edges (`edges[edgeRange]`).
    struct Compiled {
        let kind: CriterionKind
        let term: Int
        let whenRange: Range<Int>, edgeRange: Range<Int>
    }

    let move: NearMissMove
    /// The version's expressions that matter to the move, as one program (`SolverProgram`).
    let program: SolverProgram
    let criteria: [Compiled]
    let whens: [Int]
    let edges: [Double]
    /// The node of each numeric or test measure; a `SolverName` holds an index into this.
    let measures: [Int]
    /// The settings `growth.two-year = zero` and `growth.nonpositive-base = unknown`.
    let twoYearGrowthIsZero: Bool, nonPositiveBaseIsUnknown: Bool
    /// What a solve reads of the firm (`SolverProgram.Reads`).
    let reads: SolverProgram.Reads

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
        var program = SolverProgram()
        func compile(_ e: Expression) -> Int { program.compile(e, measures: measureIndex, numbers: numbers) }
        measures = measureTrees.map(compile)
        var criteria: [Compiled] = [], whens: [Int] = [], edges: [Double] = []
        for (criterion, tree, whenTrees) in parsed {
            let term = compile(tree), firstWhen = whens.count, firstEdge = edges.count
            whens += whenTrees.map(compile)
            edges += criterion.bands.flatMap { [$0.from, $0.to].compactMap { $0 } }
            criteria.append(Compiled(kind: criterion.kind, term: term, whenRange: firstWhen..<whens.count,
                                     edgeRange: firstEdge..<edges.count))
        }
        (self.program, self.criteria, self.whens, self.edges) = (program, criteria, whens, edges)
        reads = program.reads
    }

    /// Whether the boundaries stay the same once `taken` is applied to the firm: it changes nothing a
    /// solve reads (finance figures, IP, another rung's verdict). Waiting and the yes/no moves count
    /// as changing everything.
    func unaffected(by taken: NearMissMove) -> Bool {
        if reads.rungs { return false }
        switch taken {
        case .classOneIP, .classTwoIP: return !reads.ip
        case .waitDays, .highTechCertificate, .actualProfitTax: return false
        default: return reads.fields.allSatisfy { !taken.changes($0) }
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
            for criterion in criteria {
                switch criterion.kind {
                case .score:
                    let value = try solving.number(criterion.term)
                    for index in criterion.whenRange { _ = try solving.truth(whens[index]) }
                    for index in criterion.edgeRange { _ = try solving.compare(value, .one(.constant(edges[index]))) }
                case .measure:
                    if (try? solving.number(criterion.term)) == nil { _ = try solving.truth(criterion.term) }
                default:
                    _ = try solving.truth(criterion.term)
                }
            }
        } catch { return nil }
        if move == .waitDays {
            // Waiting moves the registration date back: every multi-year window changes where it
            // crosses into an earlier year.
            guard let registered = firm.registeredOn else { return nil }
            let day = registered.ordinal
            for back in 0...11 {
                guard let start = Day(year: registered.year - back, month: 1, day: 1) else { return nil }
                solving.crossings.append(Double(day - start.ordinal) + 0.5)
            }
        }
        var theirs: [Int64] = []
        for tier in solving.rungsRead {
            guard let boundaries = lower(tier) else { return nil }
            theirs += boundaries
        }
        var out = Self.amounts(around: &solving.crossings)
        if !theirs.isEmpty {
            out += theirs
            out.sort()
            var unique = 0  // each amount once, in order
            for index in out.indices where unique == 0 || out[unique - 1] != out[index] {
                out[unique] = out[index]
                unique += 1
            }
            out.removeLast(out.count - unique)
        }
        return out
    }

    /// The whole amounts (≥ 1) around each crossing — the one rounded up and its two neighbours — each
    /// once, ascending. Crossings that are not finite or lie far outside the amounts searched are left
    /// out; `crossings` is sorted on the way.
    static func amounts(around crossings: inout [Double]) -> [Int64] {
        crossings.removeAll { !($0.isFinite && $0 > -2 && $0 < 1e12) }
        crossings.sort()
        var out: [Int64] = []
        out.reserveCapacity(crossings.count * 3)
        var next: Int64 = 1  // the least amount not listed yet
        for root in crossings {
            // Ascending crossings round up to ascending wholes: a whole's three amounts can overlap
            // only the previous one's.
            let whole = Int64(root.rounded(.up))
            var amount = max(next, whole - 1)
            while amount <= whole + 1 {
                out.append(amount)
                amount += 1
            }
            next = max(next, whole + 2)
        }
        return out
    }
}
