import LadderCore

/// Reads the JSON text of one ``FactLayout`` column back: an array of positional arrays of integers,
/// strings and nulls, as ``FactsEncoder`` or the v4 migration (SQLite's `json_array`) wrote it.
/// Closed-set values and dates are read from the bytes, without a `String`. Anything else is
/// ``StoreError/corruptValue(table:column:value:)``.
struct FactsDecoder {
    private let bytes: [UInt8]
    private var at = 0
    private var fieldIndex = 0
    private let column: String

    init(_ bytes: [UInt8], column: String) {
        self.bytes = bytes
        self.column = column
    }

    /// Decodes every element with `element`, which reads its fields in order (and may skip the rest).
    static func list<T>(_ bytes: [UInt8], column: String, _ element: (inout FactsDecoder) throws -> T) throws -> [T] {
        var decoder = FactsDecoder(bytes, column: column)
        var items: [T] = []
        try decoder.expect(UInt8(ascii: "["))
        if try decoder.peek() == UInt8(ascii: "]") { return items }
        repeat {
            try decoder.expect(UInt8(ascii: "["))
            decoder.fieldIndex = 0
            items.append(try element(&decoder))
            try decoder.skipRest()
        } while try decoder.comma()
        try decoder.expect(UInt8(ascii: "]"))
        return items
    }

    // MARK: fields

    mutating func int() throws -> Int? {
        guard let value = try int64() else { return nil }
        guard let narrow = Int(exactly: value) else { throw corrupt() }
        return narrow
    }

    mutating func requiredInt() throws -> Int {
        guard let value = try int() else { throw corrupt("NULL") }
        return value
    }

    mutating func money() throws -> Money? { try int64().map { Money(fen: $0) } }

