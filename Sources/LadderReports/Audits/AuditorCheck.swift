import LadderCore

/// What an auditor checks for each criterion, in the terms of the tax and programme reviews
/// (研发费用加计扣除 files, 专项审计报告, payroll and social insurance, IP certificates).
///
/// Keyed by criterion id; rulebooks that add criteria fall back to a generic line naming the
/// criterion. (A candidate for a `check=` attribute in the rulebooks, so it becomes data.)
public enum AuditorCheck {
    static let byID: [String: (en: String, zh: String)] = [
        "active": ("business registration status (国家企业信用信息公示系统)", "工商登记状态（国家企业信用信息公示系统）"),
        "resident": ("tax residency and registration in mainland China", "在中国境内（不含港澳台）注册的居民企业身份"),
        "age": ("business licence date of establishment (≥ 365 days before the date)",
                "营业执照成立日期（评定日前满 365 天）"),
        "ip.owned": ("IP certificates in force and their link to the main products", "有效的知识产权证书及其与主要产品的关联"),
        "domain": ("core technology against 国家重点支持的高新技术领域", "核心技术是否属于国家重点支持的高新技术领域"),
        "tech.share": ("payroll and social-insurance records of tech staff (≥ 183 days in the year)",
                       "科技人员的工资和社保缴纳记录（全年累计 183 天以上）"),
        "rd.intensity": ("R&D auxiliary ledgers (研发费用辅助账) and the 专项审计报告 for three years against audited sales",
                         "近三年的研发费用辅助账和专项审计报告，对照经审计的销售收入"),
        "rd.domestic": ("R&D ledger split by where the work was done (domestic ≥ 60%)",
                        "按研发活动发生地划分的研发费用账（境内不低于 60%）"),
        "hightech.revenue": ("high-tech product (service) revenue 专项审计报告 against total income",
                             "高新技术产品（服务）收入专项审计报告，对照总收入"),
        "incidents": ("safety, quality and environmental penalty records for the year before the date",
                      "评定日前一年内的安全、质量和环境处罚记录"),
        "size.staff": ("payroll and social-insurance headcount (≤ 500)", "工资和社保在册人数（不超过 500 人）"),
        "size.revenue": ("audited annual sales (≤ 2亿元)", "经审计的年销售收入（不超过 2亿元）"),
        "size.assets": ("audited total assets (≤ 2亿元)", "经审计的资产总额（不超过 2亿元）"),
        "tax": ("enterprise income tax assessment method (查账征收, not 核定征收)", "企业所得税征收方式（查账征收，而非核定征收）"),
        "industry": ("main-business industry code against the 财税〔2015〕119号 negative list",
                     "主营业务行业代码，对照财税〔2015〕119号负面清单"),
        "misconduct": ("abnormal-operation and serious-dishonesty lists, accident and misconduct records",
                       "经营异常名录和严重失信名单、事故及违法违规记录"),
        "catalogue": ("products against the prohibited / restricted / eliminated catalogues", "产品是否属于禁止、限制或淘汰类目录"),
        "prereq.high-tech": ("a valid high-tech certificate or a high-tech assessment", "有效的高新技术企业证书或高新技术企业评价"),
    ]

    /// The check for a criterion on a rung.
    public static func text(for criterion: String, tier: Tier) -> String { texts(for: criterion, tier: tier).en }

    /// The same in Chinese.
    public static func chinese(for criterion: String, tier: Tier) -> String { texts(for: criterion, tier: tier).zh }

    /// Both at once.
    static func texts(for criterion: String, tier: Tier) -> (en: String, zh: String) {
        if let text = byID[criterion] { return text }
        if criterion == "pass" {
            switch tier {
            case .highTech:
                return ("the innovation-capability score sheet (IP, conversions, R&D organisation, growth) > 70",
                        "创新能力评价表（知识产权、成果转化、研发组织管理、成长性）超过 70 分")
            case .techSME:
                return ("the self-evaluation score sheet: tech staff, R&D ratios and IP (≥ 60, tech staff > 0)",
                        "自评表：科技人员、研发投入和知识产权（不低于 60 分，且科技人员指标大于 0）")
            case .leading: return ("the city's proxy indicators (local assumption)", "市里设定的替代指标（本地假设）")
            }
        }
        return ("the records behind criterion \(criterion)", "条件 \(criterion) 所依据的记录")
    }
}
