import LadderCore
import LadderRules

@testable import LadderReports

/// The near-miss solver as first written (issue 12): a plain walk of the rule expressions as an indirect
/// enum, each value an array of forms. Slow — an allocation per node — but easy to check against the
/// policy; `NearMissSolver` must return exactly its boundaries (`NearMissSolverReferenceTests`).
struct ReferenceSolver {
    /// Why a move's crossings cannot be solved (the search then probes amount by amount).
    struct Unsolvable: Error {}

    let move: NearMissMove
    /// The criteria the move can change, compiled: a score's value, its bands' `when` tests and edges.
    let criteria: [(kind: CriterionKind, term: ReferenceTerm, whens: [ReferenceTerm], edges: [Double])]
    /// Numeric and test measures, compiled; a `SolverName` holds an index into this.
    let measures: [ReferenceTerm]
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
        func compile(_ e: Expression) -> ReferenceTerm { ReferenceTerm(e, measures: measureIndex, numbers: numbers) }
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

extension ReferenceSolver {
    /// One firm's figures, read as the evaluator reads them, with the move's amount left as `a`: a walk
    /// of the version's compiled expressions (`ReferenceTerm`) that records where values can cross.
    struct Solving {
        let solver: ReferenceSolver
        let firm: Enterprise
        let dataYear: Int
        let asOf: Day
        var crossings: [Double] = []
        /// The rungs whose verdicts the expressions read (`eligible(…)`): their own boundaries count too.
        var rungsRead: [Tier] = []

        init(solver: ReferenceSolver, firm: Enterprise, dataYear: Int, asOf: Day) {
            self.solver = solver
            self.firm = firm
            self.dataYear = dataYear
            self.asOf = asOf
        }

        mutating func number(_ term: ReferenceTerm) throws(Unsolvable) -> ReferenceValue {
            switch term {
            case .number(let value): return .forms([.constant(value)])
            case .string, .not, .otherUnary: throw Unsolvable()
            case .name(let name):
                if let field = name.field { return .forms([try self.field(field, back: 0)]) }
                if let measure = name.measure { return try number(solver.measures[measure]) }
                switch name.builtIn {
                case .total: return .steps
                case .dataYear: return .forms([.constant(Double(dataYear))])
                case .ageDays:
                    guard let registered = firm.registeredOn else { throw Unsolvable() }
                    return .forms([AmountForm(Double(asOf.ordinal - registered.ordinal), slope: solver.move == .waitDays ? 1 : 0)])
                default: throw Unsolvable()
                }
            case .call(let call, let args): return try self.call(call, args)
            case .negate(let operand):
                guard case .forms(let forms) = try number(operand) else { return .steps }
                return .forms(forms.map(\.negated))
            case .binary(let op, let lhs, let rhs):
                let x = try number(lhs), y = try number(rhs)
                let result: ReferenceValue?
                switch op {
                case .add: result = ReferenceValue.combine(x, y) { $0 + $1 }
                case .subtract: result = ReferenceValue.combine(x, y) { $0 + $1.negated }
                case .multiply: result = ReferenceValue.combine(x, y) { $0 * $1 }
                case .divide: result = ReferenceValue.combine(x, y) { $0 / $1 }
                default: throw Unsolvable()
                }
                guard let result else { throw Unsolvable() }
                return result
            }
        }

        private mutating func call(_ call: SolverCall, _ args: [ReferenceTerm]) throws(Unsolvable) -> ReferenceValue {
            switch call {
            case .sum(let field, let n, let mean):
                guard let field else { throw Unsolvable() }
                guard let n else { throw Unsolvable() }
                let years = window(n)
                var total = AmountForm.constant(0)
                for year in years {
                    guard let next = total + (try self.field(field, back: dataYear - year)) else { throw Unsolvable() }
                    total = next
                }
                if !mean { return .forms([total]) }
                guard let average = total / .constant(Double(years.count)) else { throw Unsolvable() }
                return .forms([average])
            case .prev(let field, let back):
                guard let field, let back else { throw Unsolvable() }
                return .forms([try self.field(field, back: back)])
            case .growth(let field):
                guard let field else { throw Unsolvable() }
                return .forms([try growth(field)])
            case .ip(let filter):
                guard let filter else { throw Unsolvable() }
                var count = 0
                for holding in firm.ip
                where (filter.ipClass == nil || holding.ipClass == filter.ipClass)
                    && (filter.acquired == nil || holding.acquired == filter.acquired) {
                    count += holding.count
                }
                // The IP moves add items of their class, acquired by the firm itself.
                let added: IPClass? = solver.move == .classOneIP ? .one : (solver.move == .classTwoIP ? .two : nil)
                let grows = added != nil && (filter.ipClass == nil || filter.ipClass == added) && filter.acquired != .transfer
                return .forms([AmountForm(Double(count), slope: grows ? 1 : 0)])
            case .setting(let number):
                guard let number else { throw Unsolvable() }
                return .forms([.constant(number)])
            case .steps: return .steps
            case .read:
                // Expert points and ranges are read, not followed: only the crossings inside them count.
                for arg in args {
                    if case .string = arg { continue }
                    if try number(arg).varies { throw Unsolvable() }
                }
                return .steps
            case .extreme:
                guard args.count == 2, let both = ReferenceValue.union(try number(args[0]), try number(args[1])) else {
                    throw Unsolvable()
                }
                return both
            case .clamp:
                guard args.count == 3, let low = try number(args[1]).constant, let high = try number(args[2]).constant,
                    let all = ReferenceValue.union(try number(args[0]), .forms([.constant(low), .constant(high)]))
                else { throw Unsolvable() }
                return all
            case .choice:
                guard args.count == 3 else { throw Unsolvable() }
                let condition = try truth(args[0])
                let yes = try number(args[1]), no = try number(args[2])
                switch condition {
                case .pass: return yes
                case .fail: return no
                default:
                    guard let both = ReferenceValue.union(yes, no) else { throw Unsolvable() }
                    return both
                }
            case .eligible, .fact, .other: throw Unsolvable()
            }
        }

