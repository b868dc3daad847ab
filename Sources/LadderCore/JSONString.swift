/// JSON string literals, written the same way by every JSON output.
public enum JSONString {
    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// U+2028 and U+2029 too (they end lines in JavaScript); other non-ASCII text is kept as UTF-8.
    /// Whether a UTF-8 byte may start something `quote` escapes (0xE2 leads the UTF-8 of U+2028 and
    /// U+2029): writers that copy bytes check this first and hand the rest to `quote`.
    @inlinable public static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
    }

    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        if !text.utf8.contains(where: mayNeedEscape) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}

extension JSONString {
    /// Appends `text` as a JSON string literal to UTF-8 bytes, escaped exactly as the `String` overload does.
    public static func quote(_ text: String, into out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { bytes in
            if bytes.contains(where: mayNeedEscape) { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if plain { return }
        var escaped = ""
        quote(text, into: &escaped)
        out += escaped.utf8
    }

    /// Appends `text` as a JSON string literal to a byte writer, escaped exactly as `quote(_:into:)`
    /// does (plain text is copied as it is).
    public static func quote(_ text: String, into out: ByteWriter) {
        var text = text
        let plain = text.withUTF8 { bytes in
            if bytes.contains(where: mayNeedEscape) { return false }
            out.append(UInt8(ascii: "\""))
            out.append(UnsafeRawBufferPointer(bytes))
            out.append(UInt8(ascii: "\""))
            return true
        }
        if plain { return }
        var escaped = ""
        quote(text, into: &escaped)
        out.append(string: escaped)
    }
}
