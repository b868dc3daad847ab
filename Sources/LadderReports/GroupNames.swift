import LadderCore

/// Chinese names of tally groups: districts, zones, industry sections and technology domains.
public enum GroupNames {
    /// The group key a firm falls in under a grouping.
    @inline(__always)
    public static func key(of firm: Enterprise, by grouping: Grouping) -> String {
        switch grouping {
        case .district: firm.district
        case .zone: firm.zone ?? noZone
        case .industry: firm.industry.flatMap { $0.first.map(String.init) } ?? unknown
        case .domain: firm.techDomain?.rawValue ?? unknown
        }
    }

    /// The key of firms outside any functional zone.
    public static let noZone = "none"
    /// The key of firms whose industry or domain is not on record.
    public static let unknown = "unknown"

    /// The Chinese name of a group key.
    public static func name(of key: String, by grouping: Grouping) -> String {
        switch grouping {
        case .district: return District.name(of: key) ?? "未知区市"
        case .zone: return key == noZone ? "不在功能区" : District.name(of: key) ?? "未知功能区"
        case .industry: return sections[key] ?? "行业未登记"
        case .domain: return TechDomain(rawValue: key).map(chineseName) ?? "领域未登记"
        }
    }

    /// The keys every report lists even when empty (the ten districts; the eight domains).
    public static func fixedKeys(by grouping: Grouping) -> [String] {
        switch grouping {
        case .district: District.qingdao.map(\.code)
        case .zone: District.zones.map(\.code)
        case .industry: []
        case .domain: TechDomain.allCases.map(\.rawValue)
        }
    }

    /// The Chinese name of a technology domain (国家重点支持的高新技术领域): the vocabulary's.
    public static func chineseName(_ domain: TechDomain) -> String { domain.chineseName }

    /// GB/T 4754-2017 sections (门类).
    public static let sections: [String: String] = [
        "A": "农、林、牧、渔业", "B": "采矿业", "C": "制造业", "D": "电力、热力、燃气及水生产和供应业",
        "E": "建筑业", "F": "批发和零售业", "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业",
        "I": "信息传输、软件和信息技术服务业", "J": "金融业", "K": "房地产业", "L": "租赁和商务服务业",
        "M": "科学研究和技术服务业", "N": "水利、环境和公共设施管理业", "O": "居民服务、修理和其他服务业",
        "P": "教育", "Q": "卫生和社会工作", "R": "文化、体育和娱乐业", "S": "公共管理、社会保障和社会组织",
        "T": "国际组织",
    ]
}
