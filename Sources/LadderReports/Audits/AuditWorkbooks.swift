import LadderCore
import LadderRules

/// The audits as workbooks (xlsx): the findings as one typed sheet, then a sheet of notes or a summary.
extension AuditRender {
    /// The discrepancy audit: findings, then what was examined.
    public static func workbook(_ audit: DiscrepancyAudit, asOf: String, language: Language) -> Workbook {
        let findings = audit.sorted
        var notes = [language.pick("评定日：\(asOf)；检查企业 \(audit.firms) 家。", "As of \(asOf); \(audit.firms) firms examined.")]
        for kind in DiscrepancyKind.allCases {
            let rows = findings.filter { $0.kind == kind }
            let firms = Set(rows.map(\.firmID)).count
            notes.append(language.pick("\(kind.chineseName)（\(kind.rawValue)）：\(firms) 家企业，\(rows.count) 行",
                                       "\(kind.rawValue): \(firms) firms, \(rows.count) rows"))
        }
        return Workbook([
            AuditColumns.table(name: language.pick("认定与规则不一致", "Discrepancies"), header: discrepancyHeader,
                               rows: findings.map { discrepancyRow($0, language) }),
            .notes(name: language.pick("说明", "Notes"), heading: language.pick("说明", "Note"), lines: notes),
        ])
    }

    /// The near-miss report: firms (closest first), then the reach per district.
    public static func workbook(_ report: NearMissReport, asOf: String, language: Language) -> Workbook {
        let districtColumns = [
            TableColumn("district", "区市代码", nil, .code), TableColumn("districtName", "区市", nil, .text),
            TableColumn("firms", "企业数", nil, .count), TableColumn("onLadder", "已在梯队", nil, .count),
            TableColumn("qualifiedUnregistered", "符合未认定", nil, .count),
            TableColumn("withinReach", "可达", nil, .count), TableColumn("reachableRungs", "可达层级数", nil, .count),
        ]
        let districts = (report.districtList + [report.total]).map { reach -> [TableCell] in
            [.text(reach.district), .text(AuditFormatting.districtName(reach.district)),
             .number(Double(reach.firms)), .number(Double(reach.onLadder)), .number(Double(reach.qualifiedUnregistered)),
             .number(Double(reach.withinReach)), .number(Double(reach.reachableRungs))]
        }
        return Workbook([
            AuditColumns.table(name: language.pick("接近达标", "Near misses"), header: nearMissHeader,
                               rows: nearMissRows(report, language)),
            ReportTable(name: language.pick("分区市", "By district"), columns: districtColumns, rows: districts),
            .notes(name: language.pick("说明", "Notes"), heading: language.pick("说明", "Note"), lines: [
                language.pick("评定日：\(asOf)", "As of \(asOf)"), NearMissReport.distanceDefinition,
            ]),
        ])
    }

    /// The data-quality findings, then the date.
    public static func workbook(_ findings: [DataQualityFinding], checker: DataQualityChecker, asOf: String,
                                language: Language) -> Workbook {
        let sorted = findings.sorted(by: DataQualityFinding.ordered)
        return Workbook([
            AuditColumns.table(name: language.pick("数据质量", "Data quality"), header: dataQualityHeader,
                               rows: sorted.map { dataQualityRow($0, language) }),
            .notes(name: language.pick("说明", "Notes"), heading: language.pick("说明", "Note"), lines: [
                language.pick("评定日：\(asOf)；检查企业 \(checker.firmsChecked) 家。",
                              "As of \(asOf); \(checker.firmsChecked) firms checked."),
            ]),
        ])
    }

    /// The rule-version comparison: the firm-rungs that change, then the criteria changes.
    public static func workbook(_ diff: RuleDiff, from: String, to: String, changes: [String], asOf: String,
                                language: Language) -> Workbook {
        Workbook([
            AuditColumns.table(name: language.pick("规则版本对比", "Rule diff"), header: ruleDiffHeader,
                               rows: ruleDiffRows(diff)),
            .notes(name: language.pick("条件变化", "Criteria changes"), heading: language.pick("说明", "Note"),
                   lines: [language.pick("\(from) → \(to)，评定日 \(asOf)", "\(from) → \(to), as of \(asOf)")] + changes),
        ])
    }

    /// The near-miss rows as CSV and xlsx list them: ranked plans numbered, then the unreachable ones.
    static func nearMissRows(_ report: NearMissReport, _ language: Language) -> [[String]] {
        let listed = report.within == nil ? report.ranked + report.unreachable : report.ranked
        return listed.enumerated().map { index, entry in
            var row = nearMissRow(entry, language)
            if entry.distance != nil { row[0] = String(index + 1) }
            return row
        }
    }

    /// The rule-diff entries in report order.
    static func sortedEntries(_ diff: RuleDiff) -> [RuleDiffEntry] {
        diff.entries.sorted { ($0.tier, $0.district, $0.firmID) < ($1.tier, $1.district, $1.firmID) }
    }

    static func ruleDiffRows(_ diff: RuleDiff) -> [[String]] { sortedEntries(diff).map(ruleDiffRow) }
}