        /// A test's verdict when it does not depend on the amount; nil when it may (its crossings
        /// are recorded).
        mutating func truth(_ term: ReferenceTerm) throws(Unsolvable) -> Verdict? {
            switch term {
            case .name(let name):
                if name.builtIn == .yes { return .pass }
                if name.builtIn == .no { return .fail }
                guard let measure = name.measure else { throw Unsolvable() }
                return try truth(solver.measures[measure])
            case .call(let call, let args):
                switch call {
                case .eligible(let tier):
                    // Another rung's whole verdict: it changes only at that rung's boundaries.
                    guard let tier else { throw Unsolvable() }
                    if !rungsRead.contains(tier) { rungsRead.append(tier) }
                    return nil
                case .fact: return nil  // facts no amount changes (the certificate and tax moves are probed)
                case .choice:
                    guard args.count == 3 else { throw Unsolvable() }
                    let condition = try truth(args[0]), yes = try truth(args[1]), no = try truth(args[2])
                    switch condition {
                    case .pass: return yes
                    case .fail: return no
                    default: return nil
                    }
                default: throw Unsolvable()
                }
            case .not(let operand):
                return try truth(operand).map { $0 == .pass ? .fail : ($0 == .fail ? .pass : .unknown) }
            case .binary(.and, let lhs, let rhs):
                let x = try truth(lhs), y = try truth(rhs)
                guard let x, let y else { return nil }
                return Verdict.all([x, y])
            case .binary(.or, let lhs, let rhs):
                let x = try truth(lhs), y = try truth(rhs)
                guard let x, let y else { return nil }
                return Verdict.any([x, y])
            case .binary(let op, let lhs, let rhs):
                let x = try number(lhs), y = try number(rhs)
                guard let verdict = try compare(x, y) else { return nil }
                let (a, b) = (Interval(verdict.0), Interval(verdict.1))
                switch op {
                case .atLeast: return a.ge(b)
                case .above: return a.gt(b)
                case .atMost: return b.ge(a)
                case .below: return b.gt(a)
                case .equal: return a.eq(b)
                case .notEqual: return a.eq(b) == .pass ? .fail : .pass
                default: throw Unsolvable()
                }
            default: throw Unsolvable()
            }
        }

        /// Records where two values can cross; returns them when both are plain constants.
        mutating func compare(_ x: ReferenceValue, _ y: ReferenceValue) throws(Unsolvable) -> (Double, Double)? {
            switch (x, y) {
            case (.forms(let fs), .forms(let gs)):
                for f in fs {
                    for g in gs { crossings += AmountForm.crossings(f, g) }
                }
                if let a = x.constant, let b = y.constant { return (a, b) }
                return nil
            default:
                if x.varies || y.varies { throw Unsolvable() }  // a stepped value against a moving one
                return nil
            }
        }
        /// A finance figure `back` years before the data year; the move adds `a` to what it changes in
        /// the data year (`NearMissMove.applied`).
        private func field(_ field: FinanceField, back: Int) throws(Unsolvable) -> AmountForm {
            let grows = back == 0 && solver.move.changes(field)
            guard let raw = firm.finance(in: dataYear - back)?[field] else {
                // R&D and conversions start from nothing when unrecorded; other changes need a figure.
                if grows && (field == .rdExpense || field == .conversions) { return AmountForm(0, slope: 1) }
                throw Unsolvable()
            }
            let value = field.isMoney ? Money(fen: raw).yuan : Double(raw)
            return AmountForm(value, slope: grows ? 1 : 0)
        }

