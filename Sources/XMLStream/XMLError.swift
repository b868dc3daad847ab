/// Why a file could not be read as XML, with the position where it happened.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable, Equatable {
        /// Not well-formed: truncated, bad syntax, undeclared entity.
        case notWellFormed = "not-well-formed"
        /// Bytes that do not match the declared or detected encoding.
        case encoding
        /// A resource bound of `XMLLimits` was exceeded.
        case limit
        /// A construct refused for security: entity declarations, external entities.
        case forbidden
        /// The file could not be opened or read.
        case io
        /// The handler stopped the parse.
        case stopped
        /// An XSD validation error.
        case invalid
    }

    public var kind: Kind
    public var file: String
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int
    public var message: String

    public init(kind: Kind, file: String, line: Int, column: Int, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)" }

    /// The message followed by the offending line of the source and a caret under the column, when
    /// the line can be read as UTF-8; never more than 200 characters of the line.
    /// - Parameters:
    ///   - sourceLine: the line `line` of the file, if it could be read.
    ///   - width: terminal columns of a piece of text (pass a display-width function so that the caret
    ///     lines up under Chinese text; the default counts characters).
    public func rendered(sourceLine: String?, width: (Substring) -> Int = { $0.count }) -> String {
        guard let sourceLine, line > 0, !sourceLine.contains("\u{FFFD}") else { return description }
        let visible = sourceLine.prefix(200)
        let before = visible.prefix(max(0, column - 1))
        let caret = String(repeating: " ", count: width(before)) + "^"
        return "\(description)\n  \(visible)\n  \(caret)"
    }
}
