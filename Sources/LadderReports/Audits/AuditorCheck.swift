import LadderCore

/// What an auditor checks for each criterion, in the terms of the tax and programme reviews
/// (研发费用加计扣除 files, 专项审计报告, payroll and social insurance, IP certificates).
///
/// Keyed by criterion id; rulebooks that add criteria fall back to a generic line naming the
/// criterion. (A candidate for a `check=` attribute in the rulebooks, so it becomes data.)
public enum AuditorCheck {
    static let byID: [String: String] = [
        "active": "business registration status (国家企业信用信息公示系统)",
        "resident": "tax residency and registration in mainland China",
        "age": "business licence date of establishment (≥ 365 days before the date)",
        "ip.owned": "IP certificates in force and their link to the main products",
        "domain": "core technology against 国家重点支持的高新技术领域",
        "tech.share": "payroll and social-insurance records of tech staff (≥ 183 days in the year)",
        "rd.intensity": "R&D auxiliary ledgers (研发费用辅助账) and the 专项审计报告 for three years against audited sales",
        "rd.domestic": "R&D ledger split by where the work was done (domestic ≥ 60%)",
        "hightech.revenue": "high-tech product (service) revenue 专项审计报告 against total income",
        "incidents": "safety, quality and environmental penalty records for the year before the date",
        "size.staff": "payroll and social-insurance headcount (≤ 500)",
        "size.revenue": "audited annual sales (≤ 2亿元)",
        "size.assets": "audited total assets (≤ 2亿元)",
        "tax": "enterprise income tax assessment method (查账征收, not 核定征收)",
        "industry": "main-business industry code against the 财税〔2015〕119号 negative list",
        "misconduct": "abnormal-operation and serious-dishonesty lists, accident and misconduct records",
        "catalogue": "products against the prohibited / restricted / eliminated catalogues",
        "prereq.high-tech": "a valid high-tech certificate or a high-tech assessment",
    ]

    /// The check for a criterion on a rung.
    public static func text(for criterion: String, tier: Tier) -> String {
        if let text = byID[criterion] { return text }
        if criterion == "pass" {
            switch tier {
            case .highTech: return "the innovation-capability score sheet (IP, conversions, R&D organisation, growth) > 70"
            case .techSME: return "the self-evaluation score sheet: tech staff, R&D ratios and IP (≥ 60, tech staff > 0)"
            case .leading: return "the city's proxy indicators (local assumption)"
            }
        }
        return "the records behind criterion \(criterion)"
    }
}
