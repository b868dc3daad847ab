// The record-level fields and the repeated facts of format 1 (see RegistryVocabulary.swift).

/// A field of `<Enterprise>` read once per firm, in format-1 order.
public enum RecordField: Int, CaseIterable, Sendable, BitwiseCopyable {
    case id, name, district, zone, industry, techDomain, registeredOn, status, resident, taxAssessment

    /// The vocabulary entry; `element` is the path inside `Enterprise` (`@id`, `District/@code`).
    public var spec: FieldSpec {
        switch self {
        case .id: FieldSpec(element: "@id", type: .code, unit: .none, repetition: .one, chineseName: "统一社会信用代码", englishName: "credit code", column: "id")
        case .name: FieldSpec(element: "Name", type: .text, unit: .none, repetition: .one, chineseName: "企业名称", englishName: "name", column: "name")
        case .district: FieldSpec(element: "District/@code", type: .code, unit: .none, repetition: .one, chineseName: "所属区市", englishName: "district", column: "district")
        case .zone: FieldSpec(element: "District/@zone", type: .code, unit: .none, repetition: .optional, chineseName: "功能区", englishName: "zone", column: "zone")
        case .industry: FieldSpec(element: "Industry/@code", type: .code, unit: .none, repetition: .optional, chineseName: "行业代码", englishName: "industry", column: "industry")
        case .techDomain: FieldSpec(element: "TechDomain", type: .closedSet, unit: .none, repetition: .optional, chineseName: "技术领域", englishName: "tech domain", column: "tech_domain")
        case .registeredOn: FieldSpec(element: "RegisteredOn", type: .date, unit: .none, repetition: .one, chineseName: "成立日期", englishName: "registered on", column: "registered_on")
        case .status: FieldSpec(element: "Status", type: .closedSet, unit: .none, repetition: .optional, chineseName: "经营状态", englishName: "status", column: "status")
        case .resident: FieldSpec(element: "Resident", type: .boolean, unit: .none, repetition: .optional, chineseName: "居民企业", englishName: "resident", column: "resident")
        case .taxAssessment: FieldSpec(element: "TaxAssessment", type: .closedSet, unit: .none, repetition: .optional, chineseName: "征收方式", englishName: "tax assessment", column: "tax_assessment")
        }
    }

    public static let all: [RecordField] = allCases

    /// Whether format 1 requires the field (a record without it is rejected).
    public var isRequired: Bool { spec.repetition == .one }

    /// The store columns of the fields, in order: `id, name, district, …`.
    public static let columnList = all.map(\.spec.column).joined(separator: ", ")
}

/// One attribute of a repeated fact.
public struct AttributeSpec: Sendable, Hashable {
    public let name: String
    public let type: FieldType
    /// Whether format 1 requires it (a fact without it rejects the record).
    public let isRequired: Bool

    public init(_ name: String, _ type: FieldType, required: Bool = false) {
        self.name = name
        self.type = type
        isRequired = required
    }
}

/// A repeated fact of an enterprise (0..n elements whose values are all attributes), in format-1 order.
public enum FactKind: Int, CaseIterable, Sendable, BitwiseCopyable {
    case ip, certification, award, rdInstitution, standard, incident, expertScore, consortium

    /// The element name, the store table, the names, and the attributes in format-1 order (also the
    /// order of the table's columns after `enterprise_id, seq`).
    public var spec: (element: String, table: String, chineseName: String, englishName: String, attributes: [AttributeSpec]) {
        switch self {
        case .ip: ("IP", "ip", "知识产权", "IP", [.init("class", .closedSet, required: true), .init("kind", .closedSet),
                                               .init("count", .count, required: true), .init("acquired", .closedSet)])
        case .certification: ("Certification", "certification", "资质认定", "certification",
                              [.init("kind", .closedSet, required: true), .init("number", .text),
                               .init("issued", .date, required: true), .init("expires", .date), .init("revoked", .date)])
        case .award: ("Award", "award", "科技奖励", "award",
                      [.init("level", .closedSet, required: true), .init("year", .count, required: true), .init("rank", .count)])
        case .rdInstitution: ("RDInstitution", "rd_institution", "研发机构", "R&D institution",
                              [.init("level", .closedSet, required: true), .init("since", .date)])
        case .standard: ("Standard", "standard", "标准", "standard",
                         [.init("level", .closedSet, required: true), .init("role", .closedSet, required: true),
                          .init("year", .count, required: true)])
        case .incident: ("Incident", "incident", "不良记录", "incident",
                         [.init("kind", .closedSet, required: true), .init("date", .date, required: true)])
        case .expertScore: ("ExpertScore", "expert_score", "专家评分", "expert score",
                            [.init("item", .closedSet, required: true), .init("points", .count, required: true)])
        case .consortium: ("Consortium", "consortium", "创新联合体", "consortium",
                           [.init("role", .closedSet, required: true), .init("level", .closedSet, required: true)])
        }
    }

