import LadderCore
import LadderRules

/// One kind of change a person can make to a firm, applied to a copy of its record.
///
/// Changes model what really happens, not only the lever field:
/// - hiring tech staff adds to both `TechStaff` and `Employees` (so the 500-staff limit still bites);
/// - more R&D adds to `RDExpense`, to `RDExpenseDomestic` (spent at home) and to `TotalCost` (it is a
///   cost), each when recorded;
/// - more high-tech revenue is new sales: it adds to `HighTechRevenue`, `Revenue` and `TotalIncome`;
/// - more sales add to `Revenue` and `TotalIncome`.
/// Finance changes go to the rung's data year; a firm without that year has nothing to change.
public enum NearMissMove: String, CaseIterable, Sendable {
    case techStaff = "TechStaff"
    case rdExpense = "RDExpense"
    case highTechRevenue = "HighTechRevenue"
    case revenue = "Revenue"
    case conversions = "Conversions"
    case classOneIP = "IP[I]"
    case classTwoIP = "IP[II]"
    case highTechCertificate = "Certification[high-tech]"
    case actualProfitTax = "TaxAssessment"
    case waitDays = "RegisteredOn"

    /// The move's place in `allCases` (a table index).
    var index: Int {
        switch self {
        case .techStaff: 0
        case .rdExpense: 1
        case .highTechRevenue: 2
        case .revenue: 3
        case .conversions: 4
        case .classOneIP: 5
        case .classTwoIP: 6
        case .highTechCertificate: 7
        case .actualProfitTax: 8
        case .waitDays: 9
        }
    }

    /// True for amounts of money (searched in yuan), false for counts.
    public var isMoney: Bool {
        switch self {
        case .rdExpense, .highTechRevenue, .revenue: true
        default: false
        }
    }

    /// True for changes to a finance year.
    var changesFinance: Bool {
        switch self {
        case .techStaff, .rdExpense, .highTechRevenue, .revenue, .conversions: true
        default: false
        }
    }

    /// The registry names this move changes, as they appear in rule expressions.
    var touchedNames: [String] {
        switch self {
        case .techStaff: ["TechStaff", "Employees"]
        case .rdExpense: ["RDExpense", "TotalCost"]
        case .highTechRevenue: ["HighTechRevenue", "Revenue", "TotalIncome"]
        case .revenue: ["Revenue", "TotalIncome"]
        case .conversions: ["Conversions"]
        case .classOneIP, .classTwoIP: ["ip("]
        case .highTechCertificate: ["valid('high-tech')"]
        case .actualProfitTax: ["tax("]
        case .waitDays: ["AgeDays"]
        }
    }

    /// Whether the move adds its amount to a finance figure of the data year (`applied(_:to:dataYear:)`).
    func changes(_ field: FinanceField) -> Bool {
        switch (self, field) {
        case (.techStaff, .techStaff), (.techStaff, .employees),
            (.rdExpense, .rdExpense), (.rdExpense, .rdExpenseDomestic), (.rdExpense, .totalCost),
            (.highTechRevenue, .highTechRevenue), (.highTechRevenue, .revenue), (.highTechRevenue, .totalIncome),
            (.revenue, .revenue), (.revenue, .totalIncome), (.conversions, .conversions):
            true
        default: false
        }
    }

    /// Whether the move can change the outcome of a criterion's expression.
    func touches(_ expression: String, kind: CriterionKind) -> Bool {
        if self == .highTechCertificate && kind != .prerequisite { return false }
        return touchedNames.contains { expression.contains($0) }
    }

    /// True for yes/no changes (amount 1 only).
    var isSwitch: Bool { self == .highTechCertificate || self == .actualProfitTax }

    /// The moves a rung's criteria allow: the rulebook's increasing `<Lever>` fields, plus IP, a
    /// certificate, the tax method and waiting, when a criterion's expression reads them.
    static func moves(for version: RuleVersion) -> [NearMissMove] {
        var found: [NearMissMove] = []
        func add(_ move: NearMissMove) { if !found.contains(move) { found.append(move) } }
        for criterion in version.criteria {
            for lever in criterion.levers where lever.direction == "increase" {
                if let move = NearMissMove(rawValue: lever.field) { add(move) }
            }
            let text = criterion.expression
            if text.contains("ip(") || text.contains("ip('") {
                add(.classOneIP)
                add(.classTwoIP)
            }
            if criterion.kind == .prerequisite, text.contains("valid('high-tech')") { add(.highTechCertificate) }
            if text.contains("tax('actual-profit')") { add(.actualProfitTax) }
            if text.contains("AgeDays") { add(.waitDays) }
        }
        return found
    }

    /// The firm with `amount` more of this (yuan for money, items, days), or nil when the change
    /// cannot be made (no figures for the data year, nothing recorded to add to).
    func applied(_ amount: Int64, to firm: Enterprise, dataYear: Int) -> Enterprise? {
        edit(amount, on: firm, dataYear: dataYear)?.applied(to: firm)
    }

