import Foundation
import LadderCore

/// Progress of the five indicators toward the plan's targets: share, gap, the annual growth still
/// needed, and (given several snapshots) the observed trend and the year it would reach the target.
public struct Progress: Sendable {
    /// The date of the latest snapshot.
    public var asOf: Day
    /// The targets compared against.
    public var targets: Targets
    /// One entry per target, in the targets file's order.
    public var indicators: [IndicatorProgress]
    /// The district the figures are restricted to (`--district`), named in the title; its targets are
    /// still the city's.
    public var scopeName: String?

    /// Compares the latest snapshot with the targets.
    /// - Parameters:
    ///   - latest: the indicators now.
    ///   - history: earlier snapshots (any order; the latest may be included), for the trend.
    ///   - targets: the plan's targets.
    public init(latest: IndicatorSnapshot, history: [IndicatorSnapshot] = [], targets: Targets) {
        asOf = latest.asOf
        self.targets = targets
        indicators = targets.targets.map { target in
            let points = Progress.points(for: target.indicator, latest: latest, history: history)
            return IndicatorProgress(target: target, reading: latest.readings[target.indicator],
                                     deadline: targets.deadline, points: points)
        }
    }

    /// The progress of one indicator.
    public func progress(of indicator: Indicator) -> IndicatorProgress? {
        indicators.first { $0.target.indicator == indicator }
    }

    /// Readings of one indicator across snapshots, one per date (the newest snapshot wins), by date.
    static func points(for indicator: Indicator, latest: IndicatorSnapshot, history: [IndicatorSnapshot])
        -> [IndicatorReading]
    {
        var byDate: [Day: (asOf: Day, reading: IndicatorReading)] = [:]
        for snapshot in history + [latest] {
            guard let reading = snapshot.readings[indicator] else { continue }
            if let existing = byDate[reading.date], existing.asOf > snapshot.asOf { continue }
            byDate[reading.date] = (snapshot.asOf, reading)
        }
        return byDate.values.map(\.reading).sorted { $0.date < $1.date }
    }
}

/// One indicator against its target.
public struct IndicatorProgress: Sendable {
    /// The target, baseline and references.
    public var target: IndicatorTarget
    /// The value now; nil when the registry holds no data for the indicator.
    public var reading: IndicatorReading?
    /// The value as a share of the target.
    public var share: Double?
    /// Target minus value (negative: above the target).
    public var gap: Quantity?
    /// Whether the value already meets the target.
    public var isMet: Bool
    /// The value as a multiple of the baseline, when the baseline is known.
    public var ofBaseline: Double?
    /// Years from the reading's date to the end of the plan year.
    public var yearsLeft: Double?
    /// The compound annual growth needed to reach the target by the end of the plan year; nil when met,
    /// when there is no value to grow from, or when the deadline has passed.
    public var requiredGrowth: Double?
    /// The observed trend, when there are two or more readings at different dates.
    public var trend: Trend?

    /// Computes the comparison.
    /// - Parameters:
    ///   - target: the target.
    ///   - reading: the latest reading, if any.
    ///   - deadline: the last day of the plan year.
    ///   - points: readings across snapshots, by date, for the trend.
    public init(target: IndicatorTarget, reading: IndicatorReading?, deadline: Day, points: [IndicatorReading] = []) {
        self.target = target
        self.reading = reading
        isMet = false
        guard let reading else { return }
        let value = reading.value
        let goal = target.value
        isMet = target.isMet(by: value)
        share = goal.units > 0 ? Double(value.units) / Double(goal.units) : nil
        gap = Quantity(units: goal.units - value.units, isMoney: goal.isMoney)
        if let base = target.baseline.value, base.units > 0 { ofBaseline = Double(value.units) / Double(base.units) }
        let years = Double(deadline.ordinal - reading.date.ordinal) / 365.2425
        yearsLeft = years
        if !isMet, years > 0, value.units > 0 {
            requiredGrowth = Growth.compound(from: Double(value.units), to: Double(goal.units), years: years)
        }
        trend = Trend(points: points, target: goal, deadline: deadline)
    }
}

/// Growth observed across snapshots, fitted as exponential growth, and where it leads.
public struct Trend: Sendable {
    /// The readings the trend was fitted to, by date.
    public var points: [IndicatorReading]
    /// Observed compound annual growth (least squares on the logarithm of the value).
    public var annualGrowth: Double
    /// The date the fitted growth would first exceed the target; nil when it never would (no growth) or
    /// not before the year 2200.
    public var projectedDate: Day?
    /// The year of `projectedDate`.
    public var projectedYear: Int? { projectedDate?.year }
    /// Whether the projection reaches the target by the deadline.
    public var onTrack: Bool

    /// Fits a trend; nil unless there are two or more positive readings at least 28 days apart.
    public init?(points: [IndicatorReading], target: Quantity, deadline: Day) {
        let usable = points.filter { $0.value.units > 0 }
        guard usable.count >= 2, let first = usable.first, let last = usable.last,
            last.date.ordinal - first.date.ordinal >= 28
        else { return nil }
        self.points = usable
        let samples = usable.map { (Double($0.date.ordinal - first.date.ordinal) / 365.2425, log(Double($0.value.units))) }
        let slope = Growth.leastSquaresSlope(samples)
        annualGrowth = exp(slope) - 1
        if last.value > target || (last.value == target && target.units == 0) {
            projectedDate = usable.first { $0.value > target }?.date
        } else if slope > 0 {
            let years = log(Double(target.units) / Double(last.value.units)) / slope
            let days = years * 365.2425
            // Exceeding a "more than" target needs a little more than reaching it: the next day.
            projectedDate = days < 200 * 365.2425 ? last.date.adding(days: Int(days.rounded(.up)) + 1) : nil
        } else {
            projectedDate = nil
        }
        onTrack = projectedDate.map { $0 <= deadline } ?? false
    }
}

/// Growth arithmetic.
public enum Growth {
    /// The compound annual growth rate that takes `start` to `end` in `years`: (end/start)^(1/years) − 1.
    public static func compound(from start: Double, to end: Double, years: Double) -> Double? {
        guard start > 0, end > 0, years > 0 else { return nil }
        return pow(end / start, 1 / years) - 1
    }

    /// The least-squares slope of y over x.
    public static func leastSquaresSlope(_ samples: [(x: Double, y: Double)]) -> Double {
        let n = Double(samples.count)
        guard n >= 2 else { return 0 }
        let meanX = samples.reduce(0) { $0 + $1.x } / n
        let meanY = samples.reduce(0) { $0 + $1.y } / n
        var numerator = 0.0
        var denominator = 0.0
        for sample in samples {
            numerator += (sample.x - meanX) * (sample.y - meanY)
            denominator += (sample.x - meanX) * (sample.x - meanX)
        }
        return denominator > 0 ? numerator / denominator : 0
    }
}
