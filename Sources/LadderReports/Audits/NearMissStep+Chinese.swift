import LadderCore

extension NearMissStep {
    /// The change in Chinese, for outputs in Chinese: `2024 年研发费用 +73.8万元`,
    /// `2024 年科技人员 +2 人（新招）`. Field names come from the format-1 vocabulary; `text` stays English.
    public var chinese: String {
        let year = self.year.map { "\($0) 年" } ?? ""
        func field(_ field: FinanceField) -> String { year + field.spec.chineseName }
        let money = Money(yuan: amount).description
        switch move {
        case .techStaff: return "\(field(.techStaff)) +\(amount) 人（新招）"
        case .rdExpense: return "\(field(.rdExpense)) +\(money)"
        case .highTechRevenue: return "\(field(.highTechRevenue)) +\(money)"
        case .revenue: return "\(field(.revenue)) +\(money)"
        case .conversions: return "\(field(.conversions)) +\(amount) 项"
        case .classOneIP: return "Ⅰ类知识产权（如发明专利）\(amount) 项"
        case .classTwoIP: return "Ⅱ类知识产权（实用新型、软件著作权等）+\(amount) 项"
        case .highTechCertificate: return "取得有效的高新技术企业证书"
        case .actualProfitTax: return "改为查账征收企业所得税"
        case .waitDays: return "再等 \(amount) 天（成立满一年）"
        }
    }
}
