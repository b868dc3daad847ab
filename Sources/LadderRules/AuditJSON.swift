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
        var head = "{\"id\":"
        string(firm.id, into: &head)
        head += ",\"name\":"
        string(firm.name, into: &head)
        head += ",\"district\":"
        string(firm.district, into: &head)
        head += ",\"asOf\":\"\(firm.asOf)\",\"certified\":"
        optional(firm.certified?.rawValue, into: &head)
        head += ",\"eligible\":"
        optional(firm.eligible?.rawValue, into: &head)
        head += ",\"tiers\":{"
        out.append(contentsOf: head.utf8)
        for (index, rung) in firm.rungs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "\"\(rung.tier.rawValue)\":".utf8)
            write(rung, into: &out)
        }
        out.append(contentsOf: "}}".utf8)
    }

    static func write(_ rung: TierAssessment, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"verdict\":\"".utf8)
        out.append(contentsOf: rung.verdict.rawValue.utf8)
        out.append(contentsOf: "\",\"score\":".utf8)
        if let score = rung.score {
            out.append(contentsOf: "{\"min\":".utf8)
            number(score.lo, into: &out)
            out.append(contentsOf: ",\"max\":".utf8)
            number(score.hi, into: &out)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(contentsOf: "null".utf8)
        }
        var middle = ",\"route\":"
        optional(rung.route, into: &middle)
        middle += ",\"ruleVersion\":"
        optional(rung.ruleVersion, into: &middle)
        middle += ",\"dataYear\":\(rung.dataYear),\"criteria\":["
        out.append(contentsOf: middle.utf8)
        for (index, result) in rung.criteria.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let criterion = result.criterion
            out.append(contentsOf: criterion.jsonPrefix)
            out.append(contentsOf: result.verdict.rawValue.utf8)
            out.append(contentsOf: "\",\"value\":".utf8)
            interval(result.value, into: &out)
            out.append(contentsOf: ",\"threshold\":".utf8)
            if criterion.kind == .score {
                if let band = result.band { out.append(contentsOf: criterion.bandJSON[band]) } else { out.append(contentsOf: "null".utf8) }
            } else {
                interval(result.threshold, into: &out)
            }
            out.append(contentsOf: ",\"margin\":".utf8)
            interval(result.margin, into: &out)
            out.append(contentsOf: ",\"points\":".utf8)
            interval(result.points, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        var tail = "],\"missing\":["
        if rung.verdict == .undetermined {
            for (index, name) in rung.missingNames.enumerated() {
                if index > 0 { tail += "," }
                string(name, into: &tail)
            }
        }
        tail += "],\"assumptions\":["
        out.append(contentsOf: tail.utf8)
        if let version = rung.version { out.append(contentsOf: version.assumptionsJSON) }
        out.append(contentsOf: "],\"notes\":[".utf8)
        var notes = ""
        if let notice = rung.rulebook.notice { string(notice, into: &notes) }
        for flag in ReviewFlag.decode(rung.flags) {
            if !notes.isEmpty { notes += "," }
            string(flag.message, into: &notes)
        }
        if rung.version == nil { notes += notes.isEmpty ? "\"no rule version in force on the date\"" : "" }
        out.append(contentsOf: notes.utf8)
        out.append(contentsOf: "]}".utf8)
    }

    static func interval(_ value: Interval?, into out: inout [UInt8]) {
        guard let value else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if value.isPoint {
            number(value.lo, into: &out)
        } else {
            out.append(contentsOf: "{\"min\":".utf8)
            number(value.lo, into: &out)
            out.append(contentsOf: ",\"max\":".utf8)
            number(value.hi, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON number; infinities (unbounded ranges) become `null`.
    static func number(_ value: Double, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            var whole = Int64(value)
            if whole < 0 {
                out.append(UInt8(ascii: "-"))
                whole = -whole
            }
            if whole == 0 {
                out.append(UInt8(ascii: "0"))
                return
            }
            let start = out.count
            while whole > 0 {
                out.append(UInt8(48 + whole % 10))
                whole /= 10
            }
            out[start...].reverse()
            return
        }
        out.append(contentsOf: value.description.utf8)
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
