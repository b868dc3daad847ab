import XMLStream

/// The element names of registry format 1, in the order of `names` (a tag's raw value is its token in
/// `table()`; `table()` checks the order).
enum RegistryTag: UInt8, Sendable, CaseIterable {
    case registry, enterprise, platform, techContract, broker
    case name, district, industry, techDomain, registeredOn, status, resident, taxAssessment, finance
    case ip, certification, award, rdInstitution, standard, incident, expertScore, consortium
    case employees, techStaff, revenue, totalIncome, totalCost, totalAssets, netAssets
    case rdExpense, rdExpenseDomestic, highTechRevenue, conversions
    case other

    static let names: [(String, RegistryTag)] = [
        ("Registry", .registry), ("Enterprise", .enterprise), ("Platform", .platform),
        ("TechContract", .techContract), ("Broker", .broker), ("Name", .name), ("District", .district),
        ("Industry", .industry), ("TechDomain", .techDomain), ("RegisteredOn", .registeredOn),
        ("Status", .status), ("Resident", .resident), ("TaxAssessment", .taxAssessment),
        ("Finance", .finance), ("IP", .ip), ("Certification", .certification), ("Award", .award),
        ("RDInstitution", .rdInstitution), ("Standard", .standard), ("Incident", .incident),
        ("ExpertScore", .expertScore), ("Consortium", .consortium), ("Employees", .employees),
        ("TechStaff", .techStaff), ("Revenue", .revenue), ("TotalIncome", .totalIncome),
        ("TotalCost", .totalCost), ("TotalAssets", .totalAssets), ("NetAssets", .netAssets),
        ("RDExpense", .rdExpense), ("RDExpenseDomestic", .rdExpenseDomestic),
        ("HighTechRevenue", .highTechRevenue), ("Conversions", .conversions),
    ]

    static func table() -> XMLNameTable {
        // Checked in every build (once per parse): `from(token:)` relies on it.
        precondition(names.enumerated().allSatisfy { $0.offset == Int($0.element.1.rawValue) } && names.count == Int(RegistryTag.other.rawValue),
               "names out of case order")
        return XMLNameTable(names.map(\.0))
    }

    /// The tag for a token of `table()`.
    @inline(__always) static func from(token: Int) -> RegistryTag {
        // A token is an index in `names`, whose order is the cases' (checked in `table()`); the
        // generated init(rawValue:) is an out-of-line switch on every element.
        token >= 0 && token < RegistryTag.other.rawValue ? unsafeBitCast(UInt8(truncatingIfNeeded: token), to: RegistryTag.self) : .other
    }

    /// Elements directly inside `Enterprise` whose text is the value.
    var isEnterpriseText: Bool {
        switch self {
        case .name, .techDomain, .registeredOn, .status, .resident, .taxAssessment: true
        default: false
        }
    }

    /// Elements inside `Finance`.
    var isFinanceField: Bool {
        switch self {
        case .employees, .techStaff, .revenue, .totalIncome, .totalCost, .totalAssets, .netAssets,
            .rdExpense, .rdExpenseDomestic, .highTechRevenue, .conversions:
            true
        default: false
        }
    }
}
