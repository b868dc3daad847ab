/// The registry fields a mapping profile can fill, named as in registry format 1 (the `to` of a
/// profile's `<Field>`), and the repeated facts it can build.
enum ProfileTarget: Hashable, Sendable {
    // Header (attributes of the root element, or constants).
    case exportedAt, source, region
    // Enterprise.
    case id, name, district, zone, industry, techDomain, registeredOn, status, resident, taxAssessment
    // Finance year.
    case year, unit, employees, techStaff, revenue, totalIncome, totalCost, totalAssets, netAssets
    case rdExpense, rdExpenseDomestic, highTechRevenue, conversions
    /// An attribute of a repeated fact, by its index in `FactKind.attributes`.
    case fact(FactKind, Int)

    /// Whether the field is a money amount of a finance year (scaled by the year's unit).
    var isMoney: Bool {
        switch self {
        case .revenue, .totalIncome, .totalCost, .totalAssets, .netAssets, .rdExpense, .rdExpenseDomestic,
            .highTechRevenue:
            true
        default: false
        }
    }

    /// Whether the field holds a date (and so takes the profile's date formats).
    var isDate: Bool {
        switch self {
        case .exportedAt, .registeredOn: true
        case .fact(let kind, let index): kind.dateAttributes.contains(index)
        default: false
        }
    }
}

/// Where a profile field sits: which format-1 element its `to` is relative to.
enum ProfileScope: Hashable, Sendable {
    case header, record, finance
    case fact(FactKind)

    /// The `to` names allowed in the scope, with their targets.
    var targets: [(String, ProfileTarget)] {
        switch self {
        case .header: [("exportedAt", .exportedAt), ("source", .source), ("region", .region)]
        case .record:
            [("@id", .id), ("Name", .name), ("District/@code", .district), ("District/@zone", .zone),
             ("Industry/@code", .industry), ("TechDomain", .techDomain), ("RegisteredOn", .registeredOn),
             ("Status", .status), ("Resident", .resident), ("TaxAssessment", .taxAssessment)]
        case .finance:
            [("@year", .year), ("@unit", .unit), ("Employees", .employees), ("TechStaff", .techStaff),
             ("Revenue", .revenue), ("TotalIncome", .totalIncome), ("TotalCost", .totalCost),
             ("TotalAssets", .totalAssets), ("NetAssets", .netAssets), ("RDExpense", .rdExpense),
             ("RDExpenseDomestic", .rdExpenseDomestic), ("HighTechRevenue", .highTechRevenue),
             ("Conversions", .conversions)]
        case .fact(let kind): kind.attributes.enumerated().map { ("@" + $1, .fact(kind, $0)) }
        }
    }

    /// The `to` names every profile must map in the scope (records without them are rejected in
    /// format 1, so a profile that cannot fill them is a profile error).
    var required: [String] {
        switch self {
        case .header: ["exportedAt"]
        case .record: ["@id", "Name", "District/@code", "RegisteredOn"]
        case .finance: ["@year"]
        case .fact(let kind): kind.required.map { "@" + $0 }
        }
    }

    /// The element the scope's names are relative to, for messages.
    var elementName: String {
        switch self {
        case .header: "Registry"
        case .record: "Enterprise"
        case .finance: "Finance"
        case .fact(let kind): kind.element
        }
    }
}

/// The repeated facts of an enterprise (format-1 elements whose values are all attributes).
enum FactKind: Int, CaseIterable, Hashable, Sendable {
    case ip, certification, award, rdInstitution, standard, incident, expertScore, consortium

    /// The format-1 element name.
    var element: String {
        switch self {
        case .ip: "IP"
        case .certification: "Certification"
        case .award: "Award"
        case .rdInstitution: "RDInstitution"
        case .standard: "Standard"
        case .incident: "Incident"
        case .expertScore: "ExpertScore"
        case .consortium: "Consortium"
        }
    }

    /// The format-1 attributes, in the order `ProfileTarget.fact` indexes them.
    var attributes: [String] {
        switch self {
        case .ip: ["class", "kind", "count", "acquired"]
        case .certification: ["kind", "number", "issued", "expires", "revoked"]
        case .award: ["level", "year", "rank"]
        case .rdInstitution: ["level", "since"]
        case .standard: ["level", "role", "year"]
        case .incident: ["kind", "date"]
        case .expertScore: ["item", "points"]
        case .consortium: ["role", "level"]
        }
    }

    /// The most attributes any kind has: what a fact's kept values are sized by (`FactValues`).
    static let maxAttributes = allCases.map(\.attributes.count).max() ?? 0

    /// The attributes format 1 requires.
    var required: [String] {
        switch self {
        case .ip: ["class", "count"]
        case .certification: ["kind", "issued"]
        case .award: ["level", "year"]
        case .rdInstitution: ["level"]
        case .standard: ["level", "role", "year"]
        case .incident: ["kind", "date"]
        case .expertScore: ["item", "points"]
        case .consortium: ["role", "level"]
        }
    }

    /// Indexes of the attributes that hold dates.
    var dateAttributes: [Int] {
        switch self {
        case .certification: [2, 3, 4]
        case .rdInstitution: [1]
        case .incident: [1]
        default: []
        }
    }

    /// The kind for a format-1 element name.
    init?(element: String) {
        guard let kind = FactKind.allCases.first(where: { $0.element == element }) else { return nil }
        self = kind
    }
}
