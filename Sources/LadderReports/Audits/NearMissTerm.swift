import LadderCore
import LadderRules

/// A rule version's expressions as the solver reads them, compiled once per version into one flat list
/// of nodes whose children are indices into the list: names resolved to a finance field, a measure (by
/// index) or a built-in, functions and operators decoded, and the constant arguments (fields, year
/// counts, IP classes, settings) read. `NearMissSolver.Solving` walks this instead of the parsed text,
/// so that a firm's solve makes no look-up by name, and no node is a reference to count.
///
/// Nothing is decided at compile time that the walk would not decide the same way: what cannot be
/// read (an unknown name, a bad argument) is kept as such and makes the walk give up only where it is
/// reached, as walking the parsed expression did.
struct SolverProgram {
    enum Node {
        case number(Double)
        case string
        case name(SolverName)
        /// A call; its arguments are the nodes `arguments[first..<first + count]` of the program.
        case call(SolverCall, first: Int, count: Int)
        /// Unary `-`.
        case negate(Int)
        /// Unary `not`.
        case not(Int)
        /// Any other unary operator (never solvable).
        case otherUnary
        case binary(SolverOperator, Int, Int)
    }

    private(set) var nodes: [Node] = []
    /// The calls' arguments, as node indices, each call's together.
    private(set) var arguments: [Int] = []

    /// What a program reads of a firm besides the registration date: finance fields, IP holdings,
    /// other rungs' verdicts.
    struct Reads {
        var fields: Set<FinanceField> = []
        var ip = false, rungs = false
    }

    /// What every node of the program reads (all the measures are compiled: a superset).
    var reads: Reads {
        var found = Reads()
        func add(_ field: FinanceField?) { if let field { found.fields.insert(field) } }
        for node in nodes {
            switch node {
            case .name(let name): add(name.field)
            case .call(.sum(let field, _, _), _, _), .call(.prev(let field, _), _, _), .call(.growth(let field), _, _):
                add(field)
            case .call(.ip, _, _): found.ip = true
            case .call(.eligible, _, _): found.rungs = true
            default: break
            }
        }
        return found
    }

    /// The node of argument `index` of a call whose arguments start at `first`.
    func argument(_ index: Int, from first: Int) -> Int { arguments[first + index] }

    /// Compiles a parsed expression and returns its node; `measures` gives a measure id's index in the
    /// compiled measures.
    mutating func compile(_ expression: Expression, measures: [String: Int], numbers: [String: Double]) -> Int {
        let node: Node
        switch expression {
        case .number(let value, _): node = .number(value)
        case .string: node = .string
        case .identifier(let name, _): node = .name(SolverName(name, measure: measures[name]))
        case .call(let name, let args, _):
            let call = SolverCall(name, args, numbers: numbers)
            // A setting that is a number reads as that number (its argument is text, never walked).
            if case .setting(let value?) = call {
                node = .number(value)
            } else {
                let compiled = args.map { compile($0, measures: measures, numbers: numbers) }
                node = .call(call, first: arguments.count, count: compiled.count)
                arguments += compiled
            }
        case .unary(let op, let operand, _):
            switch op {
            case "-": node = .negate(compile(operand, measures: measures, numbers: numbers))
            case "not": node = .not(compile(operand, measures: measures, numbers: numbers))
            default: node = .otherUnary
            }
        case .binary(let op, let lhs, let rhs, _):
            let x = compile(lhs, measures: measures, numbers: numbers), y = compile(rhs, measures: measures, numbers: numbers)
            node = .binary(SolverOperator(op), x, y)
        }
        nodes.append(node)
        return nodes.count - 1
    }
}

/// An identifier, resolved: as a number it is a finance field, else a measure, else a built-in; as a
/// test it is `true`/`false`, else a measure.
struct SolverName {
    enum BuiltIn { case none, total, dataYear, ageDays, yes, no }
    let field: FinanceField?
    let measure: Int?
    let builtIn: BuiltIn

