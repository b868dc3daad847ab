import LadderCore

/// The fixed word lists and tables the generator draws from, stored as UTF-8 bytes so that writing a
/// firm copies bytes instead of building strings.
enum Catalog {
    /// One sector a synthetic firm can belong to: a supported high-tech domain, or none (a firm in an
    /// ordinary or excluded industry that has no `TechDomain`).
    struct Sector: Sendable {
        let domain: [UInt8]?
        /// Share among firms.
        let weight: Double
        /// GB/T 4754-2017 classes with relative weights.
        let industries: [(code: [UInt8], weight: Double)]
        /// The industry words that follow the trade name (e.g. 电子科技).
        let words: [[UInt8]]
        /// Chance that a firm of the sector holds software copyrights.
        var software = 0.3
        /// Class I kinds other than invention patents that the sector may hold, with their chance.
        var otherClassOne: [(kind: IPKind, chance: Double)] = []
    }

    static func bytes(_ items: [String]) -> [[UInt8]] { items.map { Array($0.utf8) } }
    static func codes(_ items: [(String, Double)]) -> [(code: [UInt8], weight: Double)] {
        items.map { (Array($0.0.utf8), $0.1) }
    }

    /// Sectors in Qingdao-like proportions (HNTE firms take 先进制造与自动化 at the calibration's share).
    static let sectors: [Sector] = [
        Sector(
            domain: Array("advanced-manufacturing".utf8), weight: 0.31,
            industries: codes([("C3421", 1), ("C3491", 1.5), ("C3492", 0.5), ("C3493", 0.5), ("C3562", 0.6),
                               ("C4011", 1.2), ("C3737", 1), ("C3711", 0.4), ("C3714", 0.8), ("C3670", 1.5),
                               ("C3484", 1.5), ("C3525", 1)]),
            words: bytes(["智能装备", "机械", "精密机械", "自动化科技", "机器人", "数控科技", "轨道交通装备",
                          "船舶科技", "模具", "汽车零部件", "电气", "智能制造"])),
        Sector(
            domain: Array("electronic-information".utf8), weight: 0.23,
            industries: codes([("I6513", 3), ("I6511", 0.5), ("I6512", 0.5), ("I6519", 0.6), ("I6520", 0.5),
                               ("I6531", 1.2), ("I6532", 0.8), ("I6540", 0.5), ("I6550", 0.4), ("I6560", 0.8),
                               ("C3911", 0.3), ("C3922", 0.4), ("C3951", 0.3), ("C3973", 0.3), ("C3974", 0.3),
                               ("C3981", 0.6), ("C3982", 0.6), ("C3983", 0.6)]),
            words: bytes(["电子科技", "信息技术", "软件科技", "网络科技", "智能科技", "数字科技", "通信技术",
                          "微电子", "光电科技", "物联网科技", "信息科技"]),
            software: 0.9, otherClassOne: [(.icLayout, 0.06)]),
        Sector(
            domain: Array("high-tech-services".utf8), weight: 0.11,
            industries: codes([("M7320", 2), ("M7310", 0.6), ("M7491", 0.8), ("M7452", 1.2), ("M7520", 0.6),
                               ("M7530", 0.8), ("M7519", 0.6), ("I6560", 0.4)]),
            words: bytes(["检测技术", "科技服务", "技术服务", "工业设计", "知识产权代理", "科技咨询", "研究院",
                          "检验认证"]),
            software: 0.6),
        Sector(
            domain: Array("new-materials".utf8), weight: 0.10,
            industries: codes([("C2651", 1), ("C2652", 0.6), ("C2661", 1.2), ("C3091", 0.6), ("C3062", 0.6),
                               ("C3240", 0.7), ("C2929", 1)]),
            words: bytes(["新材料", "新材料科技", "高分子材料", "复合材料", "石墨烯科技", "橡塑科技", "化工科技"])),
        Sector(
            domain: Array("biomedicine".utf8), weight: 0.07,
            industries: codes([("C2710", 0.6), ("C2720", 1), ("C2740", 0.6), ("C2761", 0.8), ("C3581", 1),
                               ("C3584", 0.6), ("M7340", 0.8)]),
            words: bytes(["生物科技", "生物医药", "医疗器械", "药业", "基因科技", "海洋生物", "医疗科技", "生物工程"]),
            otherClassOne: [(.newDrug, 0.08), (.tcmProtected, 0.03)]),
        Sector(
            domain: Array("resources-environment".utf8), weight: 0.065,
            industries: codes([("N7721", 1), ("N7722", 0.8), ("N7723", 0.8), ("N7724", 0.4), ("C3591", 1),
                               ("M7516", 0.8)]),
            words: bytes(["环保科技", "环境工程", "水处理技术", "节能环保", "海洋科技", "生态科技", "资源再生"]),
            otherClassOne: [(.plantVariety, 0.02), (.cropVariety, 0.01)]),
        Sector(
            domain: Array("new-energy".utf8), weight: 0.06,
            industries: codes([("C3825", 1), ("C3841", 1), ("C3811", 0.6), ("D4415", 0.5), ("D4416", 0.6),
                               ("M7515", 0.6), ("M7514", 0.6)]),
            words: bytes(["新能源", "新能源科技", "光伏科技", "储能科技", "氢能科技", "节能技术", "电力科技"])),
        Sector(
            domain: Array("aerospace".utf8), weight: 0.015,
            industries: codes([("C3741", 0.5), ("C3743", 1), ("C3744", 1), ("C3749", 0.6), ("M7320", 0.5)]),
            words: bytes(["航空科技", "航天技术", "无人机科技", "航空装备", "卫星科技"])),
        Sector(
            domain: nil, weight: 0.04,
            industries: codes([("F5176", 1.5), ("F5273", 1), ("K7010", 0.6), ("H6210", 0.5), ("L7111", 0.4),
                               ("K7020", 0.6)]),
            words: bytes(["商贸", "贸易", "置业", "餐饮管理", "物业管理", "汽车租赁", "供应链管理"]),
            software: 0.05),
    ]

