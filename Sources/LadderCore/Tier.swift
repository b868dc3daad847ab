/// A rung of the ladder: 科技型中小企业 → 高新技术企业 → 科技领军企业.
public enum Tier: String, CaseIterable, Comparable, Sendable, Codable {
    case techSME = "tech-sme"
    case highTech = "high-tech"
    case leading = "leading"

    /// 1 for tech SME, 2 for high-tech, 3 for leading.
    public var rung: Int {
        switch self {
        case .techSME: 1
        case .highTech: 2
        case .leading: 3
        }
    }

    /// The rung numbered 1, 2 or 3 (`rung`); nil for any other number.
    public init?(rung: Int) {
        guard let tier = Tier.allCases.first(where: { $0.rung == rung }) else { return nil }
        self = tier
    }

    /// The Chinese name of the rung.
    public var chineseName: String {
        switch self {
        case .techSME: "科技型中小企业"
        case .highTech: "高新技术企业"
        case .leading: "科技领军企业"
        }
    }

    /// The English name of the rung.
    public var englishName: String {
        switch self {
        case .techSME: "Technology-based SME"
        case .highTech: "High and new technology enterprise"
        case .leading: "Leading technology enterprise"
        }
    }

    public static func < (a: Tier, b: Tier) -> Bool { a.rung < b.rung }
}
