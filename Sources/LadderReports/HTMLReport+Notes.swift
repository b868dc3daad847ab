import LadderCore

/// The report's 数据说明: what is counted, what is estimated and where each figure comes from, in plain
/// words for a reader who has not seen the tool (no command, file or snapshot names).
extension HTMLReport {
    func dataNotes() -> [String] {
        let e = HTML.escape
        let asOf = rows.tally.asOf.description
        let l = language
        var counting = CountingRules.lines(asOf: rows.tally.asOf, eligibilityComputed: rows.tally.eligibilityComputed,
                                           language: l)
        let footer = rows.footer(l)
        counting += footer.dropFirst(counting.count).prefix(footer.count - counting.count - rows.notes.count)
        var sources = [l.pick("数据来源：各区市报送的科技企业登记数据，统计日为 \(asOf)。本报告所有数字均按该日计算。",
                              "Source: the technology-enterprise registry as reported by the districts, counted on \(asOf).")]
        if rows.tally.eligibilityComputed {
            sources.append(l.pick(
                "“符合条件”“符合未认定”“认定不符”是按政策条件对登记数据逐条判定的结果，属估算：登记数据可能不全或有误，"
                    + "组织申报或核查前需以企业材料为准。",
                "Eligible, pipeline and audit risk apply the policy conditions to the registry's figures: estimates to "
                    + "be confirmed from the firms' own documents before acting on them."))
        }
        if rows.tally.eligibilityComputed, roster != nil {
            sources.append(l.pick(
                "余量（符合未认定名单）：企业在所符合层级的各项必要条件（门槛条件与总分及格线）中，最接近门槛的一项超出门槛的幅度，"
                    + "以占门槛的百分比表示；例如研发费用占比 4.4%、门槛 4%，余量为 +10%。余量越大，申报越稳妥。"
                    + "差距（认定不符名单）：未达到的必要条件中差得最多的一项，差额占门槛的百分比；例如得分 65、及格线 70，差距为 −7.1%。"
                    + "“是非条件不符”指未满足的是无法以数额衡量的条件（如行业不在支持范围），排在最前。"
                    + "数据不全时按最不利的取值计算；没有可计量条件的企业显示“—”，排在最后。",
                "Headroom (pipeline lists): among the conditions the firm must meet on the rung it qualifies for (the "
                    + "thresholds and the pass mark of the total score), the one it clears by least, as a share of the "
                    + "threshold; e.g. R&D at 4.4% of sales against 4% is +10%. The larger, the safer an application. "
                    + "Shortfall (audit-risk lists): among the conditions it fails, the one it misses by most, as a share of "
                    + "the threshold; e.g. a score of 65 against 70 is −7.1%. \"Yes/no condition fails\" marks a failed "
                    + "condition with no amount (e.g. an industry outside the supported fields), listed first. Where data "
                    + "is incomplete the least favourable value is used; firms with no measurable condition show \"—\", last."))
        }
        sources += CountingRules.indicatorLines(l)
        let targets = progress.targets
        sources.append(l.pick("目标依据：\(targets.plan)" + (targets.source.map { "；来源：\($0)" } ?? "") + "。",
                              "Targets: \(targets.plan)" + (targets.source.map { "; source: \($0)" } ?? "") + "."))
        var marked = false
        for item in progress.indicators {
            let target = item.target
            let baseline = target.baseline
            switch baseline.status {
            case .known:
                if let value = baseline.value {
                    sources.append(l.pick("\(target.name)：\(baseline.year)年基线 \(value)。", "\(target.name): \(baseline.year) baseline \(value)."))
                }
            case .derived:
                sources.append(l.pick("\(target.name)：\(baseline.year)年基线约 \(baseline.value?.description ?? "")，由公开数据推算\(Self.source(baseline.note))。[1]",
                                      "\(target.name): \(baseline.year) baseline about \(baseline.value?.description ?? ""), derived from published figures\(Self.source(baseline.note)). [1]"))
                marked = true
            case .unknown:
                sources.append(l.pick("\(target.name)：未找到\(baseline.year)年的公开基线数据。[U]",
                                      "\(target.name): no published \(baseline.year) baseline was found. [U]"))
                marked = true
            }
            for reference in target.references {
                let part = reference.part.map { l.pick("（仅\($0.chineseName)）", " (\($0.englishName) only)") } ?? ""
                let more = reference.moreThan ? l.pick("超过", "more than ") : ""
                sources.append(l.pick("\(target.name)：公开报道 \(reference.date) 为\(more)\(reference.value)\(part)\(Self.source(reference.note))。[1]",
                                      "\(target.name): published \(more)\(reference.value)\(part) on \(reference.date)\(Self.source(reference.note)). [1]"))
                marked = true
            }
        }
        sources.append(l.pick(
            "所需年增速：从当前值到\(targets.year)年末达到目标，每年需要的复合增长率。趋势年增速：按各统计日的数值拟合的年均增长率；只有一个统计日时不显示。",
            "Growth needed: the compound yearly growth from today's value to the target by the end of \(targets.year). "
                + "Trend: the yearly growth fitted to the values of each counting date; not shown with a single date."))
        var out = ["<section class=\"notes\"><h2>\(e(l.pick("数据说明", "About the data")))</h2>",
                   "<h3>\(e(l.pick("统计口径", "What is counted")))</h3><ul>"]
        out += counting.map { "<li>\(e($0))</li>" }
        out.append("</ul><h3>\(e(l.pick("估算与来源", "Estimates and sources")))</h3><ul>")
        out += sources.map { "<li>\(e($0))</li>" }
        out.append("</ul>")
        if marked {
            out.append("<p class=\"marks\">" + e(l.pick(
                "[U] 未找到公开数据，基线未知，因此不计算“为基线倍数”。[1] 引自公开报道的参考数字，口径可能与本报告不同（例如一家企业可能在两个层级各计一次），仅供对照。",
                "[U] No published figure was found, so the baseline is unknown. [1] A figure from published reports, "
                    + "which may count differently (e.g. a firm on two rungs counted twice); for comparison only.")) + "</p>")
        }
        out.append("</section>")
        return out
    }

    /// The source in a note's parentheses, e.g. "(stdaily 2025-12-03)" → "（来源：stdaily 2025-12-03）".
    static func source(_ note: String?) -> String {
        guard let note, let open = note.lastIndex(of: "("), let close = note[open...].firstIndex(of: ")") else { return "" }
        let inside = note[note.index(after: open)..<close].trimmingPrefix(" ")
        guard !inside.isEmpty else { return "" }
        return "（来源：\(inside)）"
    }
}
