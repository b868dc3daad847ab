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
        var out = ""
        out.reserveCapacity(4096)
        write(firm, into: &out)
        return out
    }

    /// Appends one firm as a single-line JSON object.
    public static func write(_ firm: FirmAssessment, into out: inout String) {
        out += "{\"id\":"
        string(firm.id, into: &out)
        out += ",\"name\":"
        string(firm.name, into: &out)
        out += ",\"district\":"
        string(firm.district, into: &out)
        out += ",\"asOf\":\"\(firm.asOf)\",\"certified\":"
        optional(firm.certified?.rawValue, into: &out)
        out += ",\"eligible\":"
        optional(firm.eligible?.rawValue, into: &out)
        out += ",\"tiers\":{"
        for (index, rung) in firm.rungs.enumerated() {
            if index > 0 { out += "," }
            string(rung.tier.rawValue, into: &out)
            out += ":"
            write(rung, into: &out)
        }
        out += "}}"
    }

    static func write(_ rung: TierAssessment, into out: inout String) {
        out += "{\"verdict\":\"\(rung.verdict.rawValue)\",\"score\":"
        if let score = rung.score {
            out += "{\"min\":\(number(score.lo)),\"max\":\(number(score.hi))}"
        } else {
            out += "null"
        }
        out += ",\"route\":"
        optional(rung.route, into: &out)
        out += ",\"ruleVersion\":"
        optional(rung.ruleVersion, into: &out)
        out += ",\"dataYear\":\(rung.dataYear),\"criteria\":["
        for (index, result) in rung.criteria.enumerated() {
            if index > 0 { out += "," }
            out += "{\"id\":"
            string(result.id, into: &out)
            out += ",\"name\":"
            string(result.name, into: &out)
            out += ",\"nameEn\":"
            string(result.nameEn, into: &out)
            out += ",\"verdict\":\"\(result.verdict.rawValue)\",\"value\":"
            interval(result.value, into: &out)
            out += ",\"threshold\":"
            optional(result.thresholdText, into: &out)
            out += ",\"margin\":"
            interval(result.margin, into: &out)
            out += ",\"points\":"
            interval(result.points, into: &out)
            out += ",\"citation\":"
            string(result.citation, into: &out)
            out += "}"
        }
        out += "],\"missing\":["
        for (index, name) in rung.missingNames.enumerated() {
            if index > 0 { out += "," }
            string(name, into: &out)
        }
        out += "],\"notes\":["
        for (index, note) in rung.notes.enumerated() {
            if index > 0 { out += "," }
            string(note, into: &out)
        }
        out += "]}"
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

    /// A JSON string with the required escapes; non-ASCII is kept as UTF-8.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            plain = false
            break
        }
        if plain {
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
                    if scalar.value < 0x20 {
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
