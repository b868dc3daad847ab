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
    /// The language of headings, labels and notes.
    public var language: Language
    /// The firms behind the figures (lists per district, ladder movement), when read.
    public var roster: LadderRoster?

    /// Creates a report.
    public init(rows: TallyRows, progress: Progress, title: String? = nil, language: Language = .zh) {
        self.rows = rows
        self.progress = progress
        self.language = language
        if let district = rows.scopeName {  // a --district report: the district's firms, the city's targets
            self.title = title ?? language.pick("青岛市\(district)科技型企业梯度培育（对照全市2028年目标）",
                                                 "Qingdao, \(district): technology enterprises on the ladder (against the city's 2028 targets)")
        } else {
            self.title = title ?? language.pick("青岛市科技型企业梯度培育与2028年目标进展",
                                                 "Qingdao technology enterprises: the ladder and the 2028 targets")
        }
    }

    /// The whole page.
    public func render() -> String {
        let e = HTML.escape
        var page = [
            "<!DOCTYPE html>", "<html lang=\"\(language.pick("zh-CN", "en"))\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(e(title))</title><style>\(HTML.style)</style></head><body>",
            "<h1>\(e(title))</h1>",
            "<p class=\"sub\">\(e(language.pick("截至", "As of"))) \(e(rows.tally.asOf.description)) · \(e(language.pick("依据", "under ")))\(e(progress.targets.plan))</p>",
        ]
        page += headline()
        page += districts()
        page += funnelAndPipeline()
        page += firmLists()
        page += movement()
        page += trends()
        page += dataNotes()
        page.append("</body></html>")
        return page.joined(separator: "\n") + "\n"
    }

    /// The five indicator cards with progress bars (also used by `techladder serve`'s 总览).
    public func headline() -> [String] {
        let e = HTML.escape
        let l = language
        var out = ["<h2>\(e(l.pick("五项指标进展（\(progress.targets.year)年目标）", "The five indicators (targets for \(progress.targets.year))")))</h2>", "<div class=\"cards\">"]
        for item in progress.indicators {
            let cells = progress.cells(item)
            let baselineShare = item.target.baseline.value.map { Double($0.units) / Double(max(1, item.target.value.units)) }
            var status = ""
            if item.isMet {
                status = "<span class=\"met\">\(e(l.pick("已达标", "met")))</span>"
            } else if let growth = item.requiredGrowth {
                status = e(l.pick("需年均增长 ", "growth needed a year: ")) + "<b>\(e(Format.percent(growth)))</b>"
            }
            var trend = "<span class=\"muted\">\(e(l.pick("仅一个统计日，暂无趋势", "one counting date: no trend yet")))</span>"
            if let fitted = item.trend {
                let year = fitted.projectedYear.map { l.pick("预计 \($0) 年达标", "target reached in \($0)") }
                    ?? l.pick("按当前趋势无法达标", "not reached on the current trend")
                trend = "<span class=\"\(fitted.onTrack ? "met" : "late")\">\(e(l.pick("趋势年增速 ", "trend ")))\(e(Format.percent(fitted.annualGrowth)))\(e(l.pick("，", ", ")))"
                    + "\(e(year))</span>"
            }
            let name = l == .en ? (item.target.nameEn ?? item.target.name) : item.target.name
            let goal = l.pick("目标：超过 \(item.target.value.description) · 完成度 ", "Target: more than \(item.target.value.text(l)) · reached ")
            // In English, amounts in English units (the Chinese cells say 亿元, 已超出, 未知).
            let value = l == .zh ? cells[1] : item.reading.map { $0.value.text(l) } ?? "no data"
            let gapText = l == .zh ? cells[5] : item.gap.map { $0.units > 0 ? $0.text(l) : "exceeded" } ?? "—"
            let gap = l.pick(" · 差距 ", " · gap ") + gapText
            let baselineYear = progress.targets.baselineYear
            var baselineText = cells[6]
            if l == .en {
                let amount = item.target.baseline.value?.text(l) ?? "unknown"
                switch item.target.baseline.status {
                case .unknown: baselineText = "unknown"
                case .known: baselineText = amount
                case .derived: baselineText = "≈" + amount
                }
            }
            let times = item.ofBaseline.map { l.pick("（当前为基线 \(Format.fixed($0, decimals: 2))×）", " (now \(Format.fixed($0, decimals: 2))× the baseline)") } ?? ""
            out.append("""
                <div class="card"><h3>\(e(name))</h3>
                <div><span class="big">\(e(value))</span> <span class="muted">\(e(Progress.period(cells[2], l)))</span></div>
                <div>\(e(goal))<b>\(e(cells[4]))</b>\(e(gap))</div>
                \(SVGCharts.progressBar(share: item.share, baselineShare: baselineShare, met: item.isMet, language: l))
                <div>\(e(l.pick("\(baselineYear)基线 ", "\(baselineYear) baseline ")))\(e(baselineText))\(e(times)) · \(status)</div>
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
        let title = language.pick("分\(heading)科技型企业", "Technology enterprises by \(rows.tally.grouping.englishHeading.lowercased())")
        var out = ["<h2>\(e(title))</h2>", SVGCharts.groupBars(rows.rows, heading: language.pick(heading, rows.tally.grouping.englishHeading.lowercased()), language: language)]
        out.append("<div class=\"scroll\"><table><thead><tr>" + rows.headings(language).map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>")
        for row in rows.rows {
            out.append("<tr>" + rows.cells(row, language).map { "<td>\(e($0))</td>" }.joined() + "</tr>")
        }
        out.append("<tr class=\"total\">" + rows.cells(rows.total, language).map { "<td>\(e($0))</td>" }.joined() + "</tr>")
        out.append("</tbody></table></div>")
        return out
    }

    /// The ladder funnel beside the pipeline and audit-risk bars.
    public func funnelAndPipeline() -> [String] {
        let total = rows.total.figures
        let computed = rows.tally.eligibilityComputed
        let l = language
        var out = ["<div class=\"two\"><div><h2>\(l.pick("梯度培育漏斗", "The ladder"))</h2>",
                   SVGCharts.funnel(total.certified, eligible: computed ? total.eligible : nil, language: l), "</div>",
                   "<div><h2>\(l.pick("培育梯队与审计风险", "Pipeline and audit risk"))</h2>"]
        if computed {
            out.append(SVGCharts.pipelineBars(total.pipeline, risk: total.auditRisk, uncertified: total.pipelineUncertified, language: l))
            if let gap = rows.total.gap, gap > 0 {
                let share = Double(total.pipelineUncertified) / Double(gap)
                let count = Format.grouped(total.pipelineUncertified), part = Format.percent(share)
                out.append("<p>" + HTML.escape(l.pick("若全部培育认定，可新增科技型企业 \(count) 家，约为距目标差距的 \(part)。",
                    "Certifying the whole pipeline would add \(count) technology enterprises, about \(part) of the gap to the target.")) + "</p>")
            }
        } else {
            out.append("<p class=\"muted\">" + HTML.escape(l.pick("符合条件、符合未认定与认定不符：未计算（本次统计未按规则评定）。",
                "Eligible, pipeline and audit risk: not computed (no rules were applied).")) + "</p>")
        }
        out.append("</div></div>")
        return out
    }

    /// One trend chart per indicator across the counting dates (also used by `techladder serve`).
    public func trends() -> [String] {
        let l = language
        var out = ["<h2>\(l.pick("趋势（各统计日）", "Trend (each counting date)"))</h2>",
                   "<p class=\"muted\">" + HTML.escape(l.pick("蓝点：各统计日的数值；空心点：基线；红色虚线：目标；灰色点线：按所需年增速到达目标的路径；橙色虚线：按拟合趋势外推。",
                       "Blue dots: each counting date; hollow dot: baseline; red dashes: target; grey dots: the path at the growth needed; orange dashes: the fitted trend carried forward.")) + "</p>",
                   "<div class=\"trends\">"]
        for item in progress.indicators {
            out.append("<div class=\"card\">" + SVGCharts.trend(item, deadline: progress.targets.deadline, language: l) + "</div>")
        }
        out.append("</div>")
        return out
    }
}
