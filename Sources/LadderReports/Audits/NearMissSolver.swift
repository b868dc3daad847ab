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
/// Expressions the solver cannot follow — an unrecorded figure, `eligible(…)` (another rung's whole
/// verdict), a product of two changing figures — make it give up for that move, and the search probes.
struct NearMissSolver {
    /// Why a move's crossings cannot be solved (the search then probes amount by amount).
    struct Unsolvable: Error {}

    let move: NearMissMove
    /// The criteria the move can change, with their expressions parsed.
    private let criteria: [(criterion: Criterion, tree: Expression, whens: [Expression])]
    /// Numeric and test measures by id, parsed.
    private let measures: [String: Expression]
    private let settings: [String: String]
    /// The settings that are numbers (`5亿`, `3%`), read once.
    private let numbers: [String: Double]

    /// A solver for `move` under `version`, or nil when an expression does not parse as the rules do.
    init?(version: RuleVersion, move: NearMissMove, reach: NearMissReach) {
        guard !move.isSwitch else { return nil }  // one probe each
        self.move = move
        var criteria: [(Criterion, Expression, [Expression])] = []
        var measures: [String: Expression] = [:]
        do {
            for criterion in version.criteria {
                let tree = try ExpressionParser.parse(criterion.expression)
                if criterion.kind == .measure { measures[criterion.id] = tree }
                guard reach.canChange(move, criterion) else { continue }
                let whens = try criterion.bands.compactMap(\.whenText).map { text throws(ExpressionError) in
                    try ExpressionParser.parse(text)
                }
                criteria.append((criterion, tree, whens))
            }
        } catch { return nil }
        self.criteria = criteria
        self.measures = measures
        settings = Dictionary(version.settings.map { ($0.id, $0.value) }, uniquingKeysWith: { $1 })
        numbers = settings.compactMapValues { value in
            if case .number(let number, _)? = try? ExpressionParser.parse(value) { number } else { nil }
        }
    }

