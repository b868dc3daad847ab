/// The syntax tree of a measure or test expression in a rulebook.
///
/// The language is small: numbers (with optional `%`, `万` or `亿` suffix: `6%` is 0.06, `2亿` is
/// 200,000,000), single-quoted strings, identifiers (registry fields of the data year such as
/// `Revenue`, measure ids, `total`, `AgeDays`), function calls, `+ - * /`, comparisons
/// `< <= > >= = !=`, and `and`, `or`, `not`. See `docs/rules-language.md` for the function list.
public indirect enum Expression: Hashable, Sendable {
    case number(Double, at: Int)
    case string(String, at: Int)
    case identifier(String, at: Int)
    case call(String, [Expression], at: Int)
    case unary(String, Expression, at: Int)
    case binary(String, Expression, Expression, at: Int)

    /// The 0-based character offset of the node in its source text.
    public var offset: Int {
        switch self {
        case .number(_, let at), .string(_, let at), .identifier(_, let at), .call(_, _, let at),
            .unary(_, _, let at), .binary(_, _, _, let at):
            at
        }
    }
}

/// A syntax or type error in an expression, with the offset where it was found.
public struct ExpressionError: Error, Sendable, Equatable {
    /// 0-based character offset into the expression text.
    public var offset: Int
    /// What is wrong.
    public var message: String

    /// Creates an error at an offset.
    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}

/// A recursive-descent parser for rule expressions.
public struct ExpressionParser {
    private enum Token: Equatable {
        case number(Double)
        case string(String)
        case word(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, at: Int)] = []
    private var index = 0

    /// Parses a whole expression.
    /// - Throws: `ExpressionError` naming the offending offset.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(text)
        let expression = try parser.parseOr()
        if case let (token, at) = parser.tokens[parser.index], token != .end {
            throw ExpressionError("unexpected \(describe(token)) after the end of the expression", at: at)
        }
        return expression
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .number(let value): "number \(value)"
        case .string(let text): "'\(text)'"
        case .word(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of expression"
        }
    }

    private static func tokenize(_ text: String) throws(ExpressionError) -> [(token: Token, at: Int)] {
        let chars = Array(text)
        var result: [(token: Token, at: Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber)) {
                while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." || chars[i] == "e"
                    || ((chars[i] == "-" || chars[i] == "+") && i > start && chars[i - 1] == "e") {
                    i += 1
                }
                guard var value = Double(String(chars[start..<i])) else {
                    throw ExpressionError("malformed number '\(String(chars[start..<i]))'", at: start)
                }
                if i < chars.count {
                    switch chars[i] {
                    case "%": value /= 100; i += 1
                    case "万": value *= 10_000; i += 1
                    case "亿": value *= 100_000_000; i += 1
                    default: break
                    }
                }
                result.append((.number(value), start))
            } else if c == "'" {
                i += 1
                var text = ""
                while i < chars.count, chars[i] != "'" {
                    text.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw ExpressionError("unterminated string", at: start) }
                i += 1
                result.append((.string(text), start))
            } else if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." {
                    i += 1
                }
                result.append((.word(String(chars[start..<i])), start))
            } else {
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
                if ["<=", ">=", "!=", "==", "&&", "||"].contains(two) {
                    let map = ["&&": "and", "||": "or", "==": "="]
                    result.append((map[two].map { .word($0) } ?? .symbol(two), start))
                    i += 2
                } else if "+-*/()<>=,!".contains(c) {
                    result.append((c == "!" ? .word("not") : .symbol(String(c)), start))
                    i += 1
                } else {
                    throw ExpressionError("unexpected character '\(c)'", at: start)
                }
            }
        }
        result.append((.end, chars.count))
        return result
    }

    private var current: Token { tokens[index].token }
    private var at: Int { tokens[index].at }

    private mutating func accept(word: String) -> Bool {
        if current == .word(word) {
            index += 1
            return true
        }
        return false
    }

    private mutating func accept(symbol: String) -> Bool {
        if current == .symbol(symbol) {
            index += 1
            return true
        }
        return false
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var lhs = try parseAnd()
        while true {
            let position = at
            guard accept(word: "or") else { return lhs }
            lhs = .binary("or", lhs, try parseAnd(), at: position)
        }
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var lhs = try parseNot()
        while true {
            let position = at
            guard accept(word: "and") else { return lhs }
            lhs = .binary("and", lhs, try parseNot(), at: position)
        }
    }

    private mutating func parseNot() throws(ExpressionError) -> Expression {
        let position = at
        if accept(word: "not") { return .unary("not", try parseNot(), at: position) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expression {
        let lhs = try parseSum()
        for op in ["<=", ">=", "!=", "<", ">", "="] {
            let position = at
            if accept(symbol: op) { return .binary(op, lhs, try parseSum(), at: position) }
        }
        return lhs
    }

    private mutating func parseSum() throws(ExpressionError) -> Expression {
        var lhs = try parseProduct()
        while true {
            let position = at
            if accept(symbol: "+") {
                lhs = .binary("+", lhs, try parseProduct(), at: position)
            } else if accept(symbol: "-") {
                lhs = .binary("-", lhs, try parseProduct(), at: position)
            } else {
                return lhs
            }
        }
    }

    private mutating func parseProduct() throws(ExpressionError) -> Expression {
        var lhs = try parseUnary()
        while true {
            let position = at
            if accept(symbol: "*") {
                lhs = .binary("*", lhs, try parseUnary(), at: position)
            } else if accept(symbol: "/") {
                lhs = .binary("/", lhs, try parseUnary(), at: position)
            } else {
                return lhs
            }
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        let position = at
        if accept(symbol: "-") { return .unary("-", try parseUnary(), at: position) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let position = at
        switch current {
        case .number(let value):
            index += 1
            return .number(value, at: position)
        case .string(let text):
            index += 1
            return .string(text, at: position)
        case .symbol("("):
            index += 1
            let inner = try parseOr()
            guard accept(symbol: ")") else { throw ExpressionError("expected ')'", at: at) }
            return inner
        case .word(let word) where !["and", "or", "not"].contains(word):
            index += 1
            guard accept(symbol: "(") else { return .identifier(word, at: position) }
            var arguments: [Expression] = []
            if !accept(symbol: ")") {
                repeat {
                    arguments.append(try parseOr())
                } while accept(symbol: ",")
                guard accept(symbol: ")") else { throw ExpressionError("expected ',' or ')' in call of \(word)", at: at) }
            }
            return .call(word, arguments, at: position)
        default:
            throw ExpressionError("expected a value, found \(ExpressionParser.describe(current))", at: position)
        }
    }
}
