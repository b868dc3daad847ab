import LadderCore
import XMLStream

/// Why a rulebook could not be loaded: where (file:line:column), which rulebook and criterion, and
/// what is wrong.
public struct RulebookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// 1-based line and column of the offending element (0 when unknown).
    public var line: Int, column: Int
    /// The rulebook id, when known.
    public var rulebook: String?
    /// The criterion id, when the error is inside one.
    public var criterion: String?
    /// What is wrong.
    public var message: String
    /// For expression errors: the expression text and the 0-based offset of the problem.
    public var expression: String?
    public var expressionOffset: Int?

    /// Creates an error.
    public init(file: String, line: Int, column: Int, rulebook: String? = nil, criterion: String? = nil,
                message: String, expression: String? = nil, expressionOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.rulebook = rulebook
        self.criterion = criterion
        self.message = message
        self.expression = expression
        self.expressionOffset = expressionOffset
    }

    /// Wraps an XML parse error.
    public init(_ error: XMLError) {
        self.init(file: error.file, line: error.line, column: error.column, message: error.message)
    }

    /// `file:line:column: [rulebook/criterion] message`, plus the expression with a caret under the
    /// offending character when the error is in an expression.
    public var description: String {
        var context = ""
        if let rulebook { context = criterion.map { "[\(rulebook)/\($0)] " } ?? "[\(rulebook)] " }
        var text = "\(file):\(line):\(column): \(context)\(message)"
        if let expression, let expressionOffset {
            let prefix = String(expression.prefix(expressionOffset))
            text += "\n  \(expression)\n  \(String(repeating: " ", count: DisplayWidth.of(prefix)))^"
        }
        return text
    }
}