    init(_ name: String, measure: Int?) {
        field = FinanceField(name: name)
        self.measure = measure
        switch name {
        case "total": builtIn = .total
        case "DataYear": builtIn = .dataYear
        case "AgeDays": builtIn = .ageDays
        case "true": builtIn = .yes
        case "false": builtIn = .no
        default: builtIn = .none
        }
    }
}

/// A binary operator, decoded from its symbol.
enum SolverOperator {
    case add, subtract, multiply, divide, and, or, atLeast, above, atMost, below, equal, notEqual, other

    init(_ symbol: String) {
        switch symbol {
        case "+": self = .add
        case "-": self = .subtract
        case "*": self = .multiply
        case "/": self = .divide
        case "and": self = .and
        case "or": self = .or
        case ">=": self = .atLeast
        case ">": self = .above
        case "<=": self = .atMost
        case "<": self = .below
        case "=": self = .equal
        case "!=": self = .notEqual
        default: self = .other
        }
    }
}

/// A function call, decoded with its constant arguments (nil where an argument is not what the
/// function needs: the walk gives up there).
enum SolverCall {
    /// `sum(field, years)` and `avg(field, years)`.
    case sum(FinanceField?, years: Int?, mean: Bool)
    /// `prev(field, years back)`.
    case prev(FinanceField?, back: Int?)
    case growth(FinanceField?)
    /// `ip(class, acquired)`: nil when the arguments are not a class (or `any`) and an acquisition (or `any`).
    case ip(IPFilter?)
    /// `setting(id)` with the setting's number, when it is one.
    case setting(Double?)
    /// `points(…)` and `incidents(…)`: stepped values.
    case steps
    /// `expert(…)` and `range(…)`: read, not followed.
    case read
    /// `min` and `max`.
    case extreme
    case clamp
    case choice
    /// `eligible(rung)`: another rung's whole verdict (nil: not a rung's name).
    case eligible(Tier?)
    /// Tests of facts no amount changes (`valid`, `award`, …).
    case fact
    case other

    /// The IP counted by `ip(…)`: a class (nil: any) and an acquisition (nil: any).
    struct IPFilter {
        let ipClass: IPClass?
        let acquired: IPAcquisition?
    }

    init(_ name: String, _ args: [Expression], numbers: [String: Double]) {
        func field(_ index: Int) -> FinanceField? {
            guard index < args.count, case .identifier(let name, _) = args[index] else { return nil }
            return FinanceField(name: name)
        }
        func integer(_ index: Int) -> Int? {
            guard index < args.count, case .number(let value, _) = args[index], value >= 0, value == value.rounded()
            else { return nil }
            return Int(value)
        }
        func text(_ index: Int) -> String? {
            guard index < args.count, case .string(let text, _) = args[index] else { return nil }
            return text
        }
        switch name {
        case "sum", "avg": self = .sum(field(0), years: integer(1), mean: name == "avg")
        case "prev": self = .prev(field(0), back: integer(1))
        case "growth": self = .growth(field(0))
        case "ip":
            let classText = text(0), acquiredText = args.count > 1 ? text(1) : "any"
            guard let classText, let acquiredText else { self = .ip(nil); return }
            let ipClass = IPClass(rawValue: classText), acquired = IPAcquisition(rawValue: acquiredText)
            guard ipClass != nil || classText == "any", acquired != nil || acquiredText == "any" else {
                self = .ip(nil)
                return
            }
            self = .ip(IPFilter(ipClass: ipClass, acquired: acquired))
        case "setting": self = .setting(text(0).flatMap { numbers[$0] })
        case "points", "incidents": self = .steps
        case "expert", "range": self = .read
        case "min", "max": self = .extreme
        case "clamp": self = .clamp
        case "if": self = .choice
        case "eligible": self = .eligible(text(0).flatMap(Tier.init(rawValue:)))
        case "valid", "award", "institution", "standard", "consortium", "resident", "tax", "industryIn", "techDomain",
            "active":
            self = .fact
        default: self = .other
        }
    }
}
