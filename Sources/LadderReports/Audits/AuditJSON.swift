import LadderCore
import LadderRules
import Synchronization

/// Renders assessments as JSON text without Foundation's encoder (one object per firm for `jsonl`).
///
/// Shape (issue 3): `{"id","name","district","asOf","certified","eligible","tiers":{"tech-sme":
/// {"verdict","score":{"min","max"},"route","ruleVersion","dataYear","criteria":[{"id","comparison",
/// "citation","verdict","value","threshold","margin","points"}],"missing":[…],"assumptions":[…],
/// "notes":[…]},…}}`. A value that is a range is written `{"min":…,"max":…}`; a known one as a number;
/// none as `null`. Strings go through `JSONString.quote`.
public enum AuditJSON {
    /// One firm as a single-line JSON object.
    public static func object(_ firm: FirmAssessment) -> String {
        let out = ByteWriter(capacity: 8192)
        write(firm, into: out)
        return out.string
    }

    /// Appends one firm as a single-line JSON object to a byte writer (the fast path for `jsonl`).
    public static func write(_ firm: FirmAssessment, into out: ByteWriter) {
        out.append("{\"id\":")
        JSONString.quote(firm.id, into: out)
        out.append(",\"name\":")
        JSONString.quote(firm.name, into: out)
        out.append(",\"district\":")
        JSONString.quote(firm.district, into: out)
        out.append(",\"asOf\":\"")
        out.append(string: firm.asOf.description)
        out.append("\",\"certified\":")
        optional(firm.certified?.rawValue, into: out)
        out.append(",\"eligible\":")
        optional(firm.eligible?.rawValue, into: out)
        out.append(",\"tiers\":{")
        for index in firm.rungs.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch firm.rungs[index].tier {
            case .techSME: out.append("\"tech-sme\":")
            case .highTech: out.append("\"high-tech\":")
            case .leading: out.append("\"leading\":")
            }
            rung(firm.rungs[index], into: out)
        }
        out.append("}}")
    }

    /// One rung's object.
    private static func rung(_ rung: borrowing TierAssessment, into out: ByteWriter) {
        switch rung.verdict {
        case .qualified: out.append("{\"verdict\":\"qualified\",\"score\":")
        case .notQualified: out.append("{\"verdict\":\"not-qualified\",\"score\":")
        case .undetermined: out.append("{\"verdict\":\"undetermined\",\"score\":")
        }
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
        let parts = rung.version.map { AuditJSONParts.of($0, in: rung.rulebook) }
        if let version = rung.version {
            JSONString.quote(version.id, into: out)
        } else {
            out.append("null")
        }
        out.append(",\"dataYear\":")
        number(Double(rung.dataYear), into: out)
        out.append(",\"criteria\":[")
        for index in rung.criteria.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            criterion(rung.criteria[index], parts: parts?.criterion(at: index, rung.criteria[index].criterion), into: out)
        }
        out.append("],\"missing\":[")
        if rung.verdict == .undetermined { missing(rung.missing, dataYear: rung.dataYear, into: out) }
        out.append("],\"assumptions\":[")
        if let parts { out.append(parts.assumptions) }
        out.append("],\"notes\":[")
        var first = true
        if let parts {
            out.append(parts.notice)
            first = parts.notice.isEmpty
        } else if let notice = rung.rulebook.notice {
            JSONString.quote(notice, into: out)
            first = false
        }
        if rung.flags != 0 {
            for flag in ReviewFlag.decode(rung.flags) {
                if !first { out.append(UInt8(ascii: ",")) }
                JSONString.quote(flag.message, into: out)
                first = false
            }
        }
        if rung.version == nil && first { out.append("\"no rule version in force on the date\"") }
        out.append("]}")
    }

    /// The names of the facts to collect. They are plain ASCII (and ≤): nothing to escape.
    private static func missing(_ missing: MissingFields, dataYear: Int, into out: ByteWriter) {
        var first = true
        missing.forEachName(dataYear: dataYear) { name in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            switch name {
            case .finance(let year, let orEarlier, let field):
                out.append(orEarlier ? "\"Finance[≤" : "\"Finance[")
                number(Double(year), into: out)
                out.append("].")
                out.append(string: field.name)
                out.append(UInt8(ascii: "\""))
            case .firm(let text): JSONString.quote(text, into: out)
            case .expert(let item):
                out.append("\"ExpertScore[")
                out.append(string: item.rawValue)
                out.append("]\"")
            }
        }
    }

    /// One criterion's object; `parts` are its fixed texts, when prepared.
    private static func criterion(_ result: borrowing CriterionResult, parts: AuditJSONParts.Criterion?,
                                  into out: ByteWriter) {
        if let parts {
            out.append(parts.prefix)
        } else {
            out.append(AuditJSONParts.prefix(of: result.criterion))
        }
        switch result.verdict {
        case .pass: out.append("pass\",\"value\":")
        case .fail: out.append("fail\",\"value\":")
        case .unknown: out.append("unknown\",\"value\":")
        }
        interval(result.value, into: out)
        if result.criterion.kind == .score {
            if let band = result.band {
                out.append(parts?.bands[band] ?? AuditJSONParts.band(band, of: result.criterion))
            } else {
                out.append(",\"threshold\":null")
            }
        } else {
            out.append(",\"threshold\":")
            interval(result.threshold, into: out)
        }
        out.append(",\"margin\":")
        interval(result.margin, into: out)
        out.append(",\"points\":")
        interval(result.points, into: out)
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

    static func optional(_ text: String?, into out: ByteWriter) {
        if let text { JSONString.quote(text, into: out) } else { out.append("null") }
    }
}
