import LadderRules
import Testing

@Suite("Interval division over ranges")
struct IntervalDivisionTests {
    /// The definition the division implements, written the plain way: the hull of every candidate
    /// quotient, zero for a divisor that may be zero, infinities near zero, NaNs left out.
    static func reference(_ a: Interval, _ b: Interval) -> Interval {
        if a.isPoint && b.isPoint { return Interval(b.lo == 0 ? 0 : a.lo / b.lo) }
        var candidates: [Double] = []
        for y in [b.lo, b.hi] where y != 0 && y.isFinite {
            candidates.append(a.lo / y)
            candidates.append(a.hi / y)
        }
        if b.hi == .infinity || b.lo == -.infinity { candidates.append(0) }
        if b.lo <= 0 && b.hi >= 0 {
            candidates.append(0)
            if b.hi > 0 {
                if a.hi > 0 { candidates.append(.infinity) }
                if a.lo < 0 { candidates.append(-.infinity) }
            }
            if b.lo < 0 {
                if a.hi > 0 { candidates.append(-.infinity) }
                if a.lo < 0 { candidates.append(.infinity) }
            }
        }
        let finite = candidates.filter { !$0.isNaN }
        return Interval(finite.min() ?? 0, finite.max() ?? 0)
    }

    @Test("every combination of signs, zeros and infinities gives the hull of the quotients")
    func matchesDefinition() {
        let ends: [Double] = [-.infinity, -1e9, -3, -0.5, 0, 0.25, 2, 7.5, 1e12, .infinity]
        var checked = 0
        for aLo in ends { for aHi in ends where aHi >= aLo {
            for bLo in ends { for bHi in ends where bHi >= bLo {
                let a = Interval(aLo, aHi), b = Interval(bLo, bHi)
                let got = a / b, want = IntervalDivisionTests.reference(a, b)
                // (∞ / ∞ between two points is NaN either way.)
                func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
                #expect(same(got.lo, want.lo) && same(got.hi, want.hi), "\(a) / \(b)")
                checked += 1
            } }
        } }
        #expect(checked == 3_025)
    }
}
