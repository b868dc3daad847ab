// The fields of registry format 1 (shared/spec/registry-xml.md), declared once: element and attribute
// names, value types, units, repetition, Chinese and English names, store columns. The importers' tag
// tables, the profile targets, both writers, the store's column lists and the rules' field names are
// derived from here. Adding a finance figure: a case of `FinanceField`, its arm in `spec`, its stored
// property in `FinanceYear` and its arms in `FinanceYear[field]`; the compiler asks for each.

/// How a field's value is written in format 1.
public enum FieldType: Sendable, Hashable {
    /// A non-negative integer.
    case count
    /// An amount of money, non-negative, scaled by its `Finance` element's unit.
    case money
    /// An amount of money that may be negative (net assets).
    case signedMoney
    case text, date, boolean, code
    /// One of a closed value set (`Vocabulary.swift`).
    case closedSet
}

/// What a number counts or measures.
public enum FieldUnit: String, Sendable, Hashable {
    case persons = "人", items = "项", yuan = "元", none = ""
}

/// How often a field or element may appear in its parent.
public enum Repetition: String, Sendable, Hashable {
    /// Exactly once (`1`).
    case one = "1"
    /// At most once (`0..1`): absent is unknown.
    case optional = "0..1"
    /// Any number (`0..n`): none is none on record.
    case many = "0..n"
}

/// Everything said about one field, for the places that name it.
public struct FieldSpec: Sendable, Hashable {
    /// The element (or attribute) name in format 1, also the name rule expressions use.
    public let element: String
    public let type: FieldType
    public let unit: FieldUnit
    public let repetition: Repetition
    public let chineseName: String
    /// The English name as reports write it (lower case, as in a sentence).
    public let englishName: String
    /// The column of the registry database.
    public let column: String

    @inlinable public init(element: String, type: FieldType, unit: FieldUnit, repetition: Repetition, chineseName: String,
                           englishName: String, column: String) {
        self.element = element
        self.type = type
        self.unit = unit
        self.repetition = repetition
        self.chineseName = chineseName
        self.englishName = englishName
        self.column = column
    }
}

/// A yearly figure of a firm: the children of `<Finance>`, each 0..1 per year, in format-1 order (the
/// order the writers write them and the store's columns list them).
public enum FinanceField: Int, CaseIterable, Sendable, BitwiseCopyable {
    case employees, techStaff, revenue, totalIncome, totalCost, totalAssets, netAssets
    case rdExpense, rdExpenseDomestic, highTechRevenue, conversions

    /// The vocabulary entry of the field.
    @inlinable public var spec: FieldSpec {
        switch self {
        case .employees: FieldSpec(element: "Employees", type: type, unit: .persons, repetition: .optional, chineseName: "职工总数", englishName: "employees", column: "employees")
        case .techStaff: FieldSpec(element: "TechStaff", type: type, unit: .persons, repetition: .optional, chineseName: "科技人员", englishName: "tech staff", column: "tech_staff")
        case .revenue: FieldSpec(element: "Revenue", type: type, unit: .yuan, repetition: .optional, chineseName: "销售收入", englishName: "revenue", column: "revenue")
        case .totalIncome: FieldSpec(element: "TotalIncome", type: type, unit: .yuan, repetition: .optional, chineseName: "总收入", englishName: "total income", column: "total_income")
        case .totalCost: FieldSpec(element: "TotalCost", type: type, unit: .yuan, repetition: .optional, chineseName: "成本费用支出总额", englishName: "total cost", column: "total_cost")
        case .totalAssets: FieldSpec(element: "TotalAssets", type: type, unit: .yuan, repetition: .optional, chineseName: "资产总额", englishName: "total assets", column: "total_assets")
        case .netAssets: FieldSpec(element: "NetAssets", type: type, unit: .yuan, repetition: .optional, chineseName: "净资产", englishName: "net assets", column: "net_assets")
        case .rdExpense: FieldSpec(element: "RDExpense", type: type, unit: .yuan, repetition: .optional, chineseName: "研发费用", englishName: "R&D expense", column: "rd_expense")
        case .rdExpenseDomestic: FieldSpec(element: "RDExpenseDomestic", type: type, unit: .yuan, repetition: .optional, chineseName: "境内研发费用", englishName: "R&D expense (domestic)", column: "rd_expense_domestic")
        case .highTechRevenue: FieldSpec(element: "HighTechRevenue", type: type, unit: .yuan, repetition: .optional, chineseName: "高新技术产品(服务)收入", englishName: "high-tech revenue", column: "high_tech_revenue")
        case .conversions: FieldSpec(element: "Conversions", type: type, unit: .items, repetition: .optional, chineseName: "科技成果转化数", englishName: "conversions", column: "conversions")
        }
    }

