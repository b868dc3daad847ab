import Foundation
import LadderCore

extension SVGCharts {
    /// One indicator over time: readings across snapshots, the baseline, the target line, the path the
    /// required growth takes, and the fitted trend carried to the deadline.
    static func trend(_ item: IndicatorProgress, deadline: Day, language: Language = .zh) -> String {
        let l = language
        let name = l == .en ? (item.target.nameEn ?? item.target.name) : item.target.name
        let width = 380.0, height = 200.0, left = 56.0, right = 14.0, top = 22.0, bottom = 28.0
        let points = item.trend?.points ?? item.reading.map { [$0] } ?? []
        let target = item.target.value
        let baseline = item.target.baseline.value.flatMap { value in
            Day(year: item.target.baseline.year, month: 12, day: 31).map { (date: $0, value: value) }
        }
        var dates = points.map(\.date)
        if let baseline { dates.append(baseline.date) }
        let startYear = min(dates.map(\.year).min() ?? deadline.year - 1, deadline.year - 1)
        let start = Day(year: startYear, month: 1, day: 1) ?? deadline
        var values = points.map(\.value.magnitude) + [target.magnitude]
        if let baseline { values.append(baseline.value.magnitude) }
        let maxValue = max(1e-9, (values.max() ?? 1) * 1.12)
        let span = Double(max(1, deadline.ordinal - start.ordinal))
        func x(_ day: Day) -> Double { left + Double(day.ordinal - start.ordinal) / span * (width - left - right) }
        func y(_ value: Double) -> Double { top + (1 - value / maxValue) * (height - top - bottom) }
        let unit = target.isMoney ? l.pick("亿元", "100M yuan") : ""

        var body: [String] = []
        // The title from the left edge: long English names need the whole width.
        body.append(text(4, 14, name + (unit.isEmpty ? "" : l.pick("（\(unit)）", " (\(unit))")), size: l == .en ? 11 : 12, weight: "600"))
        // Axes and year ticks.
        body.append(line(left, y(0), width - right, y(0), stroke: "#9ca3af"))
        body.append(line(left, top, left, y(0), stroke: "#9ca3af"))
        // A tick at each year's start; the year's label in the middle of its span, so a 2025-12-31
        // snapshot sits at the right end of "2025", not on a "2026" label.
        for year in startYear...deadline.year {
            guard let tick = Day(year: year, month: 1, day: 1), let middle = Day(year: year, month: 7, day: 2) else { continue }
            body.append("<line class=\"tick\" data-date=\"\(tick)\" x1=\"\(HTML.n(x(tick)))\" y1=\"\(HTML.n(y(0)))\" "
                + "x2=\"\(HTML.n(x(tick)))\" y2=\"\(HTML.n(y(0) + 5))\" stroke=\"#9ca3af\" stroke-width=\"1.5\"/>")
            body.append(text(x(middle), height - 10, String(year), anchor: "middle", size: 10, fill: "#6b7280"))
        }
        for fraction in [0.0, 0.5, 1.0] {
            let value = maxValue / 1.12 * fraction
            body.append(text(left - 4, y(value) + 4, axisLabel(value, money: target.isMoney, language: l), anchor: "end", size: 10,
                             fill: "#6b7280"))
        }
        // Target line.
        body.append(line(left, y(target.magnitude), width - right, y(target.magnitude), stroke: "#c62828", dash: "5,4"))
        body.append(text(width - right, y(target.magnitude) - 4, l.pick("目标 ", "target ") + target.text(l), anchor: "end", size: 10, fill: "#c62828"))
        if let baseline {
            body.append(circle(x(baseline.date), y(baseline.value.magnitude), fill: "#fff", stroke: "#6b7280",
                               title: l.pick("\(item.target.baseline.year)基线 ", "\(item.target.baseline.year) baseline ") + baseline.value.text(l)))
        }
        if let last = points.last {
            // The required path: compound growth from the latest reading to the target at the deadline.
            if !item.isMet {
                body.append(line(x(last.date), y(last.value.magnitude), x(deadline), y(target.magnitude),
                                 stroke: "#9ca3af", dash: "2,3"))
            }
            if let trend = item.trend, trend.annualGrowth > -1 {
                let years = Double(deadline.ordinal - last.date.ordinal) / 365.2425
                let end = min(maxValue, last.value.magnitude * pow(1 + trend.annualGrowth, years))
                body.append(line(x(last.date), y(last.value.magnitude), x(deadline), y(end), stroke: "#f28e2b", dash: "6,3"))
            }
        }
        if points.count > 1 {
            let path = points.map { "\(HTML.n(x($0.date))),\(HTML.n(y($0.value.magnitude)))" }.joined(separator: " ")
            body.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\"/>")
        }
        for point in points {
            body.append(circle(x(point.date), y(point.value.magnitude), fill: "#4e79a7", stroke: "#4e79a7",
                               title: "\(point.date) \(point.value.text(l))", date: point.date))
        }
        if points.isEmpty {
            body.append(text((left + width) / 2, height / 2, l.pick("登记数据中无此指标", "not in the registry data"), anchor: "middle", fill: "#6b7280"))
        }
        return svg(width: width, height: height, label: name + l.pick("趋势", " trend"), body)
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, dash: String? = nil) -> String {
        "<line x1=\"\(HTML.n(x1))\" y1=\"\(HTML.n(y1))\" x2=\"\(HTML.n(x2))\" y2=\"\(HTML.n(y2))\" stroke=\"\(stroke)\" "
            + "stroke-width=\"1.5\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    static func circle(_ x: Double, _ y: Double, fill: String, stroke: String, title: String, date: Day? = nil) -> String {
        "<circle" + (date.map { " class=\"point\" data-date=\"\($0)\"" } ?? "") + " cx=\"\(HTML.n(x))\" cy=\"\(HTML.n(y))\" r=\"4\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\">"
            + "<title>\(HTML.escape(title))</title></circle>"
    }

    static func axisLabel(_ value: Double, money: Bool, language: Language = .zh) -> String {
        if money { return Format.fixed(value, decimals: value < 10 ? 1 : 0) }
        if value >= 10_000 {
            return language == .zh ? Format.fixed(value / 10_000, decimals: 1) + "万" : Format.fixed(value / 1_000, decimals: 0) + "k"
        }
        return Format.grouped(Int64(value.rounded()))
    }
}