    mutating func int64() throws -> Int64? {
        try field()
        if try null() { return nil }
        var negative = false
        if bytes[at] == UInt8(ascii: "-") {
            negative = true
            at += 1
        }
        var value: Int64 = 0
        let start = at
        while at < bytes.count, bytes[at] >= 48, bytes[at] <= 57 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(bytes[at] - 48))
            guard !o1, !o2 else { throw corrupt() }
            value = sum
            at += 1
        }
        guard at > start else { throw corrupt() }
        return negative ? -value : value
    }

    /// A string field's bytes (escapes resolved), or nil for null.
    mutating func stringBytes() throws -> ArraySlice<UInt8>? {
        try field()
        if try null() { return nil }
        guard bytes[at] == UInt8(ascii: "\"") else { throw corrupt() }
        at += 1
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
        guard at < bytes.count else { throw corrupt() }
        if bytes[at] == UInt8(ascii: "\"") {
            defer { at += 1 }
            return bytes[start..<at]
        }
        var text = Array(bytes[start..<at])
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            if bytes[at] == UInt8(ascii: "\\") {
                try escape(into: &text)
            } else {
                text.append(bytes[at])
                at += 1
            }
        }
        guard at < bytes.count else { throw corrupt() }
        at += 1
        return text[...]
    }

    mutating func string() throws -> String? {
        try stringBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// A closed-set value, matched by its bytes against the cases' raw values.
    mutating func value<E: RawRepresentable<String> & CaseIterable>() throws -> E? {
        guard let raw = try stringBytes() else { return nil }
        for candidate in E.allCases where candidate.rawValue.utf8.elementsEqual(raw) { return candidate }
        throw corrupt(String(decoding: raw, as: UTF8.self))
    }

    mutating func required<E: RawRepresentable<String> & CaseIterable>() throws -> E {
        guard let value: E = try value() else { throw corrupt("NULL") }
        return value
    }

    /// A `YYYY-MM-DD` date read from its ten bytes (other spellings through `Day(_:)`).
    mutating func day() throws -> Day? {
        guard let raw = try stringBytes() else { return nil }
        if let day = Self.day(raw) { return day }
        throw corrupt(String(decoding: raw, as: UTF8.self))
    }

    static func day(_ raw: ArraySlice<UInt8>) -> Day? {
        let s = raw.startIndex
        if raw.count == 10, raw[s + 4] == UInt8(ascii: "-"), raw[s + 7] == UInt8(ascii: "-") {
            var parts = (0, 0, 0)
            var ok = true
            func number(_ range: Range<Int>) -> Int {
                var value = 0
                for index in range {
                    let digit = Int(raw[s + index]) - 48
                    if digit < 0 || digit > 9 { ok = false }
                    value = value * 10 + digit
                }
                return value
            }
            parts = (number(0..<4), number(5..<7), number(8..<10))
            if ok { return Day(year: parts.0, month: parts.1, day: parts.2) }
        }
        return Day(String(decoding: raw, as: UTF8.self))
    }

    mutating func requiredDay() throws -> Day {
        guard let value = try day() else { throw corrupt("NULL") }
        return value
    }

    /// `source_line, source_column` as a position in `file`, or nil.
    mutating func position(file: String) throws -> SourcePosition? {
        let line = try int()
        let column = try int()
        guard let line else { return nil }
        return SourcePosition(file: file, line: line, column: column ?? 0)
    }

    /// Steps over one field.
    mutating func skip() throws {
        try field()
        guard bytes[at] == UInt8(ascii: "\"") else {
            while at < bytes.count, bytes[at] != UInt8(ascii: ","), bytes[at] != UInt8(ascii: "]") { at += 1 }
            return
        }
        at += 1
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") { at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1 }
        guard at < bytes.count else { throw corrupt() }
        at += 1
    }

    // MARK: scanning

    /// Skips the fields not read and the element's closing bracket.
    private mutating func skipRest() throws {
        while try peek() == UInt8(ascii: ",") { try skip() }
        try expect(UInt8(ascii: "]"))
    }

    /// Steps over the comma before every field but the first of an element.
    private mutating func field() throws {
        if fieldIndex > 0 { try expect(UInt8(ascii: ",")) }
        fieldIndex += 1
        try skipSpace()
        guard at < bytes.count else { throw corrupt() }
    }

    private mutating func null() throws -> Bool {
        guard bytes[at] == UInt8(ascii: "n") else { return false }
        guard at + 4 <= bytes.count, bytes[at..<(at + 4)].elementsEqual("null".utf8) else { throw corrupt() }
        at += 4
        return true
    }

    private mutating func escape(into text: inout [UInt8]) throws {
        guard at + 1 < bytes.count else { throw corrupt() }
        let code = bytes[at + 1]
        at += 2
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(code)
        case UInt8(ascii: "b"): text.append(8)
        case UInt8(ascii: "f"): text.append(12)
        case UInt8(ascii: "n"): text.append(10)
        case UInt8(ascii: "r"): text.append(13)
        case UInt8(ascii: "t"): text.append(9)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"),
               bytes[at + 1] == UInt8(ascii: "u")
            {
                at += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw corrupt() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { throw corrupt() }
            text.append(contentsOf: String(Character(character)).utf8)
        default: throw corrupt()
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw corrupt() }
        var value: UInt32 = 0
        for byte in bytes[at..<(at + 4)] {
            let digit: UInt8 = switch byte {
            case 48...57: byte - 48
            case 65...70: byte - 55
            case 97...102: byte - 87
            default: throw corrupt()
            }
            value = value << 4 | UInt32(digit)
        }
        at += 4
        return value
    }

    private mutating func skipSpace() throws {
        while at < bytes.count, bytes[at] == 32 || bytes[at] == 9 || bytes[at] == 10 || bytes[at] == 13 { at += 1 }
    }

    private mutating func peek() throws -> UInt8 {
        try skipSpace()
        guard at < bytes.count else { throw corrupt() }
        return bytes[at]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw corrupt() }
        at += 1
    }

    /// True after a comma between elements, false before the closing bracket.
    private mutating func comma() throws -> Bool {
        guard try peek() == UInt8(ascii: ",") else { return false }
        at += 1
        return true
    }

    private func corrupt(_ value: String? = nil) -> StoreError {
        .corruptValue(table: "firm_facts", column: column,
                      value: value ?? String(decoding: bytes.prefix(200), as: UTF8.self))
    }
}
