import LadderCore

/// The tally as typed tables: what CSV and xlsx write.
extension TallyRows {
    /// The tally's columns: stable English keys (the CSV header in English), labels, kinds.
    public func columns(_ language: Language) -> [TableColumn] {
        let heading = headings(language)
        return [
            TableColumn("code", "代码", nil, .code), TableColumn("name", heading[0], "name"),
            TableColumn("certified", "科技型企业", nil, .count),
            TableColumn("tech-sme", Tier.techSME.chineseName, nil, .count),
            TableColumn("high-tech", Tier.highTech.chineseName, nil, .count),
            TableColumn("leading", Tier.leading.chineseName, nil, .count),
            TableColumn("eligible", "符合条件", nil, .count),
            TableColumn("eligible-tech-sme", "符合条件·" + Tier.techSME.chineseName, nil, .count),
            TableColumn("eligible-high-tech", "符合条件·" + Tier.highTech.chineseName, nil, .count),
            TableColumn("eligible-leading", "符合条件·" + Tier.leading.chineseName, nil, .count),
            TableColumn("pipeline", "符合未认定", nil, .count),
            TableColumn("pipeline-uncertified", "符合未认定·尚无认定", nil, .count),
            TableColumn("audit-risk", "认定不符", nil, .count),
            TableColumn("target", "目标", nil, .count), TableColumn("share", "占目标", nil, .ratio),
            TableColumn("share-of-city", "占全市", nil, .ratio),
            TableColumn("gap", "差距", nil, .count), TableColumn("as-of", "统计日", nil, .date),
            TableColumn("by", "分组", nil, .text),
        ]
    }

    /// The groups and the total as one typed table; eligible columns are empty when not computed.
    public func reportTable(_ language: Language) -> ReportTable {
        let computed = tally.eligibilityComputed
        let rows: [[TableCell]] = all.map { row in
            let f = row.figures
            func count(_ value: Int) -> TableCell { .number(Double(value)) }
            func eligible(_ value: Int) -> TableCell { computed ? count(value) : .empty }
            return [
                .text(row.code), .text(rowName(row, language)),
                count(f.certified.total), count(f.certified.techSME), count(f.certified.highTech),
                count(f.certified.leading),
                eligible(f.eligible.total), eligible(f.eligible.techSME), eligible(f.eligible.highTech),
                eligible(f.eligible.leading), eligible(f.pipeline.total), eligible(f.pipelineUncertified),
                eligible(f.auditRisk.total),
                // Only a row's own target (the total's is the city's): a district row would otherwise read,
                // in a spreadsheet, as if the city's 22,000 were the district's own.
                (row.ownTarget ? row.target : nil).map { .number(Double($0.units)) } ?? .empty,
                row.share.map { .number($0) } ?? .empty, row.shareOfCity.map { .number($0) } ?? .empty,
                row.gap.map(count) ?? .empty,
                .text(tally.asOf.description), .text(tally.grouping.rawValue),
            ]
        }
        return ReportTable(name: language.pick("科技型企业统计", "Tally"), columns: columns(language), rows: rows)
    }

    /// The tally as CSV: a header row in `language` (English: the stable keys), one row per group, the
    /// total row; UTF-8 with BOM, CRLF lines. Eligible columns are empty when eligibility was not computed.
    public func csv(_ language: Language = .en) -> String {
        var table = reportTable(language)
        // Shares keep four decimals in CSV, as they always have.
        for share in table.columns.indices where table.columns[share].kind == .ratio {
            for index in table.rows.indices {
                if case .number(let value) = table.rows[index][share] {
                    table.rows[index][share] = .text(Format.fixed(value, decimals: 4))
                }
            }
        }
        return table.csv(language)
    }

    /// The workbook: the tally, the counting rules and the notes, one sheet each.
    public func workbook(_ language: Language) -> Workbook {
        let heading = language.pick("说明", "Note")
        let rules = CountingRules.lines(asOf: tally.asOf, eligibilityComputed: tally.eligibilityComputed, language: language)
        let notes = Array(footer(language).dropFirst(rules.count))
        return Workbook([
            reportTable(language),
            .notes(name: language.pick("统计口径", "Counting rules"), heading: heading, lines: rules),
            .notes(name: language.pick("备注", "Notes"), heading: heading, lines: [title(language)] + notes),
        ])
    }
}
