#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: turns a 64-bit key into a well-mixed sequence; used only to seed `RandomStream`.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A deterministic pseudo-random stream (xoshiro256**), seeded from a 64-bit key.
///
/// The generator never uses `SystemRandomNumberGenerator` nor the standard library's
/// `random(in:using:)` (whose algorithm may change between toolchains): every draw below is defined
/// here, so a seed gives the same bytes on every build.
struct RandomStream {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Creates the stream for a key (e.g. the seed mixed with a firm's index and a purpose salt).
    init(key: UInt64) {
        var mix = SplitMix64(state: key)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
    }

    /// The stream for one purpose of one numbered item under a seed.
    init(seed: UInt64, item: Int, salt: UInt64) {
        var mix = SplitMix64(state: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        let base = mix.next()
        self.init(key: base &+ UInt64(truncatingIfNeeded: item) &* 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; bias below 2⁻³² for our bounds).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in a closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform double in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An approximately standard-normal draw (Irwin–Hall with four uniforms: no libm, bounded ±3.46).
    mutating func normal() -> Double { (unit() + unit() + unit() + unit() - 2) * 1.732_050_807_568_877 }

    /// A log-normal draw with the given median and spread of the logarithm.
    mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// A log-uniform draw in [low, high).
    mutating func logUniform(_ low: Double, _ high: Double) -> Double { low * exp(log(high / low) * unit()) }

    /// The index of an entry picked with the given weights (which need not sum to 1).
    mutating func pick(weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var x = unit() * total
        for (index, w) in weights.enumerated() {
            x -= w
            if x < 0 { return index }
        }
        return weights.count - 1
    }

    /// One element of a non-empty array, uniformly.
    mutating func element<T>(of items: [T]) -> T { items[below(items.count)] }

    /// A small count with a roughly geometric tail around a mean (0 allowed).
    mutating func count(mean: Double, cap: Int = 10_000) -> Int {
        guard mean > 0 else { return 0 }
        let p = 1 / (1 + mean)
        let u = max(unit(), 1e-300)
        return min(cap, Int(log(u) / log(1 - p)))
    }
}
