import LadderCore

/// One indicator's value as read from a registry: the value, and the date or year it stands for.
public struct IndicatorReading: Hashable, Sendable {
    /// Which indicator.
    public var indicator: Indicator
    /// The value.
    public var value: Quantity
    /// The date the value stands for: the as-of date for stocks, 31 December of the year for flows.
    public var date: Day
    /// The year of a yearly flow (R&D finance year, contract year); nil for stocks.
    public var year: Int?
    /// A short Chinese description of the period, e.g. `2024年` or `截至2025-12-31`.
    public var period: String

    /// Creates a reading.
    public init(indicator: Indicator, value: Quantity, date: Day, year: Int? = nil, period: String? = nil) {
        self.indicator = indicator
        self.value = value
        self.date = date
        self.year = year
        self.period = period ?? (year.map { "\($0)年" } ?? "截至\(date)")
    }
}

/// The five indicators read from one registry snapshot.
public struct IndicatorSnapshot: Hashable, Sendable {
    /// The snapshot's as-of date.
    public var asOf: Day
    /// Readings by indicator (an indicator with no data is absent).
    public var readings: [Indicator: IndicatorReading]

    /// Creates a snapshot of readings.
    public init(asOf: Day, readings: [Indicator: IndicatorReading]) {
        self.asOf = asOf
        self.readings = readings
    }

    /// A snapshot from plain values, read as stocks on the date (tests and tools).
    public init(asOf: Day, values: [Indicator: Quantity]) {
        self.asOf = asOf
        var readings: [Indicator: IndicatorReading] = [:]
        for (indicator, value) in values {
            readings[indicator] = IndicatorReading(indicator: indicator, value: value, date: asOf)
        }
        self.readings = readings
    }
}

extension Tally {
    /// The latest calendar year complete on the as-of date: its own year on 31 December, else the one before.
    public var completeYear: Int { asOf.month == 12 && asOf.day == 31 ? asOf.year : asOf.year - 1 }

    /// The finance year used for R&D: the latest year with R&D on record, no later than `completeYear`.
    public var rdYear: Int? { rd.keys.filter { $0 <= completeYear }.max() }

    /// The five indicators as read from this tally.
    public var snapshot: IndicatorSnapshot {
        var readings: [Indicator: IndicatorReading] = [:]
        readings[.techEnterprises] = IndicatorReading(
            indicator: .techEnterprises, value: .count(total.certified.total), date: asOf)
        if let year = rdYear, let sum = rd[year], let end = Day(year: year, month: 12, day: 31) {
            readings[.rdExpense] = IndicatorReading(
                indicator: .rdExpense, value: .money(sum.sum), date: end, year: year,
                period: "\(year)年（\(Format.grouped(sum.firms))家企业填报）")
        }
        // Platforms, contracts and brokers are read only when the export carries such records at all:
        // an export without them says nothing about the indicator (unknown, not zero).
        if platforms.counted + platforms.later + platforms.belowLevel > 0 {
            readings[.platforms] = IndicatorReading(indicator: .platforms, value: .count(platforms.counted), date: asOf)
        }
        let year = completeYear
        let hasContracts = !contracts.isEmpty || contractsUndated.contracts > 0 || contractsLater > 0
        if hasContracts, let end = Day(year: year, month: 12, day: 31) {
            let turnover = contracts[year]?.turnover ?? .zero
            readings[.contractTurnover] = IndicatorReading(
                indicator: .contractTurnover, value: .money(turnover), date: end, year: year)
        }
        if brokers.counted + brokers.later > 0 {
            readings[.brokers] = IndicatorReading(indicator: .brokers, value: .count(brokers.counted), date: asOf)
        }
        return IndicatorSnapshot(asOf: asOf, readings: readings)
    }
}