    /// The fields in order, without building `allCases` on each use.
    public static let all: [FinanceField] = allCases

    /// The element name in format 1, which is also the name used in rule expressions.
    @inlinable public var name: String { spec.element }

    /// The value type (what the importers parse and the writers print). A switch rather than
    /// `spec.type`: it is read per value while importing and assessing, and `spec` builds four strings.
    @inlinable public var type: FieldType {
        switch self {
        case .employees, .techStaff, .conversions: .count
        case .netAssets: .signedMoney
        case .revenue, .totalIncome, .totalCost, .totalAssets, .rdExpense, .rdExpenseDomestic, .highTechRevenue: .money
        }
    }

    /// True for amounts of money (shown in 元/万元/亿元), false for counts.
    @inlinable public var isMoney: Bool { type != .count }

    /// The field with a given element name.
    public init?(name: String) {
        guard let field = FinanceField.all.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// The store columns of the fields, in order: `employees, tech_staff, …`.
    public static let columnList = all.map(\.spec.column).joined(separator: ", ")
}

extension FinanceYear {
    /// A figure of the year as a number: a count, or money in fen; nil when not recorded.
    @inlinable public subscript(field: FinanceField) -> Int64? {
        get {
            switch field {
            case .employees: employees.map(Int64.init)
            case .techStaff: techStaff.map(Int64.init)
            case .revenue: revenue?.fen
            case .totalIncome: totalIncome?.fen
            case .totalCost: totalCost?.fen
            case .totalAssets: totalAssets?.fen
            case .netAssets: netAssets?.fen
            case .rdExpense: rdExpense?.fen
            case .rdExpenseDomestic: rdExpenseDomestic?.fen
            case .highTechRevenue: highTechRevenue?.fen
            case .conversions: conversions.map(Int64.init)
            }
        }
        set {
            switch field {
            case .employees: employees = newValue.map { Int($0) }
            case .techStaff: techStaff = newValue.map { Int($0) }
            case .revenue: revenue = newValue.map(Money.init(fen:))
            case .totalIncome: totalIncome = newValue.map(Money.init(fen:))
            case .totalCost: totalCost = newValue.map(Money.init(fen:))
            case .totalAssets: totalAssets = newValue.map(Money.init(fen:))
            case .netAssets: netAssets = newValue.map(Money.init(fen:))
            case .rdExpense: rdExpense = newValue.map(Money.init(fen:))
            case .rdExpenseDomestic: rdExpenseDomestic = newValue.map(Money.init(fen:))
            case .highTechRevenue: highTechRevenue = newValue.map(Money.init(fen:))
            case .conversions: conversions = newValue.map { Int($0) }
            }
        }
    }

    /// A money figure, nil for a count field or an unrecorded value.
    @inlinable public subscript(money field: FinanceField) -> Money? {
        field.isMoney ? self[field].map(Money.init(fen:)) : nil
    }

    /// The figure as format 1 writes it: the count, or yuan with two decimals; nil when not recorded.
    public func text(_ field: FinanceField) -> String? {
        guard let value = self[field] else { return nil }
        return field.isMoney ? Money(fen: value).decimalText : String(value)
    }
}
