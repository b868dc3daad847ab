import LadderCore

extension AuditRender {
    /// The data-quality findings in a format (sorted by severity, then file position).
    public static func render(_ findings: [DataQualityFinding], checker: DataQualityChecker, asOf: String,
                              format: AuditRenderFormat, language: Language = .en) -> String {
        let sorted = findings.sorted(by: DataQualityFinding.ordered)
        switch format {
        case .text: return dataQualityText(sorted, checker: checker, asOf: asOf)
        case .csv: return csv(header: dataQualityHeader, rows: sorted.map { dataQualityRow($0, language) }, language: language)
        case .jsonl: return sorted.map { dataQualityJSON($0) + "\n" }.joined()
        case .json:
            var json = AuditJSONWriter()
            json.beginObject()
            json.string("audit", "data-quality")
            json.string("asOf", asOf)
            json.int("firms", checker.firmsChecked)
            json.beginObject("counts")
            for kind in DataQualityKind.allCases { json.int(kind.rawValue, sorted.filter { $0.kind == kind }.count) }
            json.endObject()
            json.int("firmsWithoutHighTechWindowStart", checker.uncoveredHighTechWindow)
            json.beginArray("findings")
            for finding in sorted { json.raw(dataQualityJSON(finding)) }
            json.endArray()
            json.endObject()
            return json.text + "\n"
        }
    }

    static let dataQualityHeader = [
        "severity", "kind", "id", "name", "district", "field", "value", "expected", "message", "position",
    ]

    /// One finding as a CSV or xlsx row: severity and kind in Chinese for `.zh`, as codes for `.en` (and
    /// for JSON); the message stays English, as the database keeps it.
    static func dataQualityRow(_ f: DataQualityFinding, _ language: Language = .en) -> [String] {
        [language.pick(f.severity.chineseName, f.severity.name), language.pick(f.kind.chineseName, f.kind.rawValue), f.firmID, f.firmName, f.district, f.field, f.value, f.expected, f.message,
         AuditFormatting.position(f.position)]
    }

    static func dataQualityJSON(_ f: DataQualityFinding) -> String {
        var json = AuditJSONWriter()
        json.beginObject()
        for (key, value) in zip(dataQualityHeader.dropLast(), dataQualityRow(f).dropLast()) { json.string(key, value) }
        json.string("position", f.position?.description)
        json.string("file", f.position?.file)
        json.int("line", f.position?.line)
        json.int("column", f.position?.column)
        json.endObject()
        return json.text
    }

    static func dataQualityText(_ findings: [DataQualityFinding], checker: DataQualityChecker, asOf: String) -> String {
        var lines = [title("数据质量", "Data quality") + "  (\(checker.firmsChecked) firms, as of \(asOf))"]
        for severity in AuditSeverity.allCases {
            let some = findings.filter { $0.severity == severity }
            guard !some.isEmpty else { continue }
            var kinds: [String: Int] = [:]
            for finding in some { kinds[finding.kind.rawValue, default: 0] += 1 }
            let detail = kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("  \(severity.chineseName) \(severity.name): \(some.count)  (\(detail))")
        }
        if checker.uncoveredHighTechWindow > 0 {
            lines.append("  note: \(checker.uncoveredHighTechWindow) firms have no figures for the first of the three years "
                + "the high-tech rules read (the export does not reach back that far); not listed per firm")
        }
        lines.append("")
        var table = TextTable(headers: ["级别 sev", "位置 position", "类型 kind", "企业 firm", "字段 field", "值 value",
                                        "应为 expected", "说明 message"])
        for f in findings {
            table.add([
                "\(f.severity.chineseName) \(f.severity.name)", AuditFormatting.position(f.position), f.kind.rawValue,
                firmCell(f.firmName, f.firmID), clip(f.field, 34), clip(f.value, 22), clip(f.expected, 30),
                clip(f.message, 80),
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n") + "\n"
    }
}
