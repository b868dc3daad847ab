// The closed value sets of registry format 1 (see shared/spec/registry-xml.md).

/// 国家重点支持的高新技术领域: the eight supported domains.
public enum TechDomain: String, CaseIterable, Sendable, Codable {
    case electronicInformation = "electronic-information"
    case biomedicine
    case aerospace
    case newMaterials = "new-materials"
    case highTechServices = "high-tech-services"
    case newEnergy = "new-energy"
    case resourcesEnvironment = "resources-environment"
    case advancedManufacturing = "advanced-manufacturing"
}

/// Whether a firm is still registered.
public enum FirmStatus: String, CaseIterable, Sendable, Codable {
    case active, deregistered
}

/// How enterprise income tax is assessed: 查账征收 or 核定征收.
public enum TaxAssessment: String, CaseIterable, Sendable, Codable {
    case actualProfit = "actual-profit"
    case deemed
}

/// The class of an IP item under 115号: Class I (invention patents and peers) or Class II.
public enum IPClass: String, CaseIterable, Sendable, Codable {
    case one = "I"
    case two = "II"
}

/// The kind of an IP item.
public enum IPKind: String, CaseIterable, Sendable, Codable {
    case inventionPatent = "invention-patent"
    case plantVariety = "plant-variety"
    case cropVariety = "crop-variety"
    case newDrug = "new-drug"
    case tcmProtected = "tcm-protected"
    case icLayout = "ic-layout"
    case utilityModel = "utility-model"
    case design
    case softwareCopyright = "software-copyright"

    /// The class the rules give this kind.
    public var ipClass: IPClass {
        switch self {
        case .utilityModel, .design, .softwareCopyright: .two
        default: .one
        }
    }
}

/// How IP was obtained: own R&D, or transfer, gift or M&A.
public enum IPAcquisition: String, CaseIterable, Sendable, Codable {
    case own, transfer
}

/// The administrative level of an award, institution or platform.
public enum Level: String, CaseIterable, Sendable, Codable, Comparable {
    case municipal, provincial, national

    var rank: Int {
        switch self {
        case .municipal: 1
        case .provincial: 2
        case .national: 3
        }
    }

    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
}

/// The level of a standard.
public enum StandardLevel: String, CaseIterable, Sendable, Codable {
    case international, national, industry, local, group
}

/// A firm's role in drafting a standard or in a consortium.
public enum Role: String, CaseIterable, Sendable, Codable {
    case lead
    case participant
    case member
}

/// Incidents that disqualify under 115号 Art. 6(4) and 32号 Art. 11(8).
public enum IncidentKind: String, CaseIterable, Sendable, Codable {
    case majorSafety = "major-safety"
    case majorQuality = "major-quality"
    case environmental
    case researchMisconduct = "research-misconduct"
    case abnormalOperation = "abnormal-operation"
    case seriousDishonesty = "serious-dishonesty"
    case seriousFraud = "serious-fraud"
}

/// The expert-judged items of the HNTE innovation-capability score (195号), with their maxima.
public enum ExpertItem: String, CaseIterable, Sendable, Codable {
    case ipAdvancement = "ip-advancement"
    case ipCoreSupport = "ip-core-support"
    case ipAcquisition = "ip-acquisition"
    case standardsBonus = "standards-bonus"
    case rdManagement = "rd-management"
    case rdInstitution = "rd-institution"
    case conversionIncentive = "conversion-incentive"
    case talent

    /// The most points the item can give.
    public var maximum: Int {
        switch self {
        case .ipAdvancement, .ipCoreSupport: 8
        case .ipAcquisition, .rdManagement, .rdInstitution: 6
        case .standardsBonus: 2
        case .conversionIncentive, .talent: 4
        }
    }
}

/// The kind of a technology contract.
public enum ContractKind: String, CaseIterable, Sendable, Codable {
    case development, transfer, consulting, service, licensing
}
