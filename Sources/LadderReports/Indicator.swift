import LadderCore

/// One of the five 2028 indicators of Qingdao's plan ("五个翻番").
public enum Indicator: String, CaseIterable, Sendable, Codable {
    /// 科技型企业: active firms holding a valid rung (counted once, at the highest).
    case techEnterprises = "tech-enterprises"
    /// 研发经费, registry-based: the sum of firms' `RDExpense` for one finance year.
    case rdExpense = "rd-expense"
    /// 省级以上科创平台: provincial-or-higher innovation platforms.
    case platforms
    /// 技术合同成交额: technology-contract turnover for one calendar year.
    case contractTurnover = "contract-turnover"
    /// 技术经纪人: certified technology brokers.
    case brokers

    /// Whether the indicator is an amount of money (else a count).
    public var isMoney: Bool { self == .rdExpense || self == .contractTurnover }

    /// Whether the indicator is a yearly flow (measured for a year) rather than a stock on a date.
    public var isAnnualFlow: Bool { isMoney }

    /// The short Chinese name used when a targets file gives none.
    public var defaultName: String {
        switch self {
        case .techEnterprises: "科技型企业"
        case .rdExpense: "研发经费（登记口径）"
        case .platforms: "省级以上科创平台"
        case .contractTurnover: "技术合同成交额"
        case .brokers: "技术经纪人"
        }
    }
}

/// An exact indicator value: a count, or an amount of money in fen.
public struct Quantity: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Firms, platforms or brokers for a count; fen for money.
    public var units: Int64
    /// Whether `units` are fen.
    public var isMoney: Bool

    /// A count.
    public static func count(_ value: Int) -> Quantity { Quantity(units: Int64(value), isMoney: false) }

    /// An amount of money.
    public static func money(_ value: Money) -> Quantity { Quantity(units: value.fen, isMoney: true) }

    /// Creates a quantity from its raw units.
    public init(units: Int64, isMoney: Bool) {
        self.units = units
        self.isMoney = isMoney
    }

    /// The value as a double in its display unit (count, or 亿元), for ratios and charts only.
    public var magnitude: Double { isMoney ? Double(units) / 1e10 : Double(units) }

    /// The value in yuan as exact decimal text for money, or the count.
    public var exactText: String { isMoney ? Money(fen: units).decimalText : String(units) }

    /// Human text: `22,000` or `800亿元` / `632.5万元`.
    public var description: String {
        if isMoney { return Money(fen: units).description }
        return Format.grouped(units)
    }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.units < b.units }
}

/// Number formatting shared by the renderers (no Foundation, no locale).
public enum Format {
    /// An integer with thousands separators: `22000` → `22,000`.
    public static func grouped(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A ratio as a percentage with one decimal: `0.4567` → `45.7%`.
    public static func percent(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "—" }
        return fixed(ratio * 100, decimals: 1) + "%"
    }

    /// A number with a fixed number of decimals, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let fractionText = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fractionText.count) + fractionText
    }
}
