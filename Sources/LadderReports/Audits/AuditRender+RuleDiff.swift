import LadderCore
import LadderRules

extension AuditRender {
    /// The rule-version comparison in a format: criteria changes, then every firm-rung whose verdict
    /// changes with the criteria that made it flip.
    public static func render(_ diff: RuleDiff, from: String, to: String, changes: [String], asOf: String,
                              format: AuditRenderFormat, language: Language = .en) -> String {
        let entries = sortedEntries(diff)
        switch format {
        case .csv: return csv(header: ruleDiffHeader, rows: ruleDiffRows(diff), language: language)
        case .jsonl: return entries.map { ruleDiffJSON($0) + "\n" }.joined()
        case .json:
            var json = AuditJSONWriter()
            json.beginObject()
            json.string("audit", "diff-rules")
            json.string("from", from)
            json.string("to", to)
            json.string("asOf", asOf)
            json.strings("criteriaChanges", changes)
            json.int("firms", diff.firms)
            json.int("rungChanges", diff.rungChanges)
            json.beginArray("changes")
            for entry in entries { json.raw(ruleDiffJSON(entry)) }
            json.endArray()
            json.endObject()
            return json.text + "\n"
        case .text:
            var lines = [title("规则版本对比", "Rule versions compared") + "  \(from) → \(to), as of \(asOf)"]
            lines += changes.map { "  " + $0 }
            lines.append("  \(diff.firms) firms; \(entries.count) rung verdicts change; \(diff.rungChanges) firms change eligible rung")
            lines.append("")
            var table = TextTable(headers: ["企业 firm", "区 district", "梯级 rung", "判定 verdict", "最高梯级 eligible",
                                            "翻转条件 criterion", "值 value", "门槛 threshold"])
            for entry in entries {
                let first = entry.flipped.first
                table.add([
                    firmCell(entry.firmName, entry.firmID), clip(AuditFormatting.district(entry.district), 14),
                    entry.tier.rawValue, "\(entry.fromVerdict.rawValue) → \(entry.toVerdict.rawValue)",
                    "\(entry.fromEligible?.rawValue ?? "none") → \(entry.toEligible?.rawValue ?? "none")",
                    entry.flipped.map { "\($0.id) \($0.from?.rawValue ?? "–")→\($0.to?.rawValue ?? "–")" }.joined(separator: ", "),
                    first.map { flipValue($0.fromValue, $0.toValue) } ?? "",
                    first.map { flipValue($0.fromThreshold, $0.toThreshold) } ?? "",
                ])
            }
            lines.append(table.render())
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func flipValue(_ a: String, _ b: String) -> String { a == b ? a : "\(a.isEmpty ? "–" : a) → \(b.isEmpty ? "–" : b)" }

    static let ruleDiffHeader = [
        "id", "name", "district", "tier", "fromVersion", "toVersion", "fromVerdict", "toVerdict", "fromEligible",
        "toEligible", "criteria", "position",
    ]

    static func ruleDiffRow(_ e: RuleDiffEntry) -> [String] {
        [e.firmID, e.firmName, e.district, e.tier.rawValue, e.fromVersion, e.toVersion, e.fromVerdict.rawValue,
         e.toVerdict.rawValue, e.fromEligible?.rawValue ?? "", e.toEligible?.rawValue ?? "",
         e.flipped.map { "\($0.id):\($0.from?.rawValue ?? "-")->\($0.to?.rawValue ?? "-")" }.joined(separator: " "),
         AuditFormatting.position(e.position)]
    }

    static func ruleDiffJSON(_ e: RuleDiffEntry) -> String {
        var json = AuditJSONWriter()
        json.beginObject()
        for (key, value) in zip(ruleDiffHeader.prefix(10), ruleDiffRow(e).prefix(10)) {
            json.string(key, value.isEmpty && key.hasSuffix("Eligible") ? nil : value)
        }
        json.beginArray("criteria")
        for flip in e.flipped {
            json.beginObject()
            json.string("id", flip.id)
            json.string("name", flip.name)
            json.string("nameEn", flip.nameEn)
            json.string("from", flip.from?.rawValue)
            json.string("to", flip.to?.rawValue)
            json.string("fromValue", flip.fromValue)
            json.string("toValue", flip.toValue)
            json.string("fromThreshold", flip.fromThreshold)
            json.string("toThreshold", flip.toThreshold)
            json.endObject()
        }
        json.endArray()
        json.string("position", e.position?.description)
        json.endObject()
        return json.text
    }
}
