import LadderCore

/// The result of compiling an expression: a number, a three-valued truth, or a constant text (an
/// argument such as `'high-tech'`).
enum Compiled {
    case number(NumberExpr)
    case truth(TruthExpr)
    case text(String)
}

/// What names an expression may refer to, and the readings chosen by the rulebook's settings.
struct CompileScope {
    var measures: [String: (slot: Int, isTruth: Bool)] = [:]
    var scores: [String: Int] = [:]
    var settings: [String: String] = [:]
    /// Settings an expression actually read (so the audit can say which were used).
    var settingsRead: Set<String> = []
    /// The nodes of the version's expressions compiled so far.
    var program = ProgramBuilder()

    /// `growth.nonpositive-base`: `zero-review` (score 0 and flag) or `unknown`.
    var growthNonPositiveUnknown: Bool { settings["growth.nonpositive-base"] == "unknown" }
    /// `growth.two-year`: `single-ratio` (g = v₂/v₁ − 1) or `zero`.
    var growthTwoYearZero: Bool { settings["growth.two-year"] == "zero" }
}

/// Compiles expression trees to nodes of the version's program (`scope.program`) once per rule version.
struct Compiler {
    var scope: CompileScope

    mutating func add(_ node: NumberNode) -> Compiled { .number(scope.program.add(node)) }
    mutating func add(_ node: TruthNode) -> Compiled { .truth(scope.program.add(node)) }

    mutating func number(_ expression: Expression) throws(ExpressionError) -> NumberExpr {
        switch try compile(expression) {
        case .number(let function): return function
        case .truth: throw ExpressionError("expected a number, found a test", at: expression.offset)
        case .text(let text):
            guard let value = NodeReader.number(text) else {
                throw ExpressionError("expected a number, found text '\(text)'", at: expression.offset)
            }
            return scope.program.add(.constant(Interval(value)))
        }
    }

    mutating func truth(_ expression: Expression) throws(ExpressionError) -> TruthExpr {
        switch try compile(expression) {
        case .truth(let function): return function
        case .number: throw ExpressionError("expected a test (a comparison), found a number", at: expression.offset)
        case .text: throw ExpressionError("expected a test, found text", at: expression.offset)
        }
    }

    mutating func text(_ expression: Expression) throws(ExpressionError) -> String {
        if case .string(let text, _) = expression { return text }
        if case .call("setting", let args, let at) = expression, args.count == 1, case .string(let id, _) = args[0] {
            guard let value = scope.settings[id] else { throw ExpressionError("unknown setting '\(id)'", at: at) }
            scope.settingsRead.insert(id)
            return value
        }
        throw ExpressionError("expected a quoted text or setting('id')", at: expression.offset)
    }

    mutating func compile(_ expression: Expression) throws(ExpressionError) -> Compiled {
        switch expression {
        case .number(let value, _):
            return add(NumberNode.constant(Interval(value)))
        case .string(let text, _):
            return .text(text)
        case .identifier(let name, let at):
            return try identifier(name, at: at)
        case .call(let name, let args, let at):
            return try call(name, args, at: at)
        case .unary(let op, let operand, _):
            if op == "not" { return add(TruthNode.not(try truth(operand))) }
            return add(NumberNode.negate(try number(operand)))
        case .binary(let op, let lhs, let rhs, let at):
            return try binary(op, lhs, rhs, at: at)
        }
    }

    private mutating func identifier(_ name: String, at: Int) throws(ExpressionError) -> Compiled {
        if let field = FinanceField(name: name) { return add(NumberNode.field(field, yearsBack: 0)) }
        if let measure = scope.measures[name] {
            if measure.isTruth { return add(TruthNode.measure(slot: measure.slot)) }
            return add(NumberNode.measure(slot: measure.slot))
        }
        switch name {
        case "total": return add(NumberNode.total)
        case "AgeDays": return add(NumberNode.ageDays)
        case "DataYear": return add(NumberNode.dataYear)
        case "true": return add(TruthNode.constant(.pass))
        case "false": return add(TruthNode.constant(.fail))
        default:
            throw ExpressionError("unknown name '\(name)' (not a registry field, measure, score or built-in)", at: at)
        }
    }

    private mutating func binary(_ op: String, _ lhs: Expression, _ rhs: Expression, at: Int)
        throws(ExpressionError) -> Compiled
    {
        switch op {
        case "and", "or":
            let a = try truth(lhs)
            let b = try truth(rhs)
            return add(op == "and" ? TruthNode.and(a, b) : .or(a, b))
        case "+", "-", "*", "/":
            let a = try number(lhs)
            let b = try number(rhs)
            switch op {
            case "+": return add(NumberNode.add(a, b))
            case "-": return add(NumberNode.subtract(a, b))
            case "*": return add(NumberNode.multiply(a, b))
            default: return add(NumberNode.divide(a, b))
            }
        default:
            let a = try number(lhs)
            let b = try number(rhs)
            let comparator: Comparator
            switch op {
            case ">=": comparator = .atLeast
            case ">": comparator = .above
            case "<=": comparator = .atMost
            case "<": comparator = .below
            case "=": comparator = .equal
            case "!=": comparator = .notEqual
            default: throw ExpressionError("unknown operator \(op)", at: at)
            }
            return add(TruthNode.compare(comparator, a, b))
        }
    }
}
