import LadderCore
import LadderRules

/// The columns of every audit table, by their stable key (the JSON key and English CSV header): the
/// Chinese label and the kind that decides how CSV and xlsx write the cells.
public enum AuditColumns {
    static let catalog: [String: (String, ColumnKind)] = [
        "id": ("统一社会信用代码", .id), "name": ("企业名称", .text), "district": ("区市代码", .code),
        "districtName": ("区市", .text), "asOf": ("评定日", .date), "certified": ("已认定层级", .text),
        "eligible": ("符合层级", .text), "tier": ("层级", .text), "tierVerdict": ("层级结论", .text),
        "scoreMin": ("得分下限", .number), "scoreMax": ("得分上限", .number), "route": ("认定途径", .text),
        "ruleVersion": ("规则版本", .text), "criterion": ("条件编号", .text), "criterionName": ("条件", .text),
        "criterionNameEn": ("条件（英文）", .text), "verdict": ("结论", .text), "value": ("数值", .text),
        "threshold": ("门槛", .text), "margin": ("差额", .number), "pointsMin": ("分数下限", .number),
        "pointsMax": ("分数上限", .number), "citation": ("依据", .text), "missing": ("缺失数据", .text),
        "severity": ("级别", .text), "kind": ("类型", .text), "evidence": ("证据", .text), "check": ("核查建议", .text),
        "position": ("记录位置", .text), "rank": ("排名", .count), "distance": ("距离", .number),
        "outcome": ("结果", .text), "changes": ("所需变化（英文）", .text), "changesZh": ("所需变化", .text), "criteria": ("相关条件", .text),
        "reasons": ("原因（英文）", .text), "reasonsZh": ("原因", .text), "field": ("字段", .text), "expected": ("应为", .text), "message": ("说明", .text),
        "fromVersion": ("原规则版本", .text), "toVersion": ("新规则版本", .text), "fromVerdict": ("原结论", .text),
        "toVerdict": ("新结论", .text), "fromEligible": ("原符合层级", .text), "toEligible": ("新符合层级", .text),
    ]

    /// The typed columns for a header of keys (an unknown key is a text column labelled by itself).
    public static func columns(_ keys: [String]) -> [TableColumn] {
        keys.map { key in
            let (chinese, kind) = catalog[key] ?? (key, .text)
            return TableColumn(key, chinese, key, kind)
        }
    }

    /// A table from a header of keys and rows of rendered text.
    public static func table(name: String, header: [String], rows: [[String]]) -> ReportTable {
        ReportTable(name: name, columns: columns(header), textRows: rows)
    }

    /// The per-criterion audit of firms as a table (one row per firm, rung and criterion).
    public static func criteriaTable(_ firms: [FirmAssessment], language: Language) -> ReportTable {
        table(name: language.pick("逐条评定", "Audit"), header: AuditText.csvHeader,
              rows: firms.flatMap(AuditText.csvCells))
    }
}

extension AuditColumns {
    /// The per-criterion audit's columns (`AuditText.csvHeader`).
    public static let criteria = columns(AuditText.csvHeader)

    /// The per-criterion CSV header line in a language.
    public static func criteriaHeaderLine(_ language: Language) -> String {
        criteria.map { CSV.cell($0.label(language)) }.joined(separator: ",")
    }

    /// One per-criterion CSV line: the credit code kept as text (see `ReportTable.csv`), the rest as
    /// `AuditText.csvLine` writes them.
    public static func criteriaLine(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "," }
            line += index < criteria.count && criteria[index].kind == .id
                ? CSV.textKeepingDigits(cell) : AuditText.csvCell(cell)
        }
        return line
    }
}