    /// The amounts (≥ 1, ascending) where the rung's probe may change as the amount grows, for `firm`
    /// assessed on `asOf` with figures of `dataYear`; nil when not solvable.
    func boundaries(_ firm: Enterprise, dataYear: Int, asOf: Day) -> [Int64]? {
        var solving = Solving(solver: self, firm: firm, dataYear: dataYear, asOf: asOf)
        do {
            for (criterion, tree, whens) in criteria {
                switch criterion.kind {
                case .score:
                    let value = try solving.number(tree)
                    for when in whens { _ = try solving.truth(when) }
                    for band in criterion.bands {
                        for edge in [band.from, band.to].compactMap({ $0 }) {
                            _ = try solving.compare(value, .forms([.constant(edge)]))
                        }
                    }
                case .measure:
                    if (try? solving.number(tree)) == nil { _ = try solving.truth(tree) }
                default:
                    _ = try solving.truth(tree)
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
        var out = Set<Int64>()
        for root in solving.crossings where root.isFinite && root > -2 && root < 1e12 {
            let whole = Int64(root.rounded(.up))
            for amount in (whole - 1)...(whole + 1) where amount >= 1 { out.insert(amount) }
        }
        return out.sorted()
    }

    /// One firm's figures, read as the evaluator reads them, with the move's amount left as `a`.
    private struct Solving {
        let solver: NearMissSolver
        let firm: Enterprise
        let dataYear: Int
        let asOf: Day
        var crossings: [Double] = []

        init(solver: NearMissSolver, firm: Enterprise, dataYear: Int, asOf: Day) {
            self.solver = solver
            self.firm = firm
            self.dataYear = dataYear
            self.asOf = asOf
        }

        mutating func number(_ expression: Expression) throws(Unsolvable) -> AmountValue {
            switch expression {
            case .number(let value, _): return .forms([.constant(value)])
            case .string: throw Unsolvable()
            case .identifier(let name, _):
                if let field = FinanceField(name: name) { return .forms([try self.field(field, back: 0)]) }
                if let measure = solver.measures[name] { return try number(measure) }
                switch name {
                case "total": return .steps
                case "DataYear": return .forms([.constant(Double(dataYear))])
                case "AgeDays":
                    guard let registered = firm.registeredOn else { throw Unsolvable() }
                    return .forms([AmountForm(Double(asOf.ordinal - registered.ordinal), slope: solver.move == .waitDays ? 1 : 0)])
                default: throw Unsolvable()
                }
            case .call(let name, let args, _): return try call(name, args)
            case .unary(let op, let operand, _):
                guard op == "-" else { throw Unsolvable() }
                guard case .forms(let forms) = try number(operand) else { return .steps }
                return .forms(forms.map(\.negated))
            case .binary(let op, let lhs, let rhs, _):
                let x = try number(lhs), y = try number(rhs)
                let result: AmountValue?
                switch op {
                case "+": result = AmountValue.combine(x, y) { $0 + $1 }
                case "-": result = AmountValue.combine(x, y) { $0 + $1.negated }
                case "*": result = AmountValue.combine(x, y) { $0 * $1 }
                case "/": result = AmountValue.combine(x, y) { $0 / $1 }
                default: throw Unsolvable()
                }
                guard let result else { throw Unsolvable() }
                return result
            }
        }

        private mutating func call(_ name: String, _ args: [Expression]) throws(Unsolvable) -> AmountValue {
            switch name {
            case "sum", "avg":
                let field = try fieldArgument(args, 0)
                let years = window(try integer(args, 1))
                var total = AmountForm.constant(0)
                for year in years {
                    guard let next = total + (try self.field(field, back: dataYear - year)) else { throw Unsolvable() }
                    total = next
                }
                if name == "sum" { return .forms([total]) }
                guard let mean = total / .constant(Double(years.count)) else { throw Unsolvable() }
                return .forms([mean])
            case "prev": return .forms([try field(try fieldArgument(args, 0), back: try integer(args, 1))])
            case "growth": return .forms([try growth(try fieldArgument(args, 0))])
            case "ip":
                let classText = try text(args, 0)
                let acquiredText = args.count > 1 ? try text(args, 1) : "any"
                let ipClass = IPClass(rawValue: classText), acquired = IPAcquisition(rawValue: acquiredText)
                guard ipClass != nil || classText == "any", acquired != nil || acquiredText == "any" else { throw Unsolvable() }
                var count = 0
                for holding in firm.ip
                where (ipClass == nil || holding.ipClass == ipClass) && (acquired == nil || holding.acquired == acquired) {
                    count += holding.count
                }
                // The IP moves add items of their class, acquired by the firm itself.
                let added: IPClass? = solver.move == .classOneIP ? .one : (solver.move == .classTwoIP ? .two : nil)
                let grows = added != nil && (ipClass == nil || ipClass == added) && acquired != .transfer
                return .forms([AmountForm(Double(count), slope: grows ? 1 : 0)])
            case "setting":
                guard let number = solver.numbers[try text(args, 0)] else { throw Unsolvable() }
                return .forms([.constant(number)])
            case "points", "incidents": return .steps
            case "expert", "range":
                // Expert points and ranges are read, not followed: only the crossings inside them count.
                for arg in args {
                    if case .string = arg { continue }
                    if try number(arg).varies { throw Unsolvable() }
                }
                return .steps
            case "min", "max":
                guard args.count == 2, let both = AmountValue.union(try number(args[0]), try number(args[1])) else {
                    throw Unsolvable()
                }
                return both
            case "clamp":
                guard args.count == 3, let low = try number(args[1]).constant, let high = try number(args[2]).constant,
                    let all = AmountValue.union(try number(args[0]), .forms([.constant(low), .constant(high)]))
                else { throw Unsolvable() }
                return all
            case "if":
                guard args.count == 3 else { throw Unsolvable() }
                let condition = try truth(args[0])
                let yes = try number(args[1]), no = try number(args[2])
                switch condition {
                case .pass: return yes
                case .fail: return no
                default:
                    guard let both = AmountValue.union(yes, no) else { throw Unsolvable() }
                    return both
                }
            default: throw Unsolvable()
            }
        }

        /// A test's verdict when it does not depend on the amount; nil when it may (its crossings
        /// are recorded).
        mutating func truth(_ expression: Expression) throws(Unsolvable) -> Verdict? {
            switch expression {
            case .identifier("true", _): return .pass
            case .identifier("false", _): return .fail
            case .identifier(let name, _):
                guard let measure = solver.measures[name] else { throw Unsolvable() }
                return try truth(measure)
            case .call(let name, let args, _):
                switch name {
                case "eligible": throw Unsolvable()  // another rung's whole verdict
                case "valid", "award", "institution", "standard", "consortium", "resident", "tax", "industryIn",
                    "techDomain", "active":
                    return nil  // facts no amount changes (the certificate and tax moves are probed)
                case "if":
                    guard args.count == 3 else { throw Unsolvable() }
                    let condition = try truth(args[0]), yes = try truth(args[1]), no = try truth(args[2])
                    switch condition {
                    case .pass: return yes
                    case .fail: return no
                    default: return nil
                    }
                default: throw Unsolvable()
                }
            case .unary("not", let operand, _):
                return try truth(operand).map { $0 == .pass ? .fail : ($0 == .fail ? .pass : .unknown) }
            case .binary("and", let lhs, let rhs, _):
                let x = try truth(lhs), y = try truth(rhs)
                guard let x, let y else { return nil }
                return Verdict.all([x, y])
            case .binary("or", let lhs, let rhs, _):
                let x = try truth(lhs), y = try truth(rhs)
                guard let x, let y else { return nil }
                return Verdict.any([x, y])
            case .binary(let op, let lhs, let rhs, _):
                let x = try number(lhs), y = try number(rhs)
                guard let verdict = try compare(x, y) else { return nil }
                let (a, b) = (Interval(verdict.0), Interval(verdict.1))
                switch op {
                case ">=": return a.ge(b)
                case ">": return a.gt(b)
                case "<=": return b.ge(a)
                case "<": return b.gt(a)
                case "=": return a.eq(b)
                case "!=": return a.eq(b) == .pass ? .fail : .pass
                default: throw Unsolvable()
                }
            default: throw Unsolvable()
            }
        }

        /// Records where two values can cross; returns them when both are plain constants.
        mutating func compare(_ x: AmountValue, _ y: AmountValue) throws(Unsolvable) -> (Double, Double)? {
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
            if count == 2 { return solver.settings["growth.two-year"] == "zero" ? .constant(0) : try twoYear(v2) }
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
            if solver.settings["growth.nonpositive-base"] == "unknown" { throw Unsolvable() }
            return .constant(0)
        }

        private func fieldArgument(_ args: [Expression], _ index: Int) throws(Unsolvable) -> FinanceField {
            guard index < args.count, case .identifier(let name, _) = args[index], let field = FinanceField(name: name)
            else { throw Unsolvable() }
            return field
        }

        private func integer(_ args: [Expression], _ index: Int) throws(Unsolvable) -> Int {
            guard index < args.count, case .number(let value, _) = args[index], value >= 0, value == value.rounded()
            else { throw Unsolvable() }
            return Int(value)
        }

        private func text(_ args: [Expression], _ index: Int) throws(Unsolvable) -> String {
            guard index < args.count, case .string(let text, _) = args[index] else { throw Unsolvable() }
            return text
        }
    }
}
