import LadderCore

/// The counting rules, stated in every report (a footer) and in the README.
public enum CountingRules {
    /// The rules as short Chinese/English lines for a report footer.
    /// - Parameters:
    ///   - asOf: the date of the tally.
    ///   - eligibilityComputed: whether eligible, pipeline and audit figures were computed.
    public static func lines(asOf: Day, eligibilityComputed: Bool) -> [String] {
        var lines = [
            "口径 Counting rules (\(asOf)): 科技型企业 = 在\(asOf)有效持有科技型中小企业入库登记、高新技术企业证书或科技领军企业名单之一的存续企业，"
                + "按最高有效层级只计一次。注销企业、已过期、已撤销或尚未颁发的证书不计。"
                + " A technology enterprise is an active firm holding a valid tech-SME registration, high-tech "
                + "certificate or leading listing on the date, counted once at its highest valid rung; "
                + "deregistered firms and expired, revoked or not-yet-issued certificates do not count.",
        ]
        if eligibilityComputed {
            lines.append(
                "符合未认定 Pipeline = the rules say the firm qualifies for a rung above its certified one (or it holds "
                    + "none), counted at that rung. 认定不符 Audit risk = certified on a rung the rules decide it does "
                    + "not meet; undetermined verdicts (missing data) are listed apart, not as risk.")
        } else {
            lines.append("符合条件/符合未认定/认定不符: 未计算 (not computed: no rules engine was used for this tally).")
        }
        lines.append(
            "占目标 Share = district count ÷ its own target when set, else ÷ the city target; 差距 Gap = target − count. "
                + "Targets are \"more than\": met only when exceeded.")
        return lines
    }

    /// The rules for the other four indicators.
    public static let indicatorLines = [
        "研发经费 R&D: sum of firms' RDExpense for the latest finance year complete on the date — a registry-based "
            + "figure covering firms only, not the official 全社会研发经费.",
        "科创平台 Platforms: provincial or national level, approved on or before the date (undated records count). "
            + "技术合同 Contracts: turnover of the latest complete calendar year, by signing date (registration date "
            + "when unsigned). 技术经纪人 Brokers: certified on or before the date (undated records count).",
    ]
}
