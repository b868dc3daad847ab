import LadderCore

/// A closed range of real numbers `[lo, hi]`: the set of values a measure can still take.
///
/// A known value is a point (`lo == hi`). An unknown input becomes the whole of its possible domain
/// (e.g. money ≥ 0 is `[0, +∞]`), never zero; arithmetic propagates the bounds, so a verdict can be
/// decided when every value in the range gives the same answer.
///
/// Evaluation uses `Double`. Comparisons allow a tiny *relative* tolerance (`Interval.tolerance`,
/// 1e-12 of the larger magnitude) so that a ratio that is exactly on a threshold in decimal (600,000 ÷
/// 10,000,000 = 6%) compares as exactly on it, although 0.06 has no exact binary form. Money is exact
/// in fen before the division, so the tolerance only absorbs the rounding of one or two operations,
/// while one fen over a limit of up to 10 billion yuan (e.g. 2亿 + 0.01) still counts as over.
public struct Interval: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// The lower bound (may be `-infinity`).
    public var lo: Double
    /// The upper bound (may be `+infinity`).
    public var hi: Double

    /// Creates `[lo, hi]`.
    public init(_ lo: Double, _ hi: Double) {
        self.lo = lo
        self.hi = hi
    }

    /// A known value.
    public init(_ value: Double) {
        lo = value
        hi = value
    }

    /// Every non-negative number: an unknown amount or count.
    public static let nonNegative = Interval(0, .infinity)
    /// Every real number.
    public static let all = Interval(-.infinity, .infinity)
    /// Zero.
    public static let zero = Interval(0)

    /// True when the range is a single value.
    public var isPoint: Bool { lo == hi }

    /// The smallest interval containing both.
    public func hull(_ other: Interval) -> Interval { Interval(min(lo, other.lo), max(hi, other.hi)) }

    /// The relative tolerance used by comparisons and band bounds.
    public static let tolerance = 1e-12

    /// `a >= b` allowing the relative tolerance.
    static func ge(_ a: Double, _ b: Double) -> Bool {
        if a >= b { return true }
        if !a.isFinite || !b.isFinite { return false }
        return b - a <= tolerance * max(1, abs(a), abs(b))
    }

    /// `a > b` beyond the relative tolerance.
    static func gt(_ a: Double, _ b: Double) -> Bool { !ge(b, a) }

    /// `a == b` within the relative tolerance.
    static func eq(_ a: Double, _ b: Double) -> Bool { ge(a, b) && ge(b, a) }

    public var description: String {
        isPoint ? Interval.format(lo) : "[\(Interval.format(lo)), \(Interval.format(hi))]"
    }

    /// A short decimal form: integers without a fraction, others with up to 4 significant decimals.
    public static func format(_ value: Double) -> String {
        if value == .infinity { return "∞" }
        if value == -.infinity { return "-∞" }
        if value.isNaN { return "?" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var digits = 4
        var magnitude = abs(value)
        while magnitude >= 1, digits > 0 {
            magnitude /= 10
            digits -= 1
        }
        let scale = pow10(max(digits, 2))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = "\(rounded)"
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

extension Interval {
    /// Sum of two ranges.
    public static func + (a: Interval, b: Interval) -> Interval { Interval(a.lo + b.lo, a.hi + b.hi) }
    /// Difference of two ranges.
    public static func - (a: Interval, b: Interval) -> Interval { Interval(a.lo - b.hi, a.hi - b.lo) }
    /// Negation.
    public static prefix func - (a: Interval) -> Interval { Interval(-a.hi, -a.lo) }

    /// Product of two ranges (∞ × 0 counts as 0).
    public static func * (a: Interval, b: Interval) -> Interval {
        if a.isPoint && b.isPoint { return Interval(mul(a.lo, b.lo)) }
        let c = [mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)]
        return Interval(c.min() ?? 0, c.max() ?? 0)
    }

    static func mul(_ x: Double, _ y: Double) -> Double { x == 0 || y == 0 ? 0 : x * y }

    /// Quotient of two ranges. A ratio over a zero base counts as 0 (no base, no share); when the
    /// divisor's range touches zero from above, the quotient can grow without bound.
    public static func / (a: Interval, b: Interval) -> Interval {
        if a.isPoint && b.isPoint { return Interval(b.lo == 0 ? 0 : a.lo / b.lo) }
        // The hull of every candidate quotient (NaNs left out), kept as a running min and max: no
        // arrays on a path the rules take for every ratio of every firm with a range in its data.
        var low = Double.infinity, high = -Double.infinity, any = false
        func add(_ x: Double) {
            guard !x.isNaN else { return }
            low = min(low, x)
            high = max(high, x)
            any = true
        }
        func divide(by y: Double) {
            guard y != 0 && y.isFinite else { return }
            add(a.lo / y)
            add(a.hi / y)
        }
        divide(by: b.lo)
        divide(by: b.hi)
        if b.hi == .infinity || b.lo == -.infinity { add(0) }
        if b.lo <= 0 && b.hi >= 0 {
            add(0)  // the divisor may be zero: the ratio counts as 0
            if b.hi > 0 {  // divisor near 0 from above
                if a.hi > 0 { add(.infinity) }
                if a.lo < 0 { add(-.infinity) }
            }
            if b.lo < 0 {
                if a.hi > 0 { add(-.infinity) }
                if a.lo < 0 { add(.infinity) }
            }
        }
        return any ? Interval(low, high) : Interval(0, 0)
    }

    /// Elementwise minimum.
    public func minimum(_ b: Interval) -> Interval { Interval(min(lo, b.lo), min(hi, b.hi)) }
    /// Elementwise maximum.
    public func maximum(_ b: Interval) -> Interval { Interval(max(lo, b.lo), max(hi, b.hi)) }
    /// The range clamped into `[low, high]`.
    public func clamped(_ low: Double, _ high: Double) -> Interval {
        Interval(min(max(lo, low), high), min(max(hi, low), high))
    }
}

/// Three-valued comparisons of ranges: decided only when every pair of values agrees.
extension Interval {
    /// `self >= b`.
    public func ge(_ b: Interval) -> Verdict {
        if Interval.ge(lo, b.hi) { return .pass }
        if !Interval.ge(hi, b.lo) { return .fail }
        return .unknown
    }

    /// `self > b`.
    public func gt(_ b: Interval) -> Verdict {
        if Interval.gt(lo, b.hi) { return .pass }
        if !Interval.gt(hi, b.lo) { return .fail }
        return .unknown
    }

    /// `self == b`.
    public func eq(_ b: Interval) -> Verdict {
        if isPoint && b.isPoint { return Interval.eq(lo, b.lo) ? .pass : .fail }
        if Interval.gt(lo, b.hi) || Interval.gt(b.lo, hi) { return .fail }
        return .unknown
    }
}

extension Verdict {
    /// Three-valued NOT.
    public var negated: Verdict {
        switch self {
        case .pass: .fail
        case .fail: .pass
        case .unknown: .unknown
        }
    }

    /// Three-valued AND of two.
    public func and(_ other: Verdict) -> Verdict {
        if self == .fail || other == .fail { return .fail }
        if self == .unknown || other == .unknown { return .unknown }
        return .pass
    }

    /// Three-valued OR of two.
    public func or(_ other: Verdict) -> Verdict {
        if self == .pass || other == .pass { return .pass }
        if self == .unknown || other == .unknown { return .unknown }
        return .fail
    }
}
