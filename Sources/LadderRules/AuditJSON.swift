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
        // Rungs are read in place: a copy of each retains its rulebook, version, route and criteria.
        firm.rungs.withUnsafeBufferPointer { rungs in
            guard let first = rungs.baseAddress else { return }
            for index in rungs.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                switch rungs[index].tier {
                case .techSME: out.append("\"tech-sme\":")
                case .highTech: out.append("\"high-tech\":")
                case .leading: out.append("\"leading\":")
                }
                write(first + index, into: out)
            }
        }
        out.append("}}")
    }

    /// One rung's object, read in place.
    private static func write(_ rung: UnsafePointer<TierAssessment>, into out: ByteWriter) {
        // The assessment (and so its rulebook and version) outlives this call: no retains needed.
        unowned(unsafe) let rulebook = rung.pointee.rulebook
        switch rung.pointee.verdict {
        case .qualified: out.append("{\"verdict\":\"qualified\",\"score\":")
        case .notQualified: out.append("{\"verdict\":\"not-qualified\",\"score\":")
        case .undetermined: out.append("{\"verdict\":\"undetermined\",\"score\":")
        }
        if let score = rung.pointee.score {
            out.append("{\"min\":")
            number(score.lo, into: out)
            out.append(",\"max\":")
            number(score.hi, into: out)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append("null")
        }
        out.append(",\"route\":")
        optional(rung.pointee.route, into: out)
        out.append(",\"ruleVersion\":")
        if let version = rung.pointee.version {
            string(version.id, into: out)
        } else {
            out.append("null")
        }
        out.append(",\"dataYear\":")
        number(Double(rung.pointee.dataYear), into: out)
        out.append(",\"criteria\":[")
        rung.pointee.criteria.withUnsafeBufferPointer { results in
            guard let first = results.baseAddress else { return }
            for index in results.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                criterion(first + index, into: out)
            }
        }
        out.append("],\"missing\":[")
        if rung.pointee.verdict == .undetermined {
            var first = true
            rung.pointee.missing.forEachName(dataYear: rung.pointee.dataYear) { name in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                // The names are plain ASCII (and ≤): nothing to escape.
                switch name {
                case .finance(let year, let orEarlier, let field):
                    out.append(orEarlier ? "\"Finance[≤" : "\"Finance[")
                    number(Double(year), into: out)
                    out.append("].")
                    out.append(string: field.name)
                    out.append(UInt8(ascii: "\""))
                case .firm(let text): string(text, into: out)
                case .expert(let item):
                    out.append("\"ExpertScore[")
                    out.append(string: item.rawValue)
                    out.append("]\"")
                }
            }
        }
        out.append("],\"assumptions\":[")
        if let version = rung.pointee.version { out.append(version.assumptionsJSON) }
        out.append("],\"notes\":[")
        out.append(rulebook.noticeJSON)
        var first = rulebook.noticeJSON.isEmpty
        if rung.pointee.flags != 0 {
            for flag in ReviewFlag.decode(rung.pointee.flags) {
                if !first { out.append(UInt8(ascii: ",")) }
                string(flag.message, into: out)
                first = false
            }
        }
        if rung.pointee.version == nil && first { out.append("\"no rule version in force on the date\"") }
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

    @inline(__always)  // four per criterion of every firm: a call cost as much as writing a null
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
        out.write(maximum: 10) { start in
            start[0] = UInt8(ascii: ".")
            writeDigits(fraction, count: width, endingAt: start + width + 1)
            return width + 1
        }
    }

    /// Writes an unsigned integer's digits (at most 20), with a minus sign when asked, in place.
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
        let sign = negative && value != 0 ? 1 : 0
        out.write(maximum: 21) { start in
            if sign == 1 { start[0] = UInt8(ascii: "-") }
            writeDigits(value, count: count, endingAt: start + sign + count)
            return sign + count
        }
    }

    /// Writes the last `count` decimal digits of `value` (with leading zeros if it has fewer), right to
    /// left and two at a time, ending just before `end`.
    @inline(__always)
    private static func writeDigits(_ value: UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        let pairs = twoDigits.utf8Start
        var position = end
        var remaining = value
        var left = count
        while left >= 2 {
            let pair = Int(remaining % 100) &* 2
            remaining /= 100
            position -= 2
            position[0] = pairs[pair]
            position[1] = pairs[pair &+ 1]
            left -= 2
        }
        if left == 1 { position[-1] = UInt8(48 &+ remaining % 10) }
    }

    /// "00", "01", … "99", two bytes each.
    private static let twoDigits: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    static func optional(_ text: String?, into out: ByteWriter) {
        if let text { string(text, into: out) } else { out.append("null") }
    }

    /// A JSON string escaped by `JSONString.quote` (plain text copied as it is), appended as UTF-8.
    static func string(_ text: String, into out: ByteWriter) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: JSONString.mayNeedEscape) {
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
