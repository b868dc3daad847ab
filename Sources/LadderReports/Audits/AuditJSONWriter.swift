import LadderCore
/// A minimal JSON writer for audit reports: objects and arrays built as text with correct escaping.
///
/// Keys keep the order they are written in. The text is kept as UTF-8 bytes (a finding audit writes
/// a line per entry, tens of thousands of them: appending bytes costs a fraction of appending strings).
public struct AuditJSONWriter {
    private var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Creates an empty writer.
    public init() {}

    /// Opens an object, as a value or under a key.
    public mutating func beginObject(_ key: String? = nil) {
        prefix(key)
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma.removeLast()
    }

    /// Opens an array, as a value or under a key.
    public mutating func beginArray(_ key: String? = nil) {
        prefix(key)
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma.removeLast()
    }

    /// Writes a string (or `null`).
    public mutating func string(_ key: String?, _ value: String?) {
        prefix(key)
        if let value { JSONString.quote(value, into: &bytes) } else { write("null") }
    }

    /// Writes a number (or `null`); non-finite numbers become `null`.
    public mutating func number(_ key: String?, _ value: Double?) {
        prefix(key)
        guard let value, value.isFinite else {
            write("null")
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            write(String(Int64(value)))
        } else {
            write("\(value)")
        }
    }

    /// Writes an integer (or `null`).
    public mutating func int(_ key: String?, _ value: Int?) {
        prefix(key)
        write(value.map(String.init) ?? "null")
    }

    /// Writes a Boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        prefix(key)
        write(value ? "true" : "false")
    }

    /// Writes JSON text rendered elsewhere as the next value.
    public mutating func raw(_ json: String) {
        prefix(nil)
        write(json)
    }

    /// Writes an array of strings.
    public mutating func strings(_ key: String?, _ values: [String]) {
        beginArray(key)
        for value in values { string(nil, value) }
        endArray()
    }

    /// Appends text as it is.
    private mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if let key {
            JSONString.quote(key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }
}
