import LadderCore
import LadderRules

extension AuditRender {
    /// The discrepancy audit in a format.
    public static func render(_ audit: DiscrepancyAudit, asOf: String, format: AuditRenderFormat,
                              language: Language = .en) -> String {
        let findings = audit.sorted
        switch format {
        case .text: return discrepancyText(audit, findings, asOf: asOf)
        case .csv: return csv(header: discrepancyHeader, rows: findings.map { discrepancyRow($0, language) }, language: language)
        case .jsonl: return findings.map { discrepancyJSON($0).text + "\n" }.joined()
        case .json:
            var json = AuditJSONWriter()
            json.beginObject()
            json.string("audit", "discrepancies")
            json.string("asOf", asOf)
            json.int("firms", audit.firms)
            json.beginObject("counts")
            for kind in DiscrepancyKind.allCases { json.int(kind.rawValue, findings.filter { $0.kind == kind }.count) }
            json.endObject()
            json.beginObject("firmsByKind")
            for kind in DiscrepancyKind.allCases { json.int(kind.rawValue, audit.firmsByKind[kind] ?? 0) }
            json.endObject()
            json.beginObject("uncheckable")
            for tier in Tier.allCases { json.int(tier.rawValue, audit.uncheckable[tier] ?? 0) }
            json.endObject()
            json.beginArray("findings")
            for finding in findings { json.raw(discrepancyJSON(finding).text) }
            json.endArray()
            json.endObject()
            return json.text + "\n"
        }
    }

    static let discrepancyHeader = [
        "severity", "kind", "id", "name", "district", "districtName", "tier", "criterion", "criterionName",
        "criterionNameEn", "value", "threshold", "citation", "evidence", "check", "position",
    ]

    /// One finding as a CSV or xlsx row: severity, kind and rung in Chinese for `.zh`, as codes for `.en`
    /// (and for JSON).
    static func discrepancyRow(_ d: Discrepancy, _ language: Language = .en) -> [String] {
        [language.pick(d.severity.chineseName, d.severity.name), language.pick(d.kind.chineseName, d.kind.rawValue),
         d.firmID, d.firmName, d.district, AuditFormatting.districtName(d.district),
         language.pick(d.tier.chineseName, d.tier.rawValue), d.criterion, d.criterionName, d.criterionNameEn, d.value, d.threshold, d.citation,
         d.evidence, language.pick(d.checkZh, d.check), AuditFormatting.position(d.position)]
    }

    static func discrepancyJSON(_ d: Discrepancy) -> AuditJSONWriter {
        var json = AuditJSONWriter()
        json.beginObject()
        for (key, value) in zip(discrepancyHeader, discrepancyRow(d)) { json.string(key, value) }
        json.endObject()
        return json
    }

    static func discrepancyText(_ audit: DiscrepancyAudit, _ findings: [Discrepancy], asOf: String) -> String {
        var lines = [title("认定与规则不一致", "Discrepancies between certification and rules") + "  (as of \(asOf))"]
        for kind in DiscrepancyKind.allCases {
            let rows = findings.filter { $0.kind == kind }.count
            lines.append("  \(kind.chineseName) \(kind.rawValue): \(audit.firmsByKind[kind] ?? 0) firms (\(rows) rows)")
        }
        let uncheckable = Tier.allCases.compactMap { tier in audit.uncheckable[tier].map { "\(tier.rawValue) \($0)" } }
        if !uncheckable.isEmpty {
            lines.append("  待定 certified but undetermined (data missing, not checked), firms: " + uncheckable.joined(separator: ", "))
        }
        lines.append("  (firms as tally counts them: certified-failing = 认定不符 audit risk, qualified-uncertified = 符合未认定 pipeline)")
        lines.append("  (certificate-lapsed: no valid certificate on that rung; tally's 证书失效 lapsed counts firms with none on any rung)")
        lines.append("")
        var table = TextTable(headers: ["级别 sev", "类型 kind", "企业 firm", "区 district", "梯级 rung", "条件 criterion",
                                        "值 value", "门槛 threshold", "核查 check"])
        for d in findings {
            table.add([
                "\(d.severity.chineseName) \(d.severity.name)", d.kind.rawValue,
                firmCell(d.firmName, d.firmID), clip(AuditFormatting.district(d.district), 14), d.tier.rawValue,
                clip("\(d.criterion) \(d.criterionName)", 36), clip(d.value, 28), clip(d.threshold, 30), clip(d.check, 60),
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n") + "\n"
    }
}
