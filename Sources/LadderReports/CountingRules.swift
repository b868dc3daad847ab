import LadderCore

/// The counting rules, stated in every report (a footer, a sheet) and in the README.
public enum CountingRules {
    /// The rules as short lines for a report footer, in one language.
    /// - Parameters:
    ///   - asOf: the date of the tally.
    ///   - eligibilityComputed: whether eligible, pipeline and audit figures were computed.
    public static func lines(asOf: Day, eligibilityComputed: Bool, language: Language = .zh) -> [String] {
        var lines = [language.pick(
            "口径（\(asOf)）：科技型企业 = 在\(asOf)有效持有科技型中小企业入库登记、高新技术企业证书或科技领军企业名单之一的存续企业，"
                + "按最高有效层级只计一次。注销企业、已过期、已撤销或尚未颁发的证书不计。",
            "Counting rules (\(asOf)): a technology enterprise is an active firm holding a valid tech-SME registration, "
                + "high-tech certificate or leading listing on the date, counted once at its highest valid rung; "
                + "deregistered firms and expired, revoked or not-yet-issued certificates do not count.")]
        if eligibilityComputed {
            lines.append(language.pick(
                "符合未认定：按规则已符合比现有认定更高一级（或尚无有效认定）的企业，按符合的层级计。"
                    + "认定不符：已认定、但按规则不符合该层级条件的企业；因数据缺失无法判定的单列为“待定”，不计入风险。",
                "Pipeline: the rules say the firm qualifies for a rung above its certified one (or it holds none), "
                    + "counted at that rung. Audit risk: certified on a rung the rules decide it does not meet; "
                    + "undetermined verdicts (missing data) are listed apart, not as risk."))
        } else {
            lines.append(language.pick(
                "符合条件、符合未认定、认定不符：未计算（本次统计未按规则评定）。",
                "Eligible, pipeline, audit risk: not computed (no rules were applied for this tally)."))
        }
        lines.append(language.pick(
            "占全市：区市数 ÷ 全市合计。占目标、差距：仅在区市设有自己的目标时给出（区市数 ÷ 区市目标；目标 − 数量），"
                + "合计行对照全市目标。目标为“超过”：超过才算达标。",
            "Of city: a district's count ÷ the city total. Of target and gap: only where the district has its own "
                + "target (count ÷ target; target − count); the total row against the city target. Targets are "
                + "\"more than\": met only when exceeded."))
        return lines
    }

    /// The rules for the other four indicators.
    public static func indicatorLines(_ language: Language = .zh) -> [String] {
        [
            language.pick(
                "研发经费：各企业在统计日已完整的最近一个财务年度研发费用之和——仅依据登记数据、只含企业，不是官方的全社会研发经费。",
                "R&D: sum of firms' R&D expense for the latest finance year complete on the date — a registry-based "
                    + "figure covering firms only, not the official total R&D spending."),
            language.pick(
                "科创平台：省级或国家级、统计日前（含）批准（无日期的记录计入）。技术合同：最近一个完整自然年的成交额，"
                    + "按签订日期（未签订的按登记日期）。技术经纪人：统计日前（含）取得资格（无日期的记录计入）。",
                "Platforms: provincial or national level, approved on or before the date (undated records count). "
                    + "Contracts: turnover of the latest complete calendar year, by signing date (registration date "
                    + "when unsigned). Brokers: certified on or before the date (undated records count)."),
        ]
    }
}