        /// The years of an `n`-year window ending at the data year, cut to the years the firm operated.
        private func window(_ n: Int) -> ClosedRange<Int> {
            let start = max(dataYear - n + 1, firm.registeredOn?.year ?? Int.min)
            return min(start, dataYear)...dataYear
        }

        /// `Growth.rate` with the last year's figure growing by `a`.
        private func growth(_ field: FinanceField) throws(Unsolvable) -> AmountForm {
            let count = window(3).count
            if count <= 1 { return .constant(0) }
            let last = try self.field(field, back: 0)
            guard let v2 = try self.field(field, back: 1).constant else { throw Unsolvable() }
            func twoYear(_ base: Double) throws(Unsolvable) -> AmountForm {
                if base == 0 { return .constant(0) }
                if base < 0 { return try nonPositive() }
                guard let rate = last / .constant(base), let minusOne = rate + .constant(-1) else { throw Unsolvable() }
                return minusOne
            }
            if count == 2 { return solver.twoYearGrowthIsZero ? .constant(0) : try twoYear(v2) }
            guard let v1 = try self.field(field, back: 2).constant else { throw Unsolvable() }
            if v1 == 0 { return try twoYear(v2) }
            if v2 == 0 { return .constant(0) }
            if v1 < 0 || v2 < 0 { return try nonPositive() }
            guard let ratio = last / .constant(v2), let sum = ratio + .constant(v2 / v1),
                let half = sum * .constant(0.5), let rate = half + .constant(-1)
            else { throw Unsolvable() }
            return rate
        }

        private func nonPositive() throws(Unsolvable) -> AmountForm {
            if solver.nonPositiveBaseIsUnknown { throw Unsolvable() }
            return .constant(0)
        }
    }
}
indirect enum ReferenceTerm {
    case number(Double)
    case string
    case name(SolverName)
    case call(SolverCall, [ReferenceTerm])
    /// Unary `-`.
    case negate(ReferenceTerm)
    /// Unary `not`.
    case not(ReferenceTerm)
    /// Any other unary operator (never solvable).
    case otherUnary
    case binary(SolverOperator, ReferenceTerm, ReferenceTerm)

    /// Compiles a parsed expression; `measures` gives a measure id's index in the compiled measures.
    init(_ expression: Expression, measures: [String: Int], numbers: [String: Double]) {
        func compile(_ e: Expression) -> ReferenceTerm { ReferenceTerm(e, measures: measures, numbers: numbers) }
        switch expression {
        case .number(let value, _): self = .number(value)
        case .string: self = .string
        case .identifier(let name, _): self = .name(SolverName(name, measure: measures[name]))
        case .call(let name, let args, _): self = .call(SolverCall(name, args, numbers: numbers), args.map(compile))
        case .unary(let op, let operand, _):
            switch op {
            case "-": self = .negate(compile(operand))
            case "not": self = .not(compile(operand))
            default: self = .otherUnary
            }
        case .binary(let op, let lhs, let rhs, _): self = .binary(SolverOperator(op), compile(lhs), compile(rhs))
        }
    }
}
enum ReferenceValue {
    case forms([AmountForm])
    case steps

    /// Whether some form varies with the amount.
    var varies: Bool {
        if case .forms(let forms) = self { return forms.contains(where: \.varies) }
        return false
    }

    /// The one constant it is, if it is one.
    var constant: Double? {
        if case .forms(let forms) = self, forms.count == 1 { return forms[0].constant }
        return nil
    }

    /// Every pairing of two values' forms through `op`; nil when a pairing leaves the form.
    static func combine(_ x: ReferenceValue, _ y: ReferenceValue, _ op: (AmountForm, AmountForm) -> AmountForm?) -> ReferenceValue? {
        switch (x, y) {
        case (.forms(let fs), .forms(let gs)):
            var out: [AmountForm] = []
            for f in fs {
                for g in gs {
                    guard let h = op(f, g) else { return nil }
                    if !out.contains(h) { out.append(h) }
                }
            }
            return .forms(out)
        default:
            // A stepped value with one that varies continuously: its crossings are not known.
            return x.varies || y.varies ? nil : .steps
        }
    }

    /// Both values' forms (`max`, `min`, the branches of an `if`).
    static func union(_ x: ReferenceValue, _ y: ReferenceValue) -> ReferenceValue? {
        switch (x, y) {
        case (.forms(let fs), .forms(let gs)): return .forms(fs + gs.filter { !fs.contains($0) })
        default: return x.varies || y.varies ? nil : .steps
        }
    }
}

extension AmountForm {
    /// The crossings of `f` and `g` as an array, as the reference reads them.
    static func crossings(_ f: AmountForm, _ g: AmountForm) -> [Double] {
        var roots: [Double] = []
        crossings(f, g, into: &roots)
        return roots
    }
}