    static let sectorWeights = sectors.map(\.weight)
    static let industryWeights = sectors.map { $0.industries.map(\.weight) }

    static let districtCodes: [[UInt8]] = District.qingdao.map { Array($0.code.utf8) }
    static let districtStrings: [String] = District.qingdao.map(\.code)

    /// Retired district codes (`District.retired`, in code order) with the index of their successor in
    /// `District.qingdao`.
    static let retiredDistricts: [(code: [UInt8], successor: Int)] = District.retired.keys.sorted().compactMap {
        code in
        guard let successor = District.retired[code]?.successor,
            let index = District.qingdao.firstIndex(where: { $0.code == successor })
        else { return nil }
        return (Array(code.utf8), index)
    }

    /// Index in `District.qingdao` of 市北区, 黄岛区, 城阳区 and 即墨区.
    static let shibei = 1, huangdao = 2, chengyang = 5, jimo = 6

    /// The first and second characters of two-character trade names (字号).
    static let tradeFirst = bytes(["海", "华", "瑞", "恒", "中", "鼎", "青", "蓝", "启", "博", "凯", "金", "众", "宏",
                                   "泰", "东", "星", "天", "润", "嘉", "德", "科", "汇", "睿", "云", "琴", "崂", "浩",
                                   "明", "信", "诚", "腾", "远", "卓", "新", "智", "联", "晟", "正", "同", "聚", "奥",
                                   "百", "万", "昌", "英", "赛", "伟", "立", "盛"])
    static let tradeSecond = bytes(["纳", "通", "丰", "信", "科", "盛", "创", "川", "航", "远", "达", "石", "合", "图",
                                    "和", "方", "辰", "成", "泽", "禾", "瑞", "清", "润", "智", "思", "帆", "蓝", "峰",
                                    "瀚", "德", "业", "飞", "越", "锐", "源", "克", "晟", "泰", "力", "特", "兴", "维",
                                    "康", "洋", "宇", "恒", "安", "捷", "拓", "迈"])
    /// Two-character trade names the lists could form that belong to well-known real firms: never used.
    static let realBrands: Set<[UInt8]> = Set(bytes(["海信", "同方", "正泰", "中科", "海达", "华通", "金石", "东方"]))
    /// Latin trade marks that carry XML special characters (a few real names do).
    static let latinMarks = bytes(["J&K", "A&T", "H&S", "D&R"])

    /// The 31 characters of the GB 32100 alphabet, in value order.
    static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    static let qingdao = Array("青岛".utf8)
    static let shandong = Array("山东".utf8)
    static let qingdaoInParens = Array("（青岛）".utf8)
    static let limited = Array("有限公司".utf8)
    static let joinStock = Array("股份有限公司".utf8)
    static let group = Array("集团有限公司".utf8)

    static let platformKinds = bytes(["key-lab", "engineering-research-center", "technology-innovation-center",
                                      "enterprise-technology-center", "new-rd-institution",
                                      "industrial-innovation-center"])
    static let contractKinds = bytes(["development", "service", "consulting", "transfer", "licensing"])
    static let contractKindWeights: [Double] = [0.35, 0.30, 0.10, 0.15, 0.10]
    static let incidentCases: [IncidentKind] = [.majorSafety, .majorQuality, .environmental, .researchMisconduct,
                                                .abnormalOperation, .seriousDishonesty, .seriousFraud]
    static let incidentWeights: [Double] = [0.15, 0.1, 0.2, 0.05, 0.35, 0.1, 0.05]
    static let standardLevelCases: [StandardLevel] = [.international, .national, .industry, .local, .group]
    static let standardWeights: [Double] = [0.03, 0.2, 0.3, 0.17, 0.3]
    /// Expert-judged HNTE items (195号), in the order `FirmHistory.Certificate.scores` keeps them.
    static let expertItems = ExpertItem.allCases
    /// `TechDomain` of each sector (nil for the ordinary one).
    static let domains: [TechDomain?] = sectors.map { $0.domain.flatMap { TechDomain(rawValue: String(decoding: $0, as: UTF8.self)) } }
    /// Industry codes as strings, per sector, for the records the rules read.
    static let industryStrings: [[String]] = sectors.map { $0.industries.map { String(decoding: $0.code, as: UTF8.self) } }
}
