import LadderCore

/// The report's sections built from the firms themselves: who is behind each district's pipeline and
/// audit-risk figures, and how firms moved on the ladder since the previous counting date.
extension HTMLReport {
    /// How many firms a district's list names before "等 N 家".
    static let listed = 20

    func firmLists() -> [String] {
        guard let roster, rows.tally.eligibilityComputed else { return [] }
        let e = HTML.escape
        let l = language
        let day = rows.tally.asOf
        let pipeline = roster.pipeline[day] ?? [:], risk = roster.auditRisk[day] ?? [:]
        guard !pipeline.isEmpty || !risk.isEmpty else { return [] }
        let explain = l.pick(
            "符合未认定：按规则已符合更高层级、可组织申报的企业，按“余量”从大到小排列（最稳妥、宜优先组织申报的在前）；"
                + "认定不符：已认定但按规则不符合该层级、需核查的企业，按“差距”从大到小排列（最明显不符的在前）。"
                + "余量与差距的含义见“数据说明”。各列前 \(Self.listed) 家，其余以“等 N 家”计。",
            "Pipeline: firms the rules put on a higher rung, to invite to apply, by headroom, largest first (the safest "
                + "to put forward). Audit risk: certified firms the rules say do not meet their rung, to check, by "
                + "shortfall, largest first (the clearest cases). Both are defined under About the data. The first "
                + "\(Self.listed) of each, then \"and N more\".")
        var out = ["<h2>\(e(l.pick("各区市需走访的企业", "Firms to visit, by district")))</h2>",
                   "<p class=\"muted\">\(e(explain))</p>", "<div class=\"firmlists\">"]
        for row in rows.rows {
            let inPipeline = LadderRoster.ordered(pipeline[row.code] ?? [], byEligible: true)
            let atRisk = LadderRoster.ordered(risk[row.code] ?? [], byEligible: false)
            guard !inPipeline.isEmpty || !atRisk.isEmpty else { continue }
            out.append("<div class=\"card\"><h3>\(e(row.name))</h3>")
            out.append(list(l.pick("符合未认定", "Pipeline"), inPipeline, shortfall: false) { rungName($0.eligible) })
            out.append(list(l.pick("认定不符", "Audit risk"), atRisk, shortfall: true) { rungName($0.certified) })
            out.append("</div>")
        }
        out.append("</div>")
        return out
    }

    /// One list as a table: rank, firm (name over its credit code), rung and the closeness measure the
    /// list is ordered by.
    private func list(_ title: String, _ firms: [LadderRoster.Firm], shortfall: Bool,
                      rung: (LadderRoster.Firm) -> String) -> String {
        let e = HTML.escape
        let l = language
        guard !firms.isEmpty else { return "" }
        let measure = shortfall ? l.pick("差距", "Shortfall") : l.pick("余量", "Headroom")
        let headings = ["#", l.pick("企业 · 统一社会信用代码", "Firm · credit code"), l.pick("层级", "Rung"), measure]
        var html = "<p><b>\(e(title)) \(firms.count) \(e(l.pick("家", "firms")))</b></p>"
            + "<div class=\"scroll\"><table class=\"firmlist\" data-order=\"\(shortfall ? "shortfall" : "headroom")\"><thead><tr>"
            + headings.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, firm) in firms.prefix(Self.listed).enumerated() {
            html += "<tr><td>\(index + 1)</td><td>\(e(firm.name))<br><span class=\"muted\">\(e(firm.id))</span></td>"
                + "<td>\(e(rung(firm)))</td><td>\(e(Closeness.text(firm.closeness, shortfall: shortfall, language: l)))</td></tr>"
        }
        html += "</tbody></table></div>"
        if firms.count > Self.listed {
            html += "<p class=\"muted\">\(e(language.pick("等 \(firms.count - Self.listed) 家", "and \(firms.count - Self.listed) more")))</p>"
        }
        return html
    }

    func rungName(_ tier: Tier?) -> String {
        guard let tier else { return language.pick("无", "none") }
        return SVGCharts.rung(tier, language)
    }

    func movement() -> [String] {
        guard let roster else { return [] }
        let days = roster.standings.keys.filter { $0 <= rows.tally.asOf }.sorted()
        guard days.count >= 2, let to = days.last else { return [] }
        let from = days[days.count - 2]
        let move = LadderMovement(from: from, before: roster.standings[from] ?? [:], to: to, after: roster.standings[to] ?? [:])
        let e = HTML.escape
        let l = language
        let explain = l.pick(
            "按各统计日有效认定的最高层级比较同一家企业：新进入（新登记或此前无有效认定）、升入（由较低层级升级）、降入（由较高层级降级）、失效（仍存续但已无有效认定）、退出（注销或不再报送）。",
            "Each firm's highest valid rung on the two dates: entered (new, or from off the ladder), moved up, moved down, lapsed (active, no valid certificate), left (deregistered or no longer exported).")
        let title = l.pick("梯队变动（\(from) → \(to)）", "Ladder movement (\(from) → \(to))")
        var out = ["<h2>\(e(title))</h2>", "<p class=\"muted\">\(e(explain))</p>"]
        let headings = l == .zh ? ["层级", "期初", "新进入", "升入", "降入", "失效", "退出", "期末"]
            : ["Rung", "Before", "Entered", "Moved up", "Moved down", "Lapsed", "Left", "After"]
        out.append("<div class=\"two\"><div class=\"scroll\"><table><thead><tr>" + headings.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>")
        for row in move.rows {
            let cells = [rungName(row.tier)] + [row.before, row.entered, row.movedUp, row.movedDown, row.lapsed, row.left, row.after]
                .map { Format.grouped($0) }
            out.append("<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>")
        }
        out.append("</tbody></table></div><div>" + SVGCharts.flow(move, language: l) + "</div></div>")
        return out
    }
}

