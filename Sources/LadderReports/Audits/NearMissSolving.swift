import LadderCore
import LadderRules

extension NearMissSolver {
    /// One firm's figures, read as the evaluator reads them, with the move's amount left as `a`: a walk
    /// of the version's compiled expressions (`SolverProgram`, by node) that records where values can cross.
    struct Solving {
        let program: SolverProgram
        let measures: [Int]
        let move: NearMissMove
        let twoYearGrowthIsZero: Bool, nonPositiveBaseIsUnknown: Bool
        let dataYear: Int
        let asOf: Day
        /// The firm's figures by year, and where its data year's are (found once).
        let finance: [FinanceYear]
        let current: Int?
        let registeredOn: Day?
        let ip: [IPHolding]
        var crossings: [Double] = []
        /// The forms of values that have several.
        var forms = AmountForms()
        /// The rungs whose verdicts the expressions read (`eligible(…)`): their own boundaries count too.
        var rungsRead: [Tier] = []

        init(solver: NearMissSolver, firm: Enterprise, dataYear: Int, asOf: Day) {
            program = solver.program
            measures = solver.measures
            move = solver.move
            twoYearGrowthIsZero = solver.twoYearGrowthIsZero
            nonPositiveBaseIsUnknown = solver.nonPositiveBaseIsUnknown
            self.dataYear = dataYear
            self.asOf = asOf
            finance = firm.finance
            current = firm.finance.firstIndex { $0.year == dataYear }
            registeredOn = firm.registeredOn
            ip = firm.ip
            crossings.reserveCapacity(32)
        }

        mutating func number(_ node: Int) throws(Unsolvable) -> AmountValue {
            switch program.nodes[node] {
            case .number(let value): return .one(.constant(value))
            case .string, .not, .otherUnary: throw Unsolvable()
            case .name(let name):
                if let field = name.field { return .one(try self.field(field, back: 0)) }
                if let measure = name.measure { return try number(measures[measure]) }
                switch name.builtIn {
                case .total: return .steps
                case .dataYear: return .one(.constant(Double(dataYear)))
                case .ageDays:
                    guard let registered = registeredOn else { throw Unsolvable() }
                    return .one(AmountForm(Double(asOf.ordinal - registered.ordinal), slope: move == .waitDays ? 1 : 0))
                default: throw Unsolvable()
                }
            case .call(.steps, _, _): return .steps  // its arguments are not read
            case .call(let call, let first, let count): return try self.call(call, first, count)
            case .negate(let operand):
                return forms.negated(try number(operand))
            case .binary(let op, let lhs, let rhs):
                let x = try number(lhs), y = try number(rhs)
                let result: AmountValue?
                switch op {
                case .add: result = forms.combine(x, y) { $0 + $1 }
                case .subtract: result = forms.combine(x, y) { $0 + $1.negated }
                case .multiply: result = forms.combine(x, y) { $0 * $1 }
                case .divide: result = forms.combine(x, y) { $0 / $1 }
                default: throw Unsolvable()
                }
                guard let result else { throw Unsolvable() }
                return result
            }
        }

