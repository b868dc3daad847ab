import LadderCore

/// Inline SVG charts, labelled in the report's language (firm and district names stay as they are);
/// every label is escaped.
enum SVGCharts {
    static let rungColors: [Tier: String] = [.techSME: "#4e79a7", .highTech: "#f28e2b", .leading: "#e15759"]

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 12,
                     fill: String = "#1f2937", weight: String = "normal") -> String {
        "<text x=\"\(HTML.n(x))\" y=\"\(HTML.n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(fill)\""
            + (weight == "normal" ? "" : " font-weight=\"\(weight)\"") + ">\(HTML.escape(content))</text>"
    }

    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, title: String? = nil) -> String {
        let tip = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        return "<rect x=\"\(HTML.n(x))\" y=\"\(HTML.n(y))\" width=\"\(HTML.n(max(0, width)))\" height=\"\(HTML.n(height))\" "
            + "fill=\"\(fill)\">\(tip)</rect>"
    }

    static func svg(width: Double, height: Double, label: String, _ body: [String]) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(HTML.n(width)) \(HTML.n(height))\" width=\"100%\" "
            + "style=\"max-width:\(HTML.n(width))px\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
            + body.joined() + "</svg>"
    }

    /// A progress bar: the share of the target filled, a marker at the baseline.
    static func progressBar(share: Double?, baselineShare: Double?, met: Bool, language: Language = .zh) -> String {
        let l = language
        let width = 320.0
        let fill = min(1, max(0, share ?? 0)) * width
        var body = [rect(0, 8, width, 14, fill: "#e5e7eb"), rect(0, 8, fill, 14, fill: met ? "#2e7d32" : "#4e79a7")]
        if let base = baselineShare, base > 0, base <= 1 {
            let x = base * width
            body.append("<line x1=\"\(HTML.n(x))\" y1=\"4\" x2=\"\(HTML.n(x))\" y2=\"26\" stroke=\"#1f2937\" stroke-width=\"2\"/>")
            body.append(text(min(x, width - 30), 38, l.pick("基线", "baseline"), anchor: "middle", size: 10, fill: "#6b7280"))
        }
        body.append(text(width, 38, l.pick("目标", "target"), anchor: "end", size: 10, fill: "#6b7280"))
        return svg(width: width, height: 40, label: l.pick("完成度 ", "reached ") + Format.percent(share), body)
    }

    /// Horizontal stacked bars of certified firms per rung, one bar per group.
    static func groupBars(_ rows: [TallyRows.Row], heading: String, language: Language = .zh) -> String {
        let l = language
        let labelWidth = 150.0, barWidth = 420.0, rowHeight = 24.0, top = 30.0
        let maxTotal = Double(max(1, rows.map(\.figures.certified.total).max() ?? 1))
        var body: [String] = []
        var legendX = labelWidth
        for tier in Tier.allCases {
            body.append(rect(legendX, 6, 12, 12, fill: rungColors[tier] ?? "#999"))
            body.append(text(legendX + 16, 16, rung(tier, l), size: 12))
            legendX += 130
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            body.append(text(labelWidth - 8, y + 15, row.name, anchor: "end"))
            var x = labelWidth
            for tier in Tier.allCases {
                let count = row.figures.certified[tier]
                let width = Double(count) / maxTotal * barWidth
                body.append(rect(x, y + 3, width, rowHeight - 8, fill: rungColors[tier] ?? "#999",
                                 title: "\(row.name) \(rung(tier, l)) \(count)"))
                x += width
            }
            body.append(text(x + 6, y + 15, Format.grouped(row.figures.certified.total), size: 12, weight: "600"))
        }
        let height = top + Double(rows.count) * rowHeight + 6
        return svg(width: labelWidth + barWidth + 70, height: height, label: l.pick("各\(heading)科技型企业数", "Technology enterprises by \(heading)"), body)
    }

    /// The ladder funnel: firms at or above each rung, widest at the bottom rung of the ladder; labels
    /// sit beside the bands so that narrow bands stay readable.
    static func funnel(_ counts: RungCounts, eligible: RungCounts?, language: Language = .zh) -> String {
        let l = language
        let shapeWidth = 300.0, labelX = 320.0, bandHeight = 52.0, gap = 6.0
        let atOrAbove: [(Tier, Int)] = [
            (.techSME, counts.total), (.highTech, counts.highTech + counts.leading), (.leading, counts.leading),
        ]
        let maxCount = Double(max(1, counts.total))
        func bandWidth(_ count: Int) -> Double { max(36, Double(count) / maxCount * shapeWidth) }
        var body: [String] = []
        for (index, (tier, count)) in atOrAbove.enumerated() {
            let y = Double(index) * (bandHeight + gap)
            let topWidth = bandWidth(count)
            let bottomWidth = index + 1 < atOrAbove.count ? bandWidth(atOrAbove[index + 1].1) : topWidth * 0.8
            let center = shapeWidth / 2
            let points = [
                (center - topWidth / 2, y), (center + topWidth / 2, y),
                (center + bottomWidth / 2, y + bandHeight), (center - bottomWidth / 2, y + bandHeight),
            ].map { "\(HTML.n($0.0)),\(HTML.n($0.1))" }.joined(separator: " ")
            let label = l.pick("\(tier.chineseName)及以上 ", "\(rung(tier, l)) and above ") + Format.grouped(count)
            body.append("<polygon points=\"\(points)\" fill=\"\(rungColors[tier] ?? "#999")\" opacity=\"0.9\">"
                + "<title>\(HTML.escape(label))</title></polygon>")
            body.append(text(labelX, y + 22, label, size: 14, weight: "700"))
            var detail = l.pick("本层 ", "this rung ") + Format.grouped(counts[tier])
            if let eligible { detail += l.pick(" · 规则判定符合本层 ", " · qualify by the rules ") + Format.grouped(eligible[tier]) }
            body.append(text(labelX, y + 41, detail, size: 12, fill: "#6b7280"))
        }
        return svg(width: labelX + 260, height: 3 * (bandHeight + gap), label: l.pick("梯度培育漏斗", "The ladder"), body)
    }

    /// Grouped bars: the pipeline (eligible above the certified rung) and the audit risk, per rung.
    static func pipelineBars(_ pipeline: RungCounts, risk: RungCounts, uncertified: Int, language: Language = .zh) -> String {
        let l = language
        let labelWidth = 120.0, barWidth = 380.0, rowHeight = 46.0, top = 28.0
        let maxCount = Double(max(1, (Tier.allCases.map { max(pipeline[$0], risk[$0]) }.max() ?? 1)))
        var body = [
            rect(labelWidth, 6, 12, 12, fill: "#2e7d32"), text(labelWidth + 16, 16, l.pick("符合未认定（可培育）", "Pipeline (to certify)")),
            rect(labelWidth + 170, 6, 12, 12, fill: "#c62828"), text(labelWidth + 186, 16, l.pick("认定不符（审计风险）", "Audit risk (to check)")),
        ]
        for (index, tier) in Tier.allCases.enumerated() {
            let y = top + Double(index) * rowHeight
            body.append(text(labelWidth - 8, y + 24, rung(tier, l), anchor: "end"))
            let pipeWidth = Double(pipeline[tier]) / maxCount * barWidth
            let riskWidth = Double(risk[tier]) / maxCount * barWidth
            body.append(rect(labelWidth, y + 4, pipeWidth, 16, fill: "#2e7d32", title: "\(rung(tier, l)) \(l.pick("符合未认定", "pipeline")) \(pipeline[tier])"))
            body.append(text(labelWidth + pipeWidth + 6, y + 17, Format.grouped(pipeline[tier]), size: 11))
            body.append(rect(labelWidth, y + 22, riskWidth, 16, fill: "#c62828", title: "\(rung(tier, l)) \(l.pick("认定不符", "audit risk")) \(risk[tier])"))
            body.append(text(labelWidth + riskWidth + 6, y + 35, Format.grouped(risk[tier]), size: 11))
        }
        let y = top + 3 * rowHeight + 16
        body.append(text(labelWidth, y, l.pick("其中尚无任何有效认定、规则判定符合的企业：\(Format.grouped(uncertified)) 家",
                                              "Of these, with no valid certificate: \(Format.grouped(uncertified))"), weight: "600"))
        return svg(width: labelWidth + barWidth + 60, height: y + 10, label: l.pick("培育梯队", "Pipeline"), body)
    }

    /// A rung's name in the language, short enough for a chart label (the tables' English headings).
    static func rung(_ tier: Tier, _ language: Language) -> String {
        guard language == .en else { return tier.chineseName }
        switch tier {
        case .techSME: return "Tech SME"
        case .highTech: return "High-tech"
        case .leading: return "Leading"
        }
    }
}

extension Quantity {
    /// The quantity as a label in a language: Chinese units (`800亿元`, `632.5万元`), or in English
    /// billions, millions or thousands of yuan (`80 bn yuan`, `6.33M yuan`); counts as `22,000`.
    func text(_ language: Language) -> String {
        guard isMoney, language == .en else { return description }
        let yuan = Double(units) / 100
        let size = abs(yuan)
        func short(_ value: Double) -> String {
            var text = Format.fixed(value, decimals: 2)
            while text.contains("."), text.hasSuffix("0") || text.hasSuffix(".") { text.removeLast() }
            return text
        }
        if size >= 1e9 { return short(yuan / 1e9) + " bn yuan" }
        if size >= 1e6 { return short(yuan / 1e6) + "M yuan" }
        if size >= 1e4 { return short(yuan / 1e3) + "k yuan" }
        return short(yuan) + " yuan"
    }
}
