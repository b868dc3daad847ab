import Foundation
import LadderCore

extension Progress {
    /// Column headings of the progress table.
    public var headings: [String] {
        ["指标", "当前值", "期间", "\(targets.year)目标", "完成度", "差距", "\(targets.baselineYear)基线", "为基线倍数",
         "所需年增速", "趋势年增速", "预计达标"]
    }

    /// The printed cells of one indicator.
    public func cells(_ item: IndicatorProgress) -> [String] {
        let baseline: String
        switch item.target.baseline.status {
        case .unknown: baseline = "未知"
        case .known: baseline = item.target.baseline.value?.description ?? "未知"
        case .derived: baseline = "≈" + (item.target.baseline.value?.description ?? "")
        }
        let value = item.reading?.value.description ?? "无数据"
        let required: String
        if item.isMet {
            required = "已达标"
        } else if let growth = item.requiredGrowth {
            required = Format.percent(growth)
        } else {
            required = "—"
        }
        var projected = "—"
        if let trend = item.trend {
            projected = trend.projectedYear.map { "\($0)年" + (trend.onTrack ? "" : "（晚于目标）") } ?? "按趋势无法达到"
        }
        return [
            item.target.name, value, item.reading?.period ?? "—", "超过 " + item.target.value.description,
            Format.percent(item.share), item.gap.map { $0.units > 0 ? $0.description : "已超出" } ?? "—",
            baseline, item.ofBaseline.map { Format.fixed($0, decimals: 2) + "×" } ?? "—", required,
            item.trend.map { Format.percent($0.annualGrowth) } ?? "—", projected,
        ]
    }

    /// Notes printed under the table: the plan, caveats, baseline sources and reference figures.
    public var notes: [String] {
        var lines = ["依据 Plan: \(targets.plan)" + (targets.source.map { "；来源 \($0)" } ?? "")]
        for item in indicators {
            let target = item.target
            if let note = target.note { lines.append("\(target.name): \(note)") }
            if let note = target.baseline.note {
                lines.append("\(target.name) \(target.baseline.year)基线（\(statusName(target.baseline.status))）: \(note)")
            }
            for reference in target.references {
                let qualifier = reference.moreThan ? "超过" : ""
                let part = reference.part.map { "（仅\($0.chineseName)）" } ?? ""
                lines.append("\(target.name) 参考 \(reference.date): \(qualifier)\(reference.value)\(part)"
                    + (reference.note.map { " — \($0)" } ?? ""))
            }
        }
        lines.append("所需年增速 = (目标 ÷ 当前值)^(1 ÷ 距\(targets.year)年末的年数) − 1；趋势 = 各统计日数值取对数的最小二乘拟合。")
        lines += CountingRules.indicatorLines(.zh)
        return lines
    }

    func statusName(_ status: Baseline.Status) -> String {
        switch status {
        case .known: "已公布"
        case .derived: "推算"
        case .unknown: "未知"
        }
    }

    /// The title: the date, and for one district (`scopeName`) that its figures meet the city's targets.
    func title(_ language: Language) -> String {
        language == .zh
            ? "\(targets.year)年目标进展（截至 \(asOf)" + (scopeName.map { "；仅\($0)，对照全市目标" } ?? "") + "）"
            : "Progress to the \(targets.year) targets (as of \(asOf))" + (scopeName.map { ", \($0) only, against the city's targets" } ?? "")
    }

    /// A plain-text table aligned by display width, with notes below.
    public func table(_ language: Language = .zh) -> String {
        if language == .en {
            return ([title(.en), "", reportTable(.en).text(.en), ""] + CountingRules.indicatorLines(.en)).joined(separator: "\n")
        }
        var table = TextTable(headers: headings, rightAligned: [1, 3, 4, 5, 6, 7, 8, 9])
        for item in indicators { table.add(cells(item)) }
        return ([title(.zh), "", table.render(), ""] + notes).joined(separator: "\n")
    }

    /// A Markdown table with notes as a list.
    public func markdown(_ language: Language = .zh) -> String {
        if language == .en {
            let table = reportTable(.en)
            func row(_ cells: [String]) -> String { "| " + cells.map(Markdown.escape).joined(separator: " | ") + " |" }
            var lines = ["## " + title(.en), "", row(table.columns.map(\.english)),
                         "|" + table.columns.map { _ in " --- |" }.joined()]
            lines += table.rows.map { row($0.map(\.plainText)) }
            lines.append("")
            lines += CountingRules.indicatorLines(.en).map { "- " + Markdown.escape($0) }
            return lines.joined(separator: "\n") + "\n"
        }
        func line(_ cells: [String]) -> String { "| " + cells.map(Markdown.escape).joined(separator: " | ") + " |" }
        var lines = ["## " + title(.zh), "", line(headings)]
        lines.append("|" + headings.indices.map { $0 == 0 || $0 == 2 ? " --- |" : " ---: |" }.joined())
        lines += indicators.map { line(cells($0)) }
        lines.append("")
        lines += notes.map { "- " + Markdown.escape($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The progress as pretty-printed JSON with sorted keys. Money is exact decimal yuan in strings.
    /// - Throws: `EncodingError` (not expected).
    public func json() throws -> String {
        try JSONText.encode(ProgressDocument(self))
    }
}

/// The JSON shape of `Progress`.
struct ProgressDocument: Encodable {
    struct Value: Encodable {
        var value: String
        var unit: String
        var text: String
        init(_ quantity: Quantity) {
            value = quantity.exactText
            unit = quantity.isMoney ? "yuan" : "count"
            text = quantity.description
        }
    }
    struct BaselineDoc: Encodable {
        var year: Int
        var status: String
        var value: Value?
        var note: String?
    }
    struct Point: Encodable {
        var date: String
        var value: Value
    }
    struct TrendDoc: Encodable {
        var annualGrowth: Double
        var projectedYear: Int?
        var onTrack: Bool
        var points: [Point]
    }
    struct Item: Encodable {
        var indicator: String
        var name: String
        var current: Value?
        var period: String?
        var target: Value
        var exceeds: Bool
        var met: Bool
        var share: Double?
        var gap: Value?
        var baseline: BaselineDoc
        var ofBaseline: Double?
        var yearsLeft: Double?
        var requiredGrowth: Double?
        var trend: TrendDoc?
    }
    var asOf: String
    var plan: String
    var targetYear: Int
    var baselineYear: Int
    var indicators: [Item]
    var notes: [String]

    init(_ progress: Progress) {
        func round(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }
        asOf = progress.asOf.description
        plan = progress.targets.plan
        targetYear = progress.targets.year
        baselineYear = progress.targets.baselineYear
        notes = progress.notes
        indicators = progress.indicators.map { item in
            let base = item.target.baseline
            return Item(
                indicator: item.target.indicator.rawValue, name: item.target.name, current: item.reading.map { Value($0.value) },
                period: item.reading?.period, target: Value(item.target.value), exceeds: item.target.exceeds,
                met: item.isMet, share: round(item.share), gap: item.gap.map(Value.init),
                baseline: BaselineDoc(year: base.year, status: base.status.rawValue, value: base.value.map(Value.init),
                                      note: base.note),
                ofBaseline: round(item.ofBaseline), yearsLeft: round(item.yearsLeft), requiredGrowth: round(item.requiredGrowth),
                trend: item.trend.map { trend in
                    TrendDoc(annualGrowth: round(trend.annualGrowth) ?? 0, projectedYear: trend.projectedYear,
                             onTrack: trend.onTrack,
                             points: trend.points.map { Point(date: $0.date.description, value: Value($0.value)) })
                })
        }
    }
}
