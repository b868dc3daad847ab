import LadderCore

/// The yearly figures an expression can read are the vocabulary's `FinanceField`s (LadderCore), named
/// as their format-1 elements; what the rules add is each figure's value and domain.
extension FinanceField {
    /// The recorded value in a finance year, in yuan for money.
    @inline(__always) func value(in year: FinanceYear) -> Double? {
        guard let raw = year[self] else { return nil }
        return isMoney ? Money(fen: raw).yuan : Double(raw)
    }

    /// The values the field can still take when it is not recorded, narrowed by the figures of the
    /// same year that are recorded (tech staff ≤ staff, domestic R&D ≤ R&D, sales ≤ total income, …).
    /// `known` gives the other figures of the same year (nil: not recorded); with no year on record
    /// every figure is unknown and the plain domain follows.
    func domain(known: (FinanceField) -> Double?) -> Interval {
        switch self {
        case .employees: return Interval(known(.techStaff) ?? 0, .infinity)
        case .techStaff: return Interval(0, known(.employees) ?? .infinity)
        case .revenue: return Interval(0, known(.totalIncome) ?? .infinity)
        case .totalIncome:
            return Interval(max(known(.revenue) ?? 0, known(.highTechRevenue) ?? 0), .infinity)
        case .totalAssets: return Interval(max(known(.netAssets) ?? 0, 0), .infinity)
        case .netAssets: return Interval(-.infinity, known(.totalAssets) ?? .infinity)
        case .rdExpense: return Interval(known(.rdExpenseDomestic) ?? 0, .infinity)
        case .rdExpenseDomestic: return Interval(0, known(.rdExpense) ?? .infinity)
        case .highTechRevenue: return Interval(0, known(.totalIncome) ?? .infinity)
        case .totalCost, .conversions: return .nonNegative
        }
    }
}

/// The set of registry facts an evaluation needed and did not find: what to collect.
///
/// Stored as a bit mask so that the hot path does not allocate; `names(dataYear:)` renders it.
public struct MissingFields: Hashable, Sendable {
    /// The raw bits: finance field × year offset (0 = data year … 3 = three years before), then
    /// firm-level facts.
    public var bits: UInt64

    /// Creates a set from raw bits.
    public init(bits: UInt64 = 0) { self.bits = bits }

    /// True when nothing is missing.
    public var isEmpty: Bool { bits == 0 }

    static let yearSlots = 4
    static let registeredOn = 48
    static let resident = 49
    static let taxAssessment = 50
    static let industry = 51
    static let techDomain = 52
    static let awardRank = 53
    static let expertBase = 54  // 8 expert items: 54…61

    static func bit(_ field: FinanceField, yearsBack: Int) -> UInt64 {
        1 << UInt64(field.rawValue * yearSlots + min(max(yearsBack, 0), yearSlots - 1))
    }

    /// The missing facts as names such as `Finance[2024].RDExpense`, `Resident`, `ExpertScore[talent]`.
    public func names(dataYear: Int) -> [String] {
        var result: [String] = []
        forEachName(dataYear: dataYear) { result.append($0.text) }
        return result
    }

    /// One missing fact's name, in parts (the audit JSON writes them without building the text).
    enum Name {
        /// `Finance[2024].RDExpense`, or `Finance[≤2021].RDExpense` for the oldest year slot.
        case finance(year: Int, orEarlier: Bool, field: FinanceField)
        case firm(String)
        /// `ExpertScore[talent]`.
        case expert(ExpertItem)

        var text: String {
            switch self {
            case .finance(let year, let orEarlier, let field): "Finance[\(orEarlier ? "≤" : "")\(year)].\(field.name)"
            case .firm(let name): name
            case .expert(let item): "ExpertScore[\(item.rawValue)]"
            }
        }
    }

    /// Calls `body` with each missing fact's name, in the order `names(dataYear:)` lists them.
    func forEachName(dataYear: Int, _ body: (Name) -> Void) {
        for field in FinanceField.all {
            for back in 0..<MissingFields.yearSlots
            where bits & MissingFields.bit(field, yearsBack: back) != 0 {
                body(.finance(year: dataYear - back, orEarlier: back == MissingFields.yearSlots - 1, field: field))
            }
        }
        for (bit, name) in MissingFields.firmNames where bits & (1 << UInt64(bit)) != 0 { body(.firm(name)) }
        for (offset, item) in ExpertItem.allCases.enumerated()
        where bits & (1 << UInt64(MissingFields.expertBase + offset)) != 0 {
            body(.expert(item))
        }
    }

    private static let firmNames: [(Int, String)] = [
        (registeredOn, "RegisteredOn"), (resident, "Resident"), (taxAssessment, "TaxAssessment"),
        (industry, "Industry"), (techDomain, "TechDomain"), (awardRank, "Award.rank"),
    ]
}