extension SVGCharts {
    /// The ladder movement as a flow chart: standings before on the left, after on the right, a band
    /// per flow as wide as its firms (off the ladder, new or gone at the bottom).
    static func flow(_ move: LadderMovement, language: Language) -> String {
        let width = 460.0, height = 260.0, left = 110.0, right = width - 110.0, top = 24.0
        let levels: [Tier?] = Tier.allCases.reversed() + [nil]
        let total = max(1, move.flows.values.reduce(0, +))
        let scale = (height - top - 20 - Double(levels.count - 1) * 10) / Double(total)
        func name(_ tier: Tier?) -> String {
            guard let tier else { return language.pick("无认定/新/退出", "off / new / gone") }
            return rung(tier, language)
        }
        // Node extents on each side.
        func extents(_ side: (LadderMovement.Key) -> Tier?) -> [Tier?: (Double, Double)] {
            var y = top
            var result: [Tier?: (Double, Double)] = [:]
            for level in levels {
                let size = Double(move.flows.filter { side($0.key) == level }.values.reduce(0, +)) * scale
                result[level] = (y, size)
                y += size + 10
            }
            return result
        }
        let before = extents(\.before), after = extents(\.after)
        var usedBefore: [Tier?: Double] = [:], usedAfter: [Tier?: Double] = [:]
        let colours: [Tier?: String] = [.leading: "#e15759", .highTech: "#f28e2b", .techSME: "#4e79a7"]
        var body: [String] = []
        for a in levels {
            for b in levels {
                guard let count = move.flows[LadderMovement.Key(before: a, after: b)], count > 0 else { continue }
                let size = Double(count) * scale
                let y0 = (before[a]?.0 ?? 0) + (usedBefore[a] ?? 0) + size / 2
                let y1 = (after[b]?.0 ?? 0) + (usedAfter[b] ?? 0) + size / 2
                usedBefore[a, default: 0] += size
                usedAfter[b, default: 0] += size
                let middle = (left + right) / 2
                body.append("<path d=\"M\(HTML.n(left)),\(HTML.n(y0)) C\(HTML.n(middle)),\(HTML.n(y0)) \(HTML.n(middle)),\(HTML.n(y1)) \(HTML.n(right)),\(HTML.n(y1))\" "
                    + "stroke=\"\(colours[b] ?? colours[a] ?? "#9ca3af")\" stroke-opacity=\"0.45\" stroke-width=\"\(HTML.n(max(1, size)))\" fill=\"none\">"
                    + "<title>\(HTML.escape("\(name(a)) → \(name(b))：\(count)"))</title></path>")
            }
        }
        for level in levels {
            if let (y, size) = before[level], size > 0 {
                body.append("<rect x=\"\(HTML.n(left - 6))\" y=\"\(HTML.n(y))\" width=\"6\" height=\"\(HTML.n(size))\" fill=\"\(colours[level] ?? "#9ca3af")\"/>")
                body.append(text(left - 10, y + size / 2 + 4, name(level), anchor: "end", size: 11))
            }
            if let (y, size) = after[level], size > 0 {
                body.append("<rect x=\"\(HTML.n(right))\" y=\"\(HTML.n(y))\" width=\"6\" height=\"\(HTML.n(size))\" fill=\"\(colours[level] ?? "#9ca3af")\"/>")
                body.append(text(right + 10, y + size / 2 + 4, name(level), size: 11))
            }
        }
        body.append(text(left - 6, 14, move.from.description, anchor: "middle", size: 11, fill: "#6b7280"))
        body.append(text(right + 3, 14, move.to.description, anchor: "middle", size: 11, fill: "#6b7280"))
        return svg(width: width, height: height, label: language.pick("梯队变动", "Ladder movement"), body)
    }
}
