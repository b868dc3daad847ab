import LadderCore

/// A numeric expression compiled to a closure over the evaluation state.
typealias NumberFunction = (EvalState) -> Interval
/// A test expression compiled to a closure over the evaluation state.
typealias TruthFunction = (EvalState) -> Verdict

/// The result of compiling an expression: a number, a three-valued truth, or a constant text (an
/// argument such as `'high-tech'`).
enum Compiled {
    case number(NumberFunction)
    case truth(TruthFunction)
    case text(String)
}

/// What names an expression may refer to, and the readings chosen by the rulebook's settings.
struct CompileScope {
    var measures: [String: (slot: Int, isTruth: Bool)] = [:]
    var scores: [String: Int] = [:]
    var settings: [String: String] = [:]
    /// Settings an expression actually read (so the audit can say which were used).
    var settingsRead: Set<String> = []

    /// `growth.nonpositive-base`: `zero-review` (score 0 and flag) or `unknown`.
    var growthNonPositiveUnknown: Bool { settings["growth.nonpositive-base"] == "unknown" }
    /// `growth.two-year`: `single-ratio` (g = v₂/v₁ − 1) or `zero`.
    var growthTwoYearZero: Bool { settings["growth.two-year"] == "zero" }
}

/// Compiles expression trees to closures once per rule version.
struct Compiler {
    var scope: CompileScope

    mutating func number(_ expression: Expression) throws(ExpressionError) -> NumberFunction {
        switch try compile(expression) {
        case .number(let function): return function
        case .truth: throw ExpressionError("expected a number, found a test", at: expression.offset)
        case .text(let text):
            guard let value = NodeReader.number(text) else {
                throw ExpressionError("expected a number, found text '\(text)'", at: expression.offset)
            }
            return { _ in Interval(value) }
        }
    }

    mutating func truth(_ expression: Expression) throws(ExpressionError) -> TruthFunction {
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
            let interval = Interval(value)
            return .number { _ in interval }
        case .string(let text, _):
            return .text(text)
        case .identifier(let name, let at):
            return try identifier(name, at: at)
        case .call(let name, let args, let at):
            return try call(name, args, at: at)
        case .unary(let op, let operand, _):
            if op == "not" {
                let inner = try truth(operand)
                return .truth { inner($0).negated }
            }
            let inner = try number(operand)
            return .number { -inner($0) }
        case .binary(let op, let lhs, let rhs, let at):
            return try binary(op, lhs, rhs, at: at)
        }
    }

    private mutating func identifier(_ name: String, at: Int) throws(ExpressionError) -> Compiled {
        if let field = FinanceField(name: name) {
            return .number { $0.field(field, year: $0.dataYear) }
        }
        if let measure = scope.measures[name] {
            let slot = measure.slot
            if measure.isTruth {
                return .truth { state in
                    state.missing |= state.measureMissing[slot]
                    state.flags |= state.measureFlags[slot]
                    return state.measureTruths[slot]
                }
            }
            return .number { state in
                state.missing |= state.measureMissing[slot]
                state.flags |= state.measureFlags[slot]
                return state.measureNumbers[slot]
            }
        }
        switch name {
        case "total":
            return .number { state in
                state.missing |= state.totalMissing
                return state.total
            }
        case "AgeDays":
            return .number { state in
                guard let registered = state.enterprise.registeredOn else {
                    state.missing |= 1 << UInt64(MissingFields.registeredOn)
                    return .nonNegative
                }
                return Interval(Double(state.asOf.ordinal - registered.ordinal))
            }
        case "DataYear": return .number { Interval(Double($0.dataYear)) }
        case "true": return .truth { _ in .pass }
        case "false": return .truth { _ in .fail }
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
            if op == "and" { return .truth { a($0).and(b($0)) } }
            return .truth { a($0).or(b($0)) }
        case "+", "-", "*", "/":
            let a = try number(lhs)
            let b = try number(rhs)
            switch op {
            case "+": return .number { a($0) + b($0) }
            case "-": return .number { a($0) - b($0) }
            case "*": return .number { a($0) * b($0) }
            default: return .number { a($0) / b($0) }
            }
        default:
            let a = try number(lhs)
            let b = try number(rhs)
            switch op {
            case ">=": return .truth { a($0).ge(b($0)) }
            case ">": return .truth { a($0).gt(b($0)) }
            case "<=": return .truth { b($0).ge(a($0)) }
            case "<": return .truth { b($0).gt(a($0)) }
            case "=": return .truth { a($0).eq(b($0)) }
            case "!=": return .truth { a($0).eq(b($0)).negated }
            default: throw ExpressionError("unknown operator \(op)", at: at)
            }
        }
    }
}
