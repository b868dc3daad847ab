import LadderCore
import XMLStream

/// The element names of registry format 1, in the order of `names` (a tag's raw value is its token in
/// `table()`; `table()` checks the order). The names come from the vocabulary (LadderCore): the record
/// fields' elements, the repeated facts and the finance figures, which all read as `.financeField`
/// (`financeField(token:)` says which).
enum RegistryTag: UInt8, Sendable, CaseIterable {
    case registry, enterprise, platform, techContract, broker
    case name, district, industry, techDomain, registeredOn, status, resident, taxAssessment, finance
    case ip, certification, award, rdInstitution, standard, incident, expertScore, consortium
    /// Any child of `Finance` of the vocabulary: tokens `financeField.rawValue + FinanceField.rawValue`.
    case financeField
    case other

    /// The element of each record field that has one (`District/@code` and `District/@zone` share one).
    private static let recordElements: [(RecordField, RegistryTag)] = [
        (.name, .name), (.district, .district), (.industry, .industry), (.techDomain, .techDomain),
        (.registeredOn, .registeredOn), (.status, .status), (.resident, .resident), (.taxAssessment, .taxAssessment),
    ]

    /// The names in token order: the tags before `financeField`, then the finance figures.
    static let names: [String] = {
        var names = ["Registry", "Enterprise", "Platform", "TechContract", "Broker"]
        names += recordElements.map { String($0.0.spec.element.prefix { $0 != "/" }) }
        names.append("Finance")
        names += FactKind.all.map(\.element)
        names += FinanceField.all.map(\.name)
        return names
    }()

    static func table() -> XMLNameTable {
        // Checked in every build (once per parse): `from(token:)` relies on the order.
        precondition(recordElements.enumerated().allSatisfy { $0.element.1.rawValue == RegistryTag.name.rawValue + UInt8($0.offset) }
                     && FactKind.all.count == Int(RegistryTag.financeField.rawValue - RegistryTag.ip.rawValue)
                     && names.count == Int(RegistryTag.financeField.rawValue) + FinanceField.all.count,
                     "names out of case order")
        return XMLNameTable(names)
    }

    /// The tag for a token of `table()`.
    @inline(__always) static func from(token: Int) -> RegistryTag {
        // A token below `financeField` is an index in `names`, whose order is the cases' (checked in
        // `table()`); the generated init(rawValue:) is an out-of-line switch on every element.
        if token >= 0 && token < RegistryTag.financeField.rawValue {
            return unsafeBitCast(UInt8(truncatingIfNeeded: token), to: RegistryTag.self)
        }
        // Tokens are `XMLNameTable.unknown` or below `names.count`: the rest are finance figures.
        return token >= 0 ? .financeField : .other
    }

    /// The finance figure of a token that reads as `.financeField`.
    @inline(__always) static func financeField(token: Int) -> FinanceField {
        FinanceField(rawValue: token - Int(RegistryTag.financeField.rawValue)) ?? .employees
    }

    /// Elements directly inside `Enterprise` whose text is the value.
    var isEnterpriseText: Bool {
        switch self {
        case .name, .techDomain, .registeredOn, .status, .resident, .taxAssessment: true
        default: false
        }
    }

    /// The repeated fact of a tag, if it is one.
    var factKind: FactKind? {
        rawValue >= RegistryTag.ip.rawValue && rawValue <= RegistryTag.consortium.rawValue
            ? FactKind(rawValue: Int(rawValue - RegistryTag.ip.rawValue)) : nil
    }
}
