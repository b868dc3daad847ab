import LadderCore

/// Renders assessments as JSON text without Foundation's encoder (one object per firm for `jsonl`).
///
/// Shape (issue 3): `{"id","name","district","asOf","certified","eligible","tiers":{"tech-sme":
/// {"verdict","score":{"min","max"},"route","ruleVersion","dataYear","criteria":[{"id","name","nameEn",
/// "verdict","value","threshold","margin","points","citation"}],"missing":[…],"notes":[…]},…}}`.
/// A value that is a range is written `{"min":…,"max":…}`; a known one as a number; none as `null`.
public enum AuditJSON {
    /// One firm as a single-line JSON object.
    public static func object(_ firm: FirmAssessment) -> String {
        let out = ByteWriter(capacity: 8192)
        write(firm, into: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Appends one firm as a single-line JSON object to a byte writer (the fast path for `jsonl`).
    public static func write(_ firm: FirmAssessment, into out: ByteWriter) {
        out.append("{\"id\":")
        string(firm.id, into: out)
        out.append(",\"name\":")
        string(firm.name, into: out)
        out.append(",\"district\":")
        string(firm.district, into: out)
        out.append(",\"asOf\":\"")
        out.append(string: firm.asOf.description)
        out.append("\",\"certified\":")
        optional(firm.certified?.rawValue, into: out)
        out.append(",\"eligible\":")
        optional(firm.eligible?.rawValue, into: out)
        out.append(",\"tiers\":{")
        for index in firm.rungs.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(firm.rungs[index].tier.rawValue, into: out)
            out.append(UInt8(ascii: ":"))
            write(firm.rungs[index], into: out)
        }
        out.append("}}")
    }

    static func write(_ rung: TierAssessment, into out: ByteWriter) {
        out.append("{\"verdict\":")
        string(rung.verdict.rawValue, into: out)
        out.append(",\"score\":")
        if let score = rung.score {
            out.append("{\"min\":")
            number(score.lo, into: out)
            out.append(",\"max\":")
            number(score.hi, into: out)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append("null")
        }
        out.append(",\"route\":")
        optional(rung.route, into: out)
        out.append(",\"ruleVersion\":")
        optional(rung.ruleVersion, into: out)
        out.append(",\"dataYear\":")
        number(Double(rung.dataYear), into: out)
        out.append(",\"criteria\":[")
        rung.criteria.withUnsafeBufferPointer { results in
            guard let first = results.baseAddress else { return }
            for index in results.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                criterion(first + index, into: out)
            }
        }
        out.append("],\"missing\":[")
        if rung.verdict == .undetermined {
            for (index, name) in rung.missingNames.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(name, into: out)
            }
        }
        out.append("],\"assumptions\":[")
        if let version = rung.version { out.append(version.assumptionsJSON) }
        out.append("],\"notes\":[")
        var first = true
        if let notice = rung.rulebook.notice {
            string(notice, into: out)
            first = false
        }
        for flag in ReviewFlag.decode(rung.flags) {
            if !first { out.append(UInt8(ascii: ",")) }
            string(flag.message, into: out)
            first = false
        }
        if rung.version == nil && first { out.append("\"no rule version in force on the date\"") }
        out.append("]}")
    }

    /// One criterion's object, read in place (a copy of each result costs a retain and a release).
    private static func criterion(_ result: UnsafePointer<CriterionResult>, into out: ByteWriter) {
        // The result (and so its criterion) outlives this call: no retain needed.
        unowned(unsafe) let criterion = result.pointee.criterion
        out.append(criterion.jsonPrefix)
        switch result.pointee.verdict {
        case .pass: out.append("pass\",\"value\":")
        case .fail: out.append("fail\",\"value\":")
        case .unknown: out.append("unknown\",\"value\":")
        }
        interval(result.pointee.value, into: out)
        if criterion.kind == .score, let band = result.pointee.band {
            out.append(criterion.bandJSON[band])
        } else if criterion.kind == .score {
            out.append(",\"threshold\":null")
        } else {
            out.append(",\"threshold\":")
            interval(result.pointee.threshold, into: out)
        }
        out.append(",\"margin\":")
        interval(CriterionResult.margin(of: result), into: out)
        out.append(",\"points\":")
        interval(result.pointee.points, into: out)
        out.append(UInt8(ascii: "}"))
    }

    static func interval(_ value: Interval?, into out: ByteWriter) {
        guard let value else {
            out.append("null")
            return
        }
        if value.isPoint {
            number(value.lo, into: out)
        } else {
            out.append("{\"min\":")
            number(value.lo, into: out)
            out.append(",\"max\":")
            number(value.hi, into: out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON number; infinities (unbounded ranges) become `null`. Values print with at most
    /// nine decimals (ratios and yuan amounts need far fewer), without going through `String`.
    static func number(_ value: Double, into out: ByteWriter) {
        guard value.isFinite else {
            out.append("null")
            return
        }
        let magnitude = abs(value)
        // Whole test without libm's round(): the conversion truncates, and only whole values survive it.
        if magnitude < 1e18, Double(UInt64(magnitude)) == magnitude {
            // Whole numbers (counts, years, most amounts in yuan): digits only.
            integer(UInt64(magnitude), negative: value < 0, into: out)
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
        out.write(maximum: 10) { start in
            start[0] = UInt8(ascii: ".")
            for position in stride(from: width, through: 1, by: -1) {
                start[position] = UInt8(48 + fraction % 10)
                fraction /= 10
            }
            return width + 1
        }
    }

    /// Writes an unsigned integer's digits (at most 20), with a minus sign when asked, in place:
    /// digits are produced right to left into a scratch area, two at a time from a table.
    private static func integer(_ value: UInt64, negative: Bool, into out: ByteWriter) {
        if value < 10 && !negative {
            out.append(UInt8(48 + value))
            return
        }
        out.write(maximum: 21) { start in
            var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
            return withUnsafeMutableBytes(of: &scratch) { raw -> Int in
                let digits = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                var position = 24
                var remaining = value
                twoDigits.withUnsafeBufferPointer { pairs in
                    while remaining >= 100 {
                        let pair = Int(remaining % 100) &* 2
                        remaining /= 100
                        position &-= 2
                        digits[position] = pairs[pair]
                        digits[position &+ 1] = pairs[pair &+ 1]
                    }
                    if remaining >= 10 {
                        let pair = Int(remaining) &* 2
                        position &-= 2
                        digits[position] = pairs[pair]
                        digits[position &+ 1] = pairs[pair &+ 1]
                    } else {
                        position &-= 1
                        digits[position] = UInt8(48 &+ remaining)
                    }
                }
                var end = 0
                if negative && value != 0 {
                    start[0] = UInt8(ascii: "-")
                    end = 1
                }
                let count = 24 &- position
                (start + end).update(from: digits + position, count: count)
                return end &+ count
            }
        }
    }

    /// "00", "01", … "99", two bytes each.
    private static let twoDigits: [UInt8] = {
        var pairs: [UInt8] = []
        for value in 0..<100 {
            let tens = UInt8(48 + value / 10)
            let ones = UInt8(48 + value % 10)
            pairs.append(tens)
            pairs.append(ones)
        }
        return pairs
    }()

    static func optional(_ text: String?, into out: ByteWriter) {
        if let text { string(text, into: out) } else { out.append("null") }
    }

    /// A JSON string with the required escapes, appended as UTF-8; non-ASCII is kept as is.
    static func string(_ text: String, into out: ByteWriter) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plain = true
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                plain = false
                break
            }
            if plain {
                out.append(UnsafeRawBufferPointer(bytes))
                return
            }
            var escaped = ""
            string(String(decoding: bytes, as: UTF8.self), into: &escaped)
            out.append(string: String(escaped.dropFirst().dropLast()))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func interval(_ value: Interval?, into out: inout String) {
        guard let value else {
            out += "null"
            return
        }
        if value.isPoint {
            out += number(value.lo)
        } else {
            out += "{\"min\":\(number(value.lo)),\"max\":\(number(value.hi))}"
        }
    }

    /// A JSON number; infinities (unbounded ranges) become `null`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func optional(_ text: String?, into out: inout String) {
        if let text { string(text, into: &out) } else { out += "null" }
    }

    /// A JSON string literal (see `JSONString.quote`).
    static func string(_ text: String, into out: inout String) {
        JSONString.quote(text, into: &out)
    }
}