    public static let all: [FactKind] = allCases

    /// The format-1 element name.
    public var element: String { spec.element }

    /// The attribute names, in the order `FactKind.attributes` indexes them.
    public var attributes: [String] { spec.attributes.map(\.name) }

    /// The attributes format 1 requires.
    public var required: [String] { spec.attributes.filter(\.isRequired).map(\.name) }

    /// Indexes of the attributes that hold dates.
    public var dateAttributes: [Int] { spec.attributes.indices.filter { spec.attributes[$0].type == .date } }

    /// The store columns (after `enterprise_id, seq`): the attribute names.
    public var columnList: String { attributes.joined(separator: ", ") }

    /// The most attributes any kind has.
    public static let maxAttributes = all.map(\.spec.attributes.count).max() ?? 0

    /// The kind for a format-1 element name.
    public init?(element: String) {
        guard let kind = FactKind.all.first(where: { $0.element == element }) else { return nil }
        self = kind
    }
}

/// A value type of a repeated fact: its attributes as format 1 writes them, in `FactKind` order.
public protocol RegistryFact: Sendable {
    static var factKind: FactKind { get }
    /// The attribute values as text (nil: not written), in the order of `kind.attributes`.
    var attributeTexts: [String?] { get }
}

extension IPHolding: RegistryFact {
    public static var factKind: FactKind { .ip }
    public var attributeTexts: [String?] { [ipClass.rawValue, kind?.rawValue, String(count), acquired?.rawValue] }
}

extension Certification: RegistryFact {
    public static var factKind: FactKind { .certification }
    public var attributeTexts: [String?] {
        [kind.rawValue, number, issued.description, expires?.description, revoked?.description]
    }
}

extension Award: RegistryFact {
    public static var factKind: FactKind { .award }
    public var attributeTexts: [String?] { [level.rawValue, String(year), rank.map(String.init)] }
}

extension RDInstitution: RegistryFact {
    public static var factKind: FactKind { .rdInstitution }
    public var attributeTexts: [String?] { [level.rawValue, since?.description] }
}

extension Standard: RegistryFact {
    public static var factKind: FactKind { .standard }
    public var attributeTexts: [String?] { [level.rawValue, role.rawValue, String(year)] }
}

extension Incident: RegistryFact {
    public static var factKind: FactKind { .incident }
    public var attributeTexts: [String?] { [kind.rawValue, date.description] }
}

extension ExpertScore: RegistryFact {
    public static var factKind: FactKind { .expertScore }
    public var attributeTexts: [String?] { [item.rawValue, String(points)] }
}

extension Consortium: RegistryFact {
    public static var factKind: FactKind { .consortium }
    public var attributeTexts: [String?] { [role.rawValue, level.rawValue] }
}

extension Enterprise {
    /// The firm's facts of a kind, as their attribute texts in format-1 order.
    public func factTexts(_ kind: FactKind) -> [[String?]] {
        switch kind {
        case .ip: ip.map(\.attributeTexts)
        case .certification: certifications.map(\.attributeTexts)
        case .award: awards.map(\.attributeTexts)
        case .rdInstitution: rdInstitutions.map(\.attributeTexts)
        case .standard: standards.map(\.attributeTexts)
        case .incident: incidents.map(\.attributeTexts)
        case .expertScore: expertScores.map(\.attributeTexts)
        case .consortium: consortia.map(\.attributeTexts)
        }
    }
}
