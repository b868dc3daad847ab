import LadderCore

/// A growable byte buffer that knows how to write the pieces of registry XML: literal markup,
/// escaped text, integers, dates and decimal money, without building intermediate strings.
struct OutputBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends literal markup (never escaped: it is written by this module).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends literal UTF-8 bytes (already safe markup or text known to need no escaping).
    mutating func raw(_ utf8: [UInt8]) { bytes.append(contentsOf: utf8) }

    /// Appends a string's UTF-8 bytes unescaped (enum raw values, codes).
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends text escaped for element content and double- or single-quoted attribute values.
    mutating func escaped(_ utf8: [UInt8]) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case UInt8(ascii: "'"): raw("&apos;")
            default: bytes.append(byte)
            }
        }
    }

    /// Appends a string escaped (see `escaped(_:)` for bytes).
    mutating func escaped(_ text: String) { escaped(Array(text.utf8)) }

    /// Appends an integer in decimal: digits are formed right to left in a small scratch buffer
    /// (division by the constant 10 compiles to a multiplication) and appended at once.
    mutating func int(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        if rest < 10 {
            bytes.append(UInt8(truncatingIfNeeded: rest) &+ 48)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var start = 20
            repeat {
                start -= 1
                scratch[start] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[start..<20]))
        }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    /// Appends a non-negative integer left-padded with zeros to at least `width` digits.
    mutating func padded(_ value: Int, width: Int) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        if digits < width {
            for _ in digits..<width { bytes.append(UInt8(ascii: "0")) }
        }
        int(value)
    }

    /// Appends a date as `YYYY-MM-DD`.
    mutating func day(_ day: Day) {
        padded(day.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        padded(day.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        padded(day.day, width: 2)
    }

    /// Appends an amount in fen as yuan: whole yuan bare, otherwise with two decimals.
    mutating func yuan(fen: Int64) {
        int(fen / 100)
        let cents = Int((fen % 100).magnitude)
        if cents != 0 {
            bytes.append(UInt8(ascii: "."))
            padded(cents, width: 2)
        }
    }

    /// Appends an amount in fen as yuan with exactly two decimals (e.g. contract amounts).
    mutating func yuanTwoDecimals(fen: Int64) {
        if fen < 0 { bytes.append(UInt8(ascii: "-")) }
        int(Int64(fen.magnitude / 100))
        bytes.append(UInt8(ascii: "."))
        padded(Int(fen.magnitude % 100), width: 2)
    }

    /// Appends an amount in fen as 万元 with up to two decimals, trailing zeros dropped.
    ///
    /// The amount must be a whole number of hundreds of yuan (1,000,000 fen = 1 万元,
    /// so 0.01 万元 = 10,000 fen); finer parts are truncated.
    mutating func wanYuan(fen: Int64) {
        if fen < 0 { bytes.append(UInt8(ascii: "-")) }
        let hundredths = fen.magnitude / 10_000
        int(Int64(hundredths / 100))
        let fraction = Int(hundredths % 100)
        if fraction == 0 { return }
        bytes.append(UInt8(ascii: "."))
        if fraction % 10 == 0 {
            int(fraction / 10)
        } else {
            padded(fraction, width: 2)
        }
    }
}
