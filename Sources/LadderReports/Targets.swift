import LadderCore

/// The city's targets for the plan year, with baselines and published reference figures, as read from
/// `Rules/targets/targets.xml` (see `Targets.load(file:)`).
public struct Targets: Sendable {
    /// The plan's title, e.g. 《青岛市深入推进科技创新 加快建设科技强市行动计划(2024—2028年)》.
    public var plan: String
    /// Where the figures were published.
    public var source: String?
    /// GB/T 2260 code of the city.
    public var region: String
    /// The year by the end of which the targets should be exceeded.
    public var year: Int
    /// The baseline year of the plan.
    public var baselineYear: Int
    /// One target per indicator, in file order.
    public var targets: [IndicatorTarget]
    /// Targets set for single districts (may be empty).
    public var districtTargets: [DistrictTarget]

    /// Creates a target set.
    public init(plan: String, source: String? = nil, region: String = District.qingdaoCode, year: Int,
                baselineYear: Int, targets: [IndicatorTarget], districtTargets: [DistrictTarget] = []) {
        self.plan = plan
        self.source = source
        self.region = region
        self.year = year
        self.baselineYear = baselineYear
        self.targets = targets
        self.districtTargets = districtTargets
    }

    /// The target for an indicator, if the file sets one.
    public func target(for indicator: Indicator) -> IndicatorTarget? {
        targets.first { $0.indicator == indicator }
    }

    /// A district's own target for an indicator, if one is set.
    public func districtTarget(_ indicator: Indicator, district: String) -> Quantity? {
        districtTargets.first { $0.indicator == indicator && $0.district == district }?.value
    }

    /// The last day of the plan year.
    public var deadline: Day { Day(year: year, month: 12, day: 31) ?? Day(ordinal: 0) }
}

/// The target for one indicator.
public struct IndicatorTarget: Sendable {
    /// Which indicator.
    public var indicator: Indicator
    /// The Chinese label (for R&D it says the figure is registry-based).
    public var name: String
    /// The English label.
    public var nameEn: String?
    /// The target value.
    public var value: Quantity
    /// True when the plan says "more than": met only when the value exceeds the target.
    public var exceeds: Bool
    /// A caveat printed beside the indicator.
    public var note: String?
    /// The baseline, known or not.
    public var baseline: Baseline
    /// Published figures that are not the baseline (another date, or part of the indicator).
    public var references: [Reference]

    /// Creates a target.
    public init(indicator: Indicator, name: String, nameEn: String? = nil, value: Quantity, exceeds: Bool = true,
                note: String? = nil, baseline: Baseline, references: [Reference] = []) {
        self.indicator = indicator
        self.name = name
        self.nameEn = nameEn
        self.value = value
        self.exceeds = exceeds
        self.note = note
        self.baseline = baseline
        self.references = references
    }

    /// Whether a value meets the target (exceeds it, or reaches it when `exceeds` is false).
    public func isMet(by value: Quantity) -> Bool { exceeds ? value > self.value : value >= self.value }
}

/// A baseline figure: known, derived from a published figure, or unknown (no value).
public struct Baseline: Sendable {
    /// How much is known about the baseline.
    public enum Status: String, Sendable, CaseIterable {
        /// Published.
        case known
        /// Computed from a published figure (e.g. from a growth rate).
        case derived
        /// Not found; no value.
        case unknown
    }

    /// The baseline year.
    public var year: Int
    /// Known, derived or unknown.
    public var status: Status
    /// The value; nil when unknown.
    public var value: Quantity?
    /// Where it comes from, or why it is unknown.
    public var note: String?

    /// Creates a baseline.
    public init(year: Int, status: Status, value: Quantity? = nil, note: String? = nil) {
        self.year = year
        self.status = status
        self.value = status == .unknown ? nil : value
        self.note = note
    }
}

/// A published figure that is not the baseline.
public struct Reference: Sendable {
    /// The date the figure refers to.
    public var date: Day
    /// The figure.
    public var value: Quantity
    /// True when published as "more than" the value.
    public var moreThan: Bool
    /// The rung when the figure covers only part of the indicator (e.g. high-tech firms only).
    public var part: Tier?
    /// Source and caveats.
    public var note: String?

    /// Creates a reference figure.
    public init(date: Day, value: Quantity, moreThan: Bool = false, part: Tier? = nil, note: String? = nil) {
        self.date = date
        self.value = value
        self.moreThan = moreThan
        self.part = part
        self.note = note
    }
}

/// A target set for one district.
public struct DistrictTarget: Sendable {
    /// Which indicator.
    public var indicator: Indicator
    /// The district's GB/T 2260 code (or a zone code).
    public var district: String
    /// The target value.
    public var value: Quantity

    /// Creates a district target.
    public init(indicator: Indicator, district: String, value: Quantity) {
        self.indicator = indicator
        self.district = district
        self.value = value
    }
}
