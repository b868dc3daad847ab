import LadderCore

/// The self-contained HTML report: headline progress, district chart and table, the ladder funnel, the
/// trend across snapshots and the recruitment pipeline. No scripts, no network, no web fonts; charts are
/// inline SVG; every value is escaped.
public struct HTMLReport: Sendable {
    /// The tally rows (normally by district).
    public var rows: TallyRows
    /// Progress of the five indicators.
    public var progress: Progress
    /// A title for the page.
    public var title: String

    /// Creates a report.
    public init(rows: TallyRows, progress: Progress, title: String = "青岛市科技型企业梯度培育与2028年目标进展") {
        self.rows = rows
        self.progress = progress
        self.title = title
    }

    /// The whole page.
    public func render() -> String {
        let e = HTML.escape
        var page = [
            "<!DOCTYPE html>", "<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(e(title))</title><style>\(HTML.style)</style></head><body>",
            "<h1>\(e(title))</h1>",
            "<p class=\"sub\">截至 \(e(rows.tally.asOf.description)) · 依据\(e(progress.targets.plan))</p>",
        ]
        page += headline()
        page += districts()
        page += funnelAndPipeline()
        page += trends()
        page.append("<footer><ul>")
        page += (rows.footer + progress.notes).map { "<li>\(e($0))</li>" }
        page.append("</ul></footer></body></html>")
        return page.joined(separator: "\n") + "\n"
    }

    /// The five indicator cards with progress bars (also used by `techladder serve`'s 总览).
    public func headline() -> [String] {
        let e = HTML.escape
        var out = ["<h2>五项指标进展（\(progress.targets.year)年目标）</h2>", "<div class=\"cards\">"]
        for item in progress.indicators {
            let cells = progress.cells(item)
            let baselineShare = item.target.baseline.value.map { Double($0.units) / Double(max(1, item.target.value.units)) }
            var status = ""
            if item.isMet {
                status = "<span class=\"met\">已达标</span>"
            } else if let growth = item.requiredGrowth {
                status = "需年均增长 <b>\(e(Format.percent(growth)))</b>"
            }
            var trend = "<span class=\"muted\">仅一个快照，暂无趋势</span>"
            if let fitted = item.trend {
                let year = fitted.projectedYear.map { "预计 \($0) 年达标" } ?? "按当前趋势无法达标"
                trend = "<span class=\"\(fitted.onTrack ? "met" : "late")\">趋势年增速 \(e(Format.percent(fitted.annualGrowth)))，"
                    + "\(e(year))</span>"
            }
            out.append("""
                <div class="card"><h3>\(e(item.target.name))</h3>
                <div><span class="big">\(e(cells[1]))</span> <span class="muted">\(e(cells[2]))</span></div>
                <div>目标：超过 \(e(item.target.value.description)) · 完成度 <b>\(e(cells[4]))</b> · 差距 \(e(cells[5]))</div>
                \(SVGCharts.progressBar(share: item.share, baselineShare: baselineShare, met: item.isMet))
                <div>\(progress.targets.baselineYear)基线 \(e(cells[6]))\(item.ofBaseline.map { "（当前为基线 \(e(Format.fixed($0, decimals: 2)))×）" } ?? "") · \(status)</div>
                <div>\(trend)</div></div>
                """)
        }
        out.append("</div>")
        return out
    }

    /// The group bar chart and table.
    public func districts() -> [String] {
        let e = HTML.escape
        let heading = rows.tally.grouping.heading
        var out = ["<h2>分\(e(heading))科技型企业</h2>", SVGCharts.groupBars(rows.rows, heading: heading)]
        out.append("<table><thead><tr>" + rows.headings.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>")
        for row in rows.rows {
            out.append("<tr>" + rows.cells(row).map { "<td>\(e($0))</td>" }.joined() + "</tr>")
        }
        out.append("<tr class=\"total\">" + rows.cells(rows.total).map { "<td>\(e($0))</td>" }.joined() + "</tr>")
        out.append("</tbody></table>")
        return out
    }

    /// The ladder funnel beside the pipeline and audit-risk bars.
    public func funnelAndPipeline() -> [String] {
        let total = rows.total.figures
        let computed = rows.tally.eligibilityComputed
        var out = ["<div class=\"two\"><div><h2>梯度培育漏斗</h2>",
                   SVGCharts.funnel(total.certified, eligible: computed ? total.eligible : nil), "</div>",
                   "<div><h2>培育梯队与审计风险</h2>"]
        if computed {
            out.append(SVGCharts.pipelineBars(total.pipeline, risk: total.auditRisk, uncertified: total.pipelineUncertified))
            if let gap = rows.total.gap, gap > 0 {
                let share = Double(total.pipelineUncertified) / Double(gap)
                out.append("<p>若全部培育认定，可新增科技型企业 \(Format.grouped(total.pipelineUncertified)) 家，"
                    + "约为距目标差距的 \(HTML.escape(Format.percent(share)))。</p>")
            }
        } else {
            out.append("<p class=\"muted\">符合条件、符合未认定与认定不符：未计算（本次统计未使用规则引擎）。</p>")
        }
        out.append("</div></div>")
        return out
    }

    /// One trend chart per indicator across the snapshots.
    public func trends() -> [String] {
        var out = ["<h2>趋势（各快照）</h2>",
                   "<p class=\"muted\">蓝点：各快照数值；空心点：基线；红色虚线：目标；灰色点线：按所需年增速到达目标的路径；橙色虚线：按拟合趋势外推。</p>",
                   "<div class=\"trends\">"]
        for item in progress.indicators {
            out.append("<div class=\"card\">" + SVGCharts.trend(item, deadline: progress.targets.deadline) + "</div>")
        }
        out.append("</div>")
        return out
    }
}
