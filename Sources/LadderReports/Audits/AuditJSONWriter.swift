import LadderCore
/// A minimal JSON writer for audit reports: objects and arrays built as text with correct escaping.
///
/// Audit reports are small (findings, not firms), so clarity wins over the byte-level speed of
/// `AuditJSON`; keys keep the order they are written in.
public struct AuditJSONWriter {
    /// The text written so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init() {}

    /// Opens an object, as a value or under a key.
    public mutating func beginObject(_ key: String? = nil) {
        prefix(key)
        text += "{"
        needsComma.append(false)
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        text += "}"
        needsComma.removeLast()
    }

    /// Opens an array, as a value or under a key.
    public mutating func beginArray(_ key: String? = nil) {
        prefix(key)
        text += "["
        needsComma.append(false)
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        text += "]"
        needsComma.removeLast()
    }

    /// Writes a string (or `null`).
    public mutating func string(_ key: String?, _ value: String?) {
        prefix(key)
        if let value { Self.quote(value, into: &text) } else { text += "null" }
    }

    /// Writes a number (or `null`); non-finite numbers become `null`.
    public mutating func number(_ key: String?, _ value: Double?) {
        prefix(key)
        guard let value, value.isFinite else {
            text += "null"
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            text += String(Int64(value))
        } else {
            text += "\(value)"
        }
    }

    /// Writes an integer (or `null`).
    public mutating func int(_ key: String?, _ value: Int?) {
        prefix(key)
        text += value.map(String.init) ?? "null"
    }

    /// Writes a Boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        prefix(key)
        text += value ? "true" : "false"
    }

    /// Writes JSON text rendered elsewhere as the next value.
    public mutating func raw(_ json: String) {
        prefix(nil)
        text += json
    }

    /// Writes an array of strings.
    public mutating func strings(_ key: String?, _ values: [String]) {
        beginArray(key)
        for value in values { string(nil, value) }
        endArray()
    }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if let key {
            Self.quote(key, into: &text)
            text += ":"
        }
    }

    /// Appends a JSON string literal (see `JSONString.quote`).
    static func quote(_ value: String, into out: inout String) {
        JSONString.quote(value, into: &out)
    }
}
