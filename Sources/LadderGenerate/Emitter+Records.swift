import LadderCore

/// Platforms, technology contracts and brokers: the records after the firms.
extension Emitter {
    static let platformSalt: UInt64 = 0x3C
    static let contractSalt: UInt64 = 0x4D
    static let brokerSalt: UInt64 = 0x5E

    /// A provincial-or-higher platform, hosted by a firm of this file three times in four.
    mutating func platform(_ index: Int) {
        var rng = RandomStream(seed: seed, item: index, salt: Self.platformSalt)
        let approved = randomDay(from: year - 11, rng: &rng)
        let host = firmCount > 0 && rng.chance(0.75)
            ? FirmIdentity(seed: seed, index: rng.below(firmCount), exportedAt: exportedAt) : nil
        summary.platforms += 1
        out.raw("  <Platform id=\"P-")
        out.int(approved.year)
        out.raw("-")
        out.padded(index + 1, width: 4)
        out.raw(rng.chance(0.2) ? "\" level=\"national\" kind=\"" : "\" level=\"provincial\" kind=\"")
        out.raw(rng.element(of: Catalog.platformKinds))
        out.raw("\" district=\"")
        out.raw(host?.districtCode ?? Catalog.districtCodes[rng.pick(weights: Catalog.districtWeights)])
        out.raw("\" approved=\"")
        out.day(approved)
        if let host {
            out.raw("\" host=\"")
            out.raw(host.creditCode)
        }
        out.raw("\"/>\n")
    }

    /// A registered technology contract of 10万–5000万元 sold by a firm of this file (or, one time in
    /// twelve, by a public institution whose code starts with 12).
    mutating func contract(_ index: Int) {
        var rng = RandomStream(seed: seed, item: index, salt: Self.contractSalt)
        let signed = randomDay(from: rng.chance(0.2) ? year - 1 : year, through: year, rng: &rng)
        let registered = min(exportedAt, signed.adding(days: 1 + rng.below(45)))
        summary.contracts += 1
        out.raw("  <TechContract id=\"370200")
        out.int(signed.year)
        out.padded(index + 1, width: 6)
        out.raw("\" seller=\"")
        if firmCount > 0 && !rng.chance(1.0 / 12) {
            out.raw(FirmIdentity(seed: seed, index: rng.below(firmCount), exportedAt: exportedAt).creditCode)
        } else {
            let first17 = "123702004" + String(decoding: Holdings.digits((index &* 37 &+ 11) % 100_000_000, 8),
                                                as: UTF8.self)
            out.escaped(CreditCode.complete(first17) ?? first17)
        }
        out.raw("\" amount=\"")
        let amount = rng.logUniform(100_000, 50_000_000)
        out.yuanTwoDecimals(fen: min(5_000_000_000, Int64(amount * 100)))
        out.raw("\" signed=\"")
        out.day(signed)
        out.raw("\" registered=\"")
        out.day(registered)
        out.raw("\" kind=\"")
        out.raw(Catalog.contractKinds[rng.pick(weights: Catalog.contractKindWeights)])
        out.raw("\"/>\n")
    }

    /// A certified technology broker.
    mutating func broker(_ index: Int) {
        var rng = RandomStream(seed: seed, item: index, salt: Self.brokerSalt)
        summary.brokers += 1
        out.raw("  <Broker id=\"B-")
        out.padded(index + 1, width: 4)
        out.raw("\" district=\"")
        out.raw(Catalog.districtCodes[rng.pick(weights: Catalog.districtWeights)])
        out.raw("\" certified=\"")
        out.day(randomDay(from: year - 6, rng: &rng))
        out.raw("\"/>\n")
    }

    /// A uniform day from 1 January of `first` through 31 December of `last`, never after the export.
    func randomDay(from first: Int, through last: Int? = nil, rng: inout RandomStream) -> Day {
        let start = (Day(year: first, month: 1, day: 1) ?? exportedAt).ordinal
        let end = min(exportedAt.ordinal, (Day(year: last ?? year, month: 12, day: 31) ?? exportedAt).ordinal)
        return Day(ordinal: start + rng.below(max(1, end - start + 1)))
    }
}
