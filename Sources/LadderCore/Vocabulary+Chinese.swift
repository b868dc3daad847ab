// The Chinese names of format 1's closed value sets, as the policy documents write them, for reports
// read in Chinese (a firm's history, the firm report). The raw values stay the interface.

extension TechDomain {
    /// 国家重点支持的高新技术领域 (the eight domains).
    public var chineseName: String {
        switch self {
        case .electronicInformation: "电子信息"
        case .biomedicine: "生物与新医药"
        case .aerospace: "航空航天"
        case .newMaterials: "新材料"
        case .highTechServices: "高技术服务"
        case .newEnergy: "新能源与节能"
        case .resourcesEnvironment: "资源与环境"
        case .advancedManufacturing: "先进制造与自动化"
        }
    }
}

extension FirmStatus {
    public var chineseName: String {
        switch self {
        case .active: "存续"
        case .deregistered: "已注销"
        }
    }
}

extension TaxAssessment {
    public var chineseName: String {
        switch self {
        case .actualProfit: "查账征收"
        case .deemed: "核定征收"
        }
    }
}

extension IPClass {
    public var chineseName: String {
        switch self {
        case .one: "Ⅰ类"
        case .two: "Ⅱ类"
        }
    }
}

extension IPKind {
    public var chineseName: String {
        switch self {
        case .inventionPatent: "发明专利"
        case .plantVariety: "植物新品种"
        case .cropVariety: "国家级农作物品种"
        case .newDrug: "国家新药"
        case .tcmProtected: "国家一级中药保护品种"
        case .icLayout: "集成电路布图设计专有权"
        case .utilityModel: "实用新型专利"
        case .design: "外观设计专利"
        case .softwareCopyright: "软件著作权"
        }
    }
}

extension IPAcquisition {
    public var chineseName: String {
        switch self {
        case .own: "自主研发"
        case .transfer: "受让"
        }
    }
}

extension Level {
    public var chineseName: String {
        switch self {
        case .municipal: "市级"
        case .provincial: "省级"
        case .national: "国家级"
        }
    }
}

extension StandardLevel {
    public var chineseName: String {
        switch self {
        case .international: "国际标准"
        case .national: "国家标准"
        case .industry: "行业标准"
        case .local: "地方标准"
        case .group: "团体标准"
        }
    }
}

extension Role {
    public var chineseName: String {
        switch self {
        case .lead: "牵头"
        case .participant: "参与"
        case .member: "成员"
        }
    }
}

extension IncidentKind {
    public var chineseName: String {
        switch self {
        case .majorSafety: "重大安全事故"
        case .majorQuality: "重大质量事故"
        case .environmental: "严重环境违法"
        case .researchMisconduct: "科研严重失信"
        case .abnormalOperation: "列入经营异常名录"
        case .seriousDishonesty: "严重违法失信"
        case .seriousFraud: "严重弄虚作假"
        }
    }
}

extension ExpertItem {
    /// The scoring items of 高新技术企业 expert review (知识产权, 成果转化, 研发组织管理).
    public var chineseName: String {
        switch self {
        case .ipAdvancement: "知识产权·技术先进程度"
        case .ipCoreSupport: "知识产权·对主要产品的核心支持作用"
        case .ipAcquisition: "知识产权·获得方式"
        case .standardsBonus: "参与制定标准加分"
        case .rdManagement: "研究开发组织管理水平"
        case .rdInstitution: "研发机构"
        case .conversionIncentive: "成果转化奖励制度"
        case .talent: "人才引进与培养"
        }
    }
}
