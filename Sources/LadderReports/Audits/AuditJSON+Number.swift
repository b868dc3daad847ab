import LadderCore

extension AuditJSON {
    /// Appends a JSON number; infinities (unbounded ranges) become `null`. Values print with at most
    /// nine decimals (ratios and yuan amounts need far fewer), without going through `String`.
    static func number(_ value: Double, into out: ByteWriter) {
        guard value.isFinite else {
            out.append("null")
            return
        }
        let magnitude = abs(value)
        // Whole test without libm's round(): the conversion truncates, and only whole values survive it
        // (through Int64, one instruction each way, which holds every magnitude below 1e18).
        if magnitude < 1e18, Double(Int64(magnitude)) == magnitude {
            // Whole numbers (counts, years, most amounts in yuan): digits only.
            integer(UInt64(Int64(magnitude)), negative: value < 0, into: out)
            return
        }
        guard magnitude < 1e9 else {
            // Large amounts in yuan with fen (the common case above 10亿): the two-decimal text is the
            // shortest that reads back as this value, which is what "\(value)" would print.
            let cents = (magnitude * 100).rounded()
            guard magnitude < 1e13, cents / 100 == magnitude else {
                out.append(string: "\(value)")
                return
            }
            let fen = UInt64(cents)
            integer(fen / 100, negative: value < 0, into: out)
            let fraction = fen % 100
            guard fraction > 0 else { return }
            out.append(UInt8(ascii: "."))
            out.append(UInt8(48 + fraction / 10))
            if fraction % 10 != 0 { out.append(UInt8(48 + fraction % 10)) }
            return
        }
        let scaled = (magnitude * 1e9).rounded()
        let whole = UInt64(scaled / 1e9)
        var fraction = UInt64(scaled) - whole * 1_000_000_000
        if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        integer(whole, negative: false, into: out)
        guard fraction > 0 else { return }
        var width = 9
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        out.append(UInt8(ascii: "."))
        out.appendDigits(fraction, count: width)
    }

    /// Appends an unsigned integer's digits (at most 20), with a minus sign when asked.
    private static func integer(_ value: UInt64, negative: Bool, into out: ByteWriter) {
        if value < 10 && !negative {
            out.append(UInt8(48 + value))
            return
        }
        var count = 1
        var bound: UInt64 = 10
        while count < 20 && value >= bound {
            count += 1
            bound = bound &* 10
        }
        if negative && value != 0 { out.append(UInt8(ascii: "-")) }
        out.appendDigits(value, count: count)
    }

    /// A JSON number as text (CSV cells); infinities (unbounded ranges) become `null`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
