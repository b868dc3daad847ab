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
        let rungs = firm.rungs.span
        for index in rungs.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch rungs[index].tier {
            case .techSME: out.append("\"tech-sme\":")
            case .highTech: out.append("\"high-tech\":")
            case .leading: out.append("\"leading\":")
            }
            rung(rungs, index, into: out)
        }
        out.append("}}")
    }

    /// The `index`th rung's object. (Rungs and results are read where they lie, field by field: passing
    /// one whole to a function copies it, retaining and releasing each reference it holds.)
    private static func rung(_ rungs: Span<TierAssessment>, _ index: Int, into out: ByteWriter) {
        switch rungs[index].verdict {
        case .qualified: out.append("{\"verdict\":\"qualified\",\"score\":")
        case .notQualified: out.append("{\"verdict\":\"not-qualified\",\"score\":")
        case .undetermined: out.append("{\"verdict\":\"undetermined\",\"score\":")
        }
        if let score = rungs[index].score {
            out.append("{\"min\":")
            number(score.lo, into: out)
            out.append(",\"max\":")
            number(score.hi, into: out)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append("null")
        }
        out.append(",\"route\":")
        optional(rungs[index].route, into: out)
        out.append(",\"ruleVersion\":")
        let version = rungs[index].version
        let parts = version.map { AuditJSONParts.of($0, in: rungs[index].rulebook) }
        if let version {
            JSONString.quote(version.id, into: out)
        } else {
            out.append("null")
        }
        let dataYear = rungs[index].dataYear
        out.append(",\"dataYear\":")
        number(Double(dataYear), into: out)
        out.append(",\"criteria\":[")
        let results = rungs[index].criteria.span
        for result in results.indices {
            if result > 0 { out.append(UInt8(ascii: ",")) }
            criterion(results, result, parts: parts, into: out)
        }
        out.append("],\"missing\":[")
        if rungs[index].verdict == .undetermined { missing(rungs[index].missing, dataYear: dataYear, into: out) }
        out.append("],\"assumptions\":[")
        if let parts { out.append(parts.assumptions) }
        out.append("],\"notes\":[")
        var first = true
        if let parts {
            out.append(parts.notice)
            first = parts.notice.isEmpty
        } else if let notice = rungs[index].rulebook.notice {
            JSONString.quote(notice, into: out)
            first = false
        }
        let flags = rungs[index].flags
        if flags != 0 {
            for flag in ReviewFlag.decode(flags) {
                if !first { out.append(UInt8(ascii: ",")) }
                JSONString.quote(flag.message, into: out)
                first = false
            }
        }
        if version == nil && first { out.append("\"no rule version in force on the date\"") }
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

    /// The `index`th result's object (read in place, as `rung` reads rungs); `parts` are its version's
    /// fixed texts.
    private static func criterion(_ results: Span<CriterionResult>, _ index: Int, parts: AuditJSONParts?,
                                  into out: ByteWriter) {
        let prepared = parts?.isPrepared(index, ObjectIdentifier(results[index].criterion)) ?? false
        if prepared {
            parts?.writePrefix(index, into: out)
        } else {
            out.append(AuditJSONParts.prefix(of: results[index].criterion))
        }
        switch results[index].verdict {
        case .pass: out.append("pass\",\"value\":")
        case .fail: out.append("fail\",\"value\":")
        case .unknown: out.append("unknown\",\"value\":")
        }
        let value = results[index].value, threshold = results[index].threshold, band = results[index].band
        interval(value, into: out)
        if results[index].criterion.kind == .score {
            if let band {
                if prepared {
                    parts?.writeBand(band, index, into: out)
                } else {
                    out.append(AuditJSONParts.band(band, of: results[index].criterion))
                }
            } else {
                out.append(",\"threshold\":null")
            }
        } else {
            out.append(",\"threshold\":")
            interval(threshold, into: out)
        }
        out.append(",\"margin\":")
        interval(CriterionResult.margin(of: results[index].criterion, value: value, threshold: threshold, band: band),
                 into: out)
        out.append(",\"points\":")
        interval(results[index].points, into: out)
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