        /// A call whose `count` arguments start at `first` (`SolverProgram.argument`).
        private mutating func call(_ call: SolverCall, _ first: Int, _ count: Int) throws(Unsolvable) -> AmountValue {
            func arg(_ index: Int) -> Int { program.argument(index, from: first) }
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
                if !mean { return .one(total) }
                guard let average = total / .constant(Double(years.count)) else { throw Unsolvable() }
                return .one(average)
            case .prev(let field, let back):
                guard let field, let back else { throw Unsolvable() }
                return .one(try self.field(field, back: back))
            case .growth(let field):
                guard let field else { throw Unsolvable() }
                return .one(try growth(field))
            case .ip(let filter):
                guard let filter else { throw Unsolvable() }
                var items = 0
                for holding in ip
                where (filter.ipClass == nil || holding.ipClass == filter.ipClass)
                    && (filter.acquired == nil || holding.acquired == filter.acquired) {
                    items += holding.count
                }
                // The IP moves add items of their class, acquired by the firm itself.
                let added: IPClass? = move == .classOneIP ? .one : (move == .classTwoIP ? .two : nil)
                let grows = added != nil && (filter.ipClass == nil || filter.ipClass == added) && filter.acquired != .transfer
                return .one(AmountForm(Double(items), slope: grows ? 1 : 0))
            case .setting(let number):
                guard let number else { throw Unsolvable() }
                return .one(.constant(number))
            case .steps: return .steps
            case .read:
                // Expert points and ranges are read, not followed: only the crossings inside them count.
                for index in 0..<count {
                    if case .string = program.nodes[arg(index)] { continue }
                    if forms.varies(try number(arg(index))) { throw Unsolvable() }
                }
                return .steps
            case .extreme:
                guard count == 2, let both = forms.union(try number(arg(0)), try number(arg(1))) else {
                    throw Unsolvable()
                }
                return both
            case .clamp:
                guard count == 3, let low = try number(arg(1)).constant, let high = try number(arg(2)).constant
                else { throw Unsolvable() }
                let value = try number(arg(0))
                guard let bounds = forms.union(.one(.constant(low)), .one(.constant(high))),
                    let all = forms.union(value, bounds)
                else { throw Unsolvable() }
                return all
            case .choice:
                guard count == 3 else { throw Unsolvable() }
                let condition = try truth(arg(0))
                let yes = try number(arg(1)), no = try number(arg(2))
                switch condition {
                case .pass: return yes
                case .fail: return no
                default:
                    guard let both = forms.union(yes, no) else { throw Unsolvable() }
                    return both
                }
            case .eligible, .fact, .other: throw Unsolvable()
            }
        }

        /// A test's verdict when it does not depend on the amount; nil when it may (its crossings
        /// are recorded).
        mutating func truth(_ node: Int) throws(Unsolvable) -> Verdict? {
            switch program.nodes[node] {
            case .name(let name):
                if name.builtIn == .yes { return .pass }
                if name.builtIn == .no { return .fail }
                guard let measure = name.measure else { throw Unsolvable() }
                return try truth(measures[measure])
            case .call(let call, let first, let count):
                func arg(_ index: Int) -> Int { program.argument(index, from: first) }
                switch call {
                case .eligible(let tier):
                    // Another rung's whole verdict: it changes only at that rung's boundaries.
                    guard let tier else { throw Unsolvable() }
                    if !rungsRead.contains(tier) { rungsRead.append(tier) }
                    return nil
                case .fact: return nil  // facts no amount changes (the certificate and tax moves are probed)
                case .choice:
                    guard count == 3 else { throw Unsolvable() }
                    let condition = try truth(arg(0)), yes = try truth(arg(1)), no = try truth(arg(2))
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
        mutating func compare(_ x: AmountValue, _ y: AmountValue) throws(Unsolvable) -> (Double, Double)? {
            guard x.hasForms && y.hasForms else {
                if forms.varies(x) || forms.varies(y) { throw Unsolvable() }  // a stepped value against a moving one
                return nil
            }
            for i in 0..<forms.count(x) {
                for j in 0..<forms.count(y) {
                    AmountForm.crossings(forms.form(i, of: x), forms.form(j, of: y), into: &crossings)
                }
            }
            if let a = x.constant, let b = y.constant { return (a, b) }
            return nil
        }

        /// A finance figure `back` years before the data year; the move adds `a` to what it changes in
        /// the data year (`NearMissMove.applied`).
        private func field(_ field: FinanceField, back: Int) throws(Unsolvable) -> AmountForm {
            let grows = back == 0 && move.changes(field)
            guard let row = back == 0 ? current : finance.firstIndex(where: { $0.year == dataYear - back }),
                let raw = finance[row][field]
            else {
                // R&D and conversions start from nothing when unrecorded; other changes need a figure.
                if grows && (field == .rdExpense || field == .conversions) { return AmountForm(0, slope: 1) }
                throw Unsolvable()
            }
            let value = field.isMoney ? Money(fen: raw).yuan : Double(raw)
            return AmountForm(value, slope: grows ? 1 : 0)
        }

        /// The years of an `n`-year window ending at the data year, cut to the years the firm operated.
        private func window(_ n: Int) -> ClosedRange<Int> {
            let start = max(dataYear - n + 1, registeredOn?.year ?? Int.min)
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
            if count == 2 { return twoYearGrowthIsZero ? .constant(0) : try twoYear(v2) }
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
            if nonPositiveBaseIsUnknown { throw Unsolvable() }
            return .constant(0)
        }
    }
}
