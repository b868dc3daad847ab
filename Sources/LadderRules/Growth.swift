import LadderCore

/// Growth rates under 国科发火〔2016〕195号 (企业成长性), with its edge rules.
///
/// Over the three accounting years ending at the data year (v₁, v₂, v₃):
/// rate = ½ × (v₂/v₁ + v₃/v₂) − 1. Edge rules from the guideline: v₁ = 0 → use the last two years;
/// v₂ = 0 → 0. Firms operating fewer than three years use their actual period: two years →
/// v₃/v₂ − 1 (setting `growth.two-year`, the project's reading [U]), one year → 0. A negative base is not
/// addressed by the text [U]: under the default setting `growth.nonpositive-base = zero-review` the rate
/// is 0 and the case is flagged for manual review; under `unknown` the rate is left unknown.
enum Growth {
    static func rate(_ field: FinanceField, state: inout EvalState, nonPositiveUnknown: Bool, twoYearZero: Bool) -> Interval {
        let years = state.window(3)
        let count = years.count
        if count <= 1 {
            state.flags |= ReviewFlag.shortGrowthPeriod.rawValue
            return .zero
        }
        let v3 = state.field(field, year: state.dataYear)
        let v2 = state.field(field, year: state.dataYear - 1)
        if count == 2 {
            state.flags |= ReviewFlag.shortGrowthPeriod.rawValue
            if twoYearZero { return .zero }
            return twoYear(v2, v3, state: &state, nonPositiveUnknown: nonPositiveUnknown)
        }
        let v1 = state.field(field, year: state.dataYear - 2)
        if v1.isPoint && v2.isPoint && v3.isPoint {  // the common case: exact, no case split
            let (a, b, c) = (v1.lo, v2.lo, v3.lo)
            if a == 0 { return twoYear(v2, v3, state: &state, nonPositiveUnknown: nonPositiveUnknown) }
            if b == 0 { return .zero }
            if a < 0 || b < 0 { return nonPositive(state: &state, unknown: nonPositiveUnknown, flag: true) }
            return Interval(0.5 * (b / a + c / b) - 1)
        }
        var result: Interval?
        func add(_ part: Interval) { result = result.map { $0.hull(part) } ?? part }
        let certain = v1.isPoint && v2.isPoint
        for (sign1, range1) in cases(v1) {
            if sign1 == 0 {  // year 1 is zero: last two years only
                add(twoYear(v2, v3, state: &state, nonPositiveUnknown: nonPositiveUnknown, flag: certain))
                continue
            }
            for (sign2, range2) in cases(v2) {
                if sign2 == 0 {
                    add(.zero)  // year 2 is zero: score 0
                } else if sign1 < 0 || sign2 < 0 {
                    add(nonPositive(state: &state, unknown: nonPositiveUnknown, flag: certain))
                } else {
                    add((range2 / range1 + v3 / range2) * Interval(0.5) - Interval(1))
                }
            }
        }
        return result ?? .zero
    }

    /// g = v₂/v₁ − 1 for two years (the project's reading), with the same base rules.
    private static func twoYear(_ v1: Interval, _ v2: Interval, state: inout EvalState, nonPositiveUnknown: Bool,
                                flag: Bool = true) -> Interval {
        if v1.isPoint && v2.isPoint {
            if v1.lo == 0 { return .zero }
            if v1.lo < 0 { return nonPositive(state: &state, unknown: nonPositiveUnknown, flag: flag) }
            return Interval(v2.lo / v1.lo - 1)
        }
        var result: Interval?
        func add(_ part: Interval) { result = result.map { $0.hull(part) } ?? part }
        for (sign, range) in cases(v1) {
            if sign == 0 {
                add(.zero)  // base year is zero: score 0
            } else if sign < 0 {
                add(nonPositive(state: &state, unknown: nonPositiveUnknown, flag: flag && v1.isPoint))
            } else {
                add(v2 / range - Interval(1))
            }
        }
        return result ?? .zero
    }

    private static func nonPositive(state: inout EvalState, unknown: Bool, flag: Bool) -> Interval {
        if flag { state.flags |= ReviewFlag.nonPositiveGrowthBase.rawValue }
        return unknown ? .all : .zero
    }

    /// Splits a range by sign: negative part, zero, positive part (only those it can take).
    private static func cases(_ v: Interval) -> [(Int, Interval)] {
        if v.isPoint { return [(v.lo > 0 ? 1 : (v.lo < 0 ? -1 : 0), v)] }
        var result: [(Int, Interval)] = []
        if v.lo < 0 { result.append((-1, Interval(v.lo, min(v.hi, 0)))) }
        if v.lo <= 0 && v.hi >= 0 { result.append((0, .zero)) }
        if v.hi > 0 { result.append((1, Interval(max(v.lo, 0), v.hi))) }
        return result
    }
}
