import LadderCore

/// The five indicators as a typed table (xlsx): values as numbers, money in 万元.
extension Progress {
    /// One row per indicator: current value, target, share, gap, baseline, growth needed and trend.
    public func reportTable(_ language: Language) -> ReportTable {
        let period = { (text: String) in Self.period(text, language) }
        let columns = [
            TableColumn("indicator", "指标", "Indicator"), TableColumn("value", "当前值", "Current", .number),
            TableColumn("unit", "单位", "Unit"), TableColumn("period", "期间", "Period"),
            TableColumn("target", "\(targets.year)目标（超过）", "Target \(targets.year) (more than)", .number),
            TableColumn("share", "完成度", "Share of target", .ratio), TableColumn("gap", "差距", "Gap", .number),
            TableColumn("baseline", "\(targets.baselineYear)基线", "Baseline \(targets.baselineYear)", .number),
            TableColumn("ofBaseline", "为基线倍数", "× baseline", .number),
            TableColumn("requiredGrowth", "所需年增速", "Growth needed a year", .ratio),
            TableColumn("trendGrowth", "趋势年增速", "Trend growth a year", .ratio),
            TableColumn("projectedYear", "预计达标年份", "Projected year", .text),
        ]
        func amount(_ quantity: Quantity?) -> TableCell {
            guard let quantity else { return .empty }
            // Money in 万元 (fen ÷ 1,000,000); counts as they are.
            return .number(quantity.isMoney ? Double(quantity.units) / 1_000_000 : Double(quantity.units))
        }
        let rows: [[TableCell]] = indicators.map { item in
            let unit = item.target.value.isMoney ? language.pick("万元", "10k yuan")
                : item.target.indicator == .techEnterprises ? language.pick("家", "firms")
                : item.target.indicator == .brokers ? language.pick("人", "people") : language.pick("个", "count")
            let name = language == .en ? (item.target.nameEn ?? item.target.indicator.rawValue) : item.target.name
            return [
                .text(name), amount(item.reading?.value), .text(unit), item.reading.map { .text(period($0.period)) } ?? .empty,
                amount(item.target.value), item.share.map { .number($0) } ?? .empty, amount(item.gap),
                amount(item.target.baseline.value), item.ofBaseline.map { .number($0) } ?? .empty,
                item.requiredGrowth.map { .number($0) } ?? .empty, item.trend.map { .number($0.annualGrowth) } ?? .empty,
                item.trend?.projectedYear.map { .text(String($0)) } ?? .empty,
            ]
        }
        return ReportTable(name: language.pick("五项指标", "Indicators"), columns: columns, rows: rows)
    }

    /// A reading's period in the language (`截至2025-12-31`, `2024年（1,769家企业填报）`).
    static func period(_ text: String, _ language: Language) -> String {
        guard language == .en else { return text }
        return text.replacingOccurrences(of: "截至", with: "as of ").replacingOccurrences(of: "家企业填报）", with: " firms reporting)")
            .replacingOccurrences(of: "年（", with: " (").replacingOccurrences(of: "年", with: "")
    }

    /// The indicators and the notes, one sheet each.
    public func workbook(_ language: Language) -> Workbook {
        let notes = language == .zh ? self.notes : CountingRules.indicatorLines(.en)
        return Workbook([
            reportTable(language),
            .notes(name: language.pick("说明", "Notes"), heading: language.pick("说明", "Note"), lines: notes),
        ])
    }
}