    /// What the move does to the firm: its data-year finance row changed (nil: the firm has no such row,
    /// or not the figure the move needs), IP or a certificate added, the tax method or the registration
    /// date set (nil: not recorded).
    func edit(_ amount: Int64, on firm: Enterprise, dataYear: Int) -> FirmEdit? {
        switch self {
        case .classOneIP:
            return .ip(IPHolding(ipClass: .one, kind: .inventionPatent, count: Int(amount), acquired: .own))
        case .classTwoIP:
            return .ip(IPHolding(ipClass: .two, kind: .utilityModel, count: Int(amount), acquired: .own))
        case .highTechCertificate:
            let day = Day(year: dataYear + 1, month: 1, day: 1) ?? Day(ordinal: 0)
            return .certification(Certification(kind: .highTech, number: nil, issued: day))
        case .actualProfitTax: return .taxAssessment(.actualProfit)
        case .waitDays:
            guard let registered = firm.registeredOn else { return nil }
            return .registeredOn(registered.adding(days: -Int(amount)))
        default: break
        }
        guard let original = firm.finance.first(where: { $0.year == dataYear }) else { return nil }
        var year = original
        let money = Money(yuan: amount)
        switch self {
        case .techStaff:
            guard let tech = year.techStaff else { return nil }
            year.techStaff = tech + Int(amount)
            year.employees = year.employees.map { $0 + Int(amount) }
        case .rdExpense:
            year.rdExpense = (year.rdExpense ?? .zero) + money
            year.rdExpenseDomestic = year.rdExpenseDomestic.map { $0 + money }
            year.totalCost = year.totalCost.map { $0 + money }
        case .highTechRevenue:
            guard let hightech = year.highTechRevenue else { return nil }
            year.highTechRevenue = hightech + money
            year.revenue = year.revenue.map { $0 + money }
            year.totalIncome = year.totalIncome.map { $0 + money }
        case .revenue:
            guard let revenue = year.revenue else { return nil }
            year.revenue = revenue + money
            year.totalIncome = year.totalIncome.map { $0 + money }
        case .conversions:
            year.conversions = (year.conversions ?? 0) + Int(amount)
        default: return nil
        }
        return .year(year)
    }

    /// What one unit of change is measured against, so that distances compare across moves: the
    /// field's current value, or when that is zero or unknown the figure it is divided by in the rules.
    func scale(in firm: Enterprise, dataYear: Int) -> Double {
        let year = firm.finance(in: dataYear)
        func positive(_ values: Double?...) -> Double {
            for value in values { if let value, value > 0 { return value } }
            return 1
        }
        switch self {
        case .techStaff: return positive(year?.techStaff.map(Double.init), year?.employees.map(Double.init))
        case .rdExpense: return positive(year?.rdExpense?.yuan, year?.revenue?.yuan)
        case .highTechRevenue: return positive(year?.highTechRevenue?.yuan, year?.totalIncome?.yuan)
        case .revenue: return positive(year?.revenue?.yuan)
        case .conversions: return positive(year?.conversions.map(Double.init))
        case .classOneIP: return positive(Double(firm.ip.filter { $0.ipClass == .one }.reduce(0) { $0 + $1.count }))
        case .classTwoIP: return positive(Double(firm.ip.filter { $0.ipClass == .two }.reduce(0) { $0 + $1.count }))
        case .highTechCertificate, .actualProfitTax: return 1
        case .waitDays: return 365
        }
    }

    /// The change in the words a person acts on: "+¥1.24M R&D in 2024", "+3 technology staff".
    func describe(_ amount: Int64, dataYear: Int, firm: Enterprise) -> String {
        switch self {
        case .techStaff: return "+\(amount) technology staff in \(dataYear) (hires)"
        case .rdExpense: return "+\(Self.yuan(amount)) R&D in \(dataYear)"
        case .highTechRevenue: return "+\(Self.yuan(amount)) high-tech product revenue in \(dataYear)"
        case .revenue: return "+\(Self.yuan(amount)) sales in \(dataYear)"
        case .conversions: return "+\(amount) technology conversion\(amount == 1 ? "" : "s") in \(dataYear)"
        case .classOneIP: return "\(amount) Class I IP (e.g. invention patent\(amount == 1 ? "" : "s"))"
        case .classTwoIP: return "+\(amount) Class II IP (utility models, software copyrights)"
        case .highTechCertificate: return "a valid high-tech certificate"
        case .actualProfitTax: return "switch to actual-profit tax assessment (查账征收)"
        case .waitDays:
            let on = firm.registeredOn.map { " (one year on \($0.adding(years: 1)))" } ?? ""
            return "wait \(amount) days\(on)"
        }
    }

    /// `¥1.24M`, `¥350K` or `¥800`: three significant figures.
    static func yuan(_ amount: Int64) -> String {
        let value = Double(amount)
        func trimmed(_ x: Double) -> String {
            let text = x >= 100 ? String(Int64(x.rounded())) : x >= 10 ? "\((x * 10).rounded() / 10)" : "\((x * 100).rounded() / 100)"
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        if value >= 1e9 { return "¥" + trimmed(value / 1e9) + "B" }
        if value >= 1e6 { return "¥" + trimmed(value / 1e6) + "M" }
        if value >= 1e3 { return "¥" + trimmed(value / 1e3) + "K" }
        return "¥\(amount)"
    }

    /// Rounds up to three significant figures, so that a displayed amount is never short.
    static func roundedUp(_ amount: Int64) -> Int64 {
        guard amount > 999 else { return amount }
        var unit: Int64 = 1
        while amount / unit >= 1000 { unit *= 10 }
        return (amount + unit - 1) / unit * unit
    }
}
