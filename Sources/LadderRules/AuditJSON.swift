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
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        write(firm, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one firm as a single-line JSON object (UTF-8 bytes; the fast path for `jsonl`).
    public static func write(_ firm: FirmAssessment, into out: inout [UInt8]) {
        out.append(contentsOf: Key.id)
        string(firm.id, into: &out)
        out.append(contentsOf: Key.name)
        string(firm.name, into: &out)
        out.append(contentsOf: Key.district)
        string(firm.district, into: &out)
        out.append(contentsOf: Key.asOf)
        string(firm.asOf.description, into: &out)
        out.append(contentsOf: Key.certified)
        optional(firm.certified?.rawValue, into: &out)
        out.append(contentsOf: Key.eligible)
        optional(firm.eligible?.rawValue, into: &out)
        out.append(contentsOf: Key.tiers)
        for (index, rung) in firm.rungs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(rung.tier.rawValue, into: &out)
            out.append(UInt8(ascii: ":"))
            write(rung, into: &out)
        }
        out.append(contentsOf: Key.close2)
    }

    /// Fixed fragments, as bytes made once: appending them is a copy, not a string conversion.
    enum Key {
        static let id = Array("{\"id\":".utf8)
        static let name = Array(",\"name\":".utf8)
        static let district = Array(",\"district\":".utf8)
        static let asOf = Array(",\"asOf\":".utf8)
        static let certified = Array(",\"certified\":".utf8)
        static let eligible = Array(",\"eligible\":".utf8)
        static let tiers = Array(",\"tiers\":{".utf8)
        static let close2 = Array("}}".utf8)
        static let verdict = Array("{\"verdict\":".utf8)
        static let score = Array(",\"score\":".utf8)
        static let min = Array("{\"min\":".utf8)
        static let max = Array(",\"max\":".utf8)
        static let route = Array(",\"route\":".utf8)
        static let ruleVersion = Array(",\"ruleVersion\":".utf8)
        static let dataYear = Array(",\"dataYear\":".utf8)
        static let criteria = Array(",\"criteria\":[".utf8)
        static let value = Array("\",\"value\":".utf8)
        static let threshold = Array(",\"threshold\":".utf8)
        static let margin = Array(",\"margin\":".utf8)
        static let points = Array(",\"points\":".utf8)
        static let missing = Array("],\"missing\":[".utf8)
        static let assumptions = Array("],\"assumptions\":[".utf8)
        static let notes = Array("],\"notes\":[".utf8)
        static let close = Array("]}".utf8)
        static let null = Array("null".utf8)
        static let noVersion = Array("\"no rule version in force on the date\"".utf8)
    }

    static func write(_ rung: TierAssessment, into out: inout [UInt8]) {
        out.append(contentsOf: Key.verdict)
        string(rung.verdict.rawValue, into: &out)
        out.append(contentsOf: Key.score)
        if let score = rung.score {
            out.append(contentsOf: Key.min)
            number(score.lo, into: &out)
            out.append(contentsOf: Key.max)
            number(score.hi, into: &out)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(contentsOf: Key.null)
        }
        out.append(contentsOf: Key.route)
        optional(rung.route, into: &out)
        out.append(contentsOf: Key.ruleVersion)
        optional(rung.ruleVersion, into: &out)
        out.append(contentsOf: Key.dataYear)
        number(Double(rung.dataYear), into: &out)
        out.append(contentsOf: Key.criteria)
        for (index, result) in rung.criteria.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let criterion = result.criterion
            out.append(contentsOf: criterion.jsonPrefix)
            out.append(contentsOf: result.verdict.rawValue.utf8)
            out.append(contentsOf: Key.value)
            interval(result.value, into: &out)
            out.append(contentsOf: Key.threshold)
            if criterion.kind == .score {
                if let band = result.band { out.append(contentsOf: criterion.bandJSON[band]) } else { out.append(contentsOf: Key.null) }
            } else {
                interval(result.threshold, into: &out)
            }
            out.append(contentsOf: Key.margin)
            interval(result.margin, into: &out)
            out.append(contentsOf: Key.points)
            interval(result.points, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Key.missing)
        if rung.verdict == .undetermined {
            for (index, name) in rung.missingNames.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(name, into: &out)
            }
        }
        out.append(contentsOf: Key.assumptions)
        if let version = rung.version { out.append(contentsOf: version.assumptionsJSON) }
        out.append(contentsOf: Key.notes)
        var first = true
        if let notice = rung.rulebook.notice {
            string(notice, into: &out)
            first = false
        }
        for flag in ReviewFlag.decode(rung.flags) {
            if !first { out.append(UInt8(ascii: ",")) }
            string(flag.message, into: &out)
            first = false
        }
        if rung.version == nil && first { out.append(contentsOf: Key.noVersion) }
        out.append(contentsOf: Key.close)
    }

    static func interval(_ value: Interval?, into out: inout [UInt8]) {
        guard let value else {
            out.append(contentsOf: Key.null)
            return
        }
        if value.isPoint {
            number(value.lo, into: &out)
        } else {
            out.append(contentsOf: Key.min)
            number(value.lo, into: &out)
            out.append(contentsOf: Key.max)
            number(value.hi, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON number; infinities (unbounded ranges) become `null`. Values print with at most
    /// nine decimals (ratios and yuan amounts need far fewer), without going through `String`.
    static func number(_ value: Double, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: Key.null)
            return
        }
        let magnitude = abs(value)
        guard magnitude < 1e9 else {
            out.append(contentsOf: (value == value.rounded() && magnitude < 1e15 ? String(Int64(value)) : "\(value)").utf8)
            return
        }
        let scaled = (magnitude * 1e9).rounded()
        var whole = UInt64(scaled / 1e9)
        var fraction = UInt64(scaled) - whole * 1_000_000_000
        if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        digits(&whole, into: &out)
        guard fraction > 0 else { return }
        out.append(UInt8(ascii: "."))
        var width = 9
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var padded = fraction + UInt64(pow10[width])  // a leading 1 keeps the fraction's zeros
        var text: [UInt8] = []
        digits(&padded, into: &text)
        out.append(contentsOf: text[1...])
    }

    private static let pow10: [Int] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
                                       1_000_000_000]

    private static func digits(_ value: inout UInt64, into out: inout [UInt8]) {
        // At most 20 digits, written backwards into a fixed buffer, then appended at once.
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var index = 24
            repeat {
                index -= 1
                raw[index] = UInt8(48 + value % 10)
                value /= 10
            } while value > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[index..<24]))
        }
    }

    static func optional(_ text: String?, into out: inout [UInt8]) {
        if let text { string(text, into: &out) } else { out.append(contentsOf: Key.null) }
    }

    /// A JSON string with the required escapes, appended as UTF-8; non-ASCII is kept as is.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: bytes)
                return
            }
            var escaped = ""
            string(String(decoding: bytes, as: UTF8.self), into: &escaped)
            out.append(contentsOf: escaped.utf8.dropFirst().dropLast())
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
