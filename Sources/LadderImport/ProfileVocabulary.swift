import LadderCore

/// The registry fields a mapping profile can fill, named as in registry format 1 (the `to` of a
/// profile's `<Field>`), and the repeated facts it can build. The names and what is required come from
/// the vocabulary (LadderCore: `RecordField`, `FinanceField`, `FactKind`).
enum ProfileTarget: Hashable, Sendable {
    // Header (attributes of the root element, or constants).
    case exportedAt, source, region
    // Enterprise.
    case id, name, district, zone, industry, techDomain, registeredOn, status, resident, taxAssessment
    // Finance year: its attributes, then its figures.
    case year, unit
    case finance(FinanceField)
    /// An attribute of a repeated fact, by its index in `FactKind.attributes`.
    case fact(FactKind, Int)

    /// The target of a record field.
    init(_ field: RecordField) {
        switch field {
        case .id: self = .id
        case .name: self = .name
        case .district: self = .district
        case .zone: self = .zone
        case .industry: self = .industry
        case .techDomain: self = .techDomain
        case .registeredOn: self = .registeredOn
        case .status: self = .status
        case .resident: self = .resident
        case .taxAssessment: self = .taxAssessment
        }
    }

    /// Whether the field is a money amount of a finance year (scaled by the year's unit).
    var isMoney: Bool {
        if case .finance(let field) = self { return field.isMoney }
        return false
    }

    /// Whether the field is a figure of a finance year (an amount or a count).
    var isFinanceFigure: Bool {
        if case .finance = self { return true }
        return false
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
        case .record: RecordField.all.map { ($0.spec.element, ProfileTarget($0)) }
        case .finance: [("@year", .year), ("@unit", .unit)] + FinanceField.all.map { ($0.name, .finance($0)) }
        case .fact(let kind): kind.attributes.enumerated().map { ("@" + $1, .fact(kind, $0)) }
        }
    }

    /// The `to` names every profile must map in the scope (records without them are rejected in
    /// format 1, so a profile that cannot fill them is a profile error).
    var required: [String] {
        switch self {
        case .header: ["exportedAt"]
        case .record: RecordField.all.filter(\.isRequired).map(\.spec.element)
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
