import LadderCore

/// Platforms, technology contracts and brokers: the records after the firms, counted per year from the
/// calibration (cumulative counts for platforms and brokers, turnover for contracts) at the scale.
extension Emitter {
    static let platformSalt: UInt64 = 0x3C
    static let contractSalt: UInt64 = 0x4D
    static let brokerSalt: UInt64 = 0x5E

    /// The year in which item `index` of a cumulative series (platforms, brokers) first counts: the
    /// first calibration year whose count exceeds the index; the earliest ones are spread over ten years
    /// before the series starts.
    static func firstYear(of index: Int, in series: [Int: Double], scale: Double, rng: inout RandomStream) -> Int {
        let years = series.keys.sorted()
        guard let first = years.first else { return 2020 }
        for y in years where index < Plan.count(series, year: y, scale: scale) {
            return y == first ? first - rng.below(11) : y
        }
        return years.last ?? first
    }

    /// A provincial-or-higher platform, hosted by a firm of the registry three times in four.
    mutating func platform(_ index: Int, generator g: RegistryGenerator) {
        var rng = RandomStream(seed: g.seed, item: index, salt: Self.platformSalt)
        let year = Self.firstYear(of: index, in: g.rates.platforms, scale: g.scale, rng: &rng)
        let approved = Self.randomDay(in: year, through: exportedAt, rng: &rng)
        let host = g.firms > 0 && rng.chance(0.75) ? g.identity(of: rng.below(g.firms)) : nil
        let district = host.map { Catalog.districtCodes[$0.district] }
            ?? Catalog.districtCodes[rng.pick(weights: g.rates.districtWeights)]
        guard part.district.map({ Array($0.utf8) == district }) ?? true else { return }
        summary.platforms += 1
        out.raw("  <Platform id=\"P-")
        out.int(approved.year)
        out.raw("-")
        out.padded(index + 1, width: 4)
        out.raw(rng.chance(0.2) ? "\" level=\"national\" kind=\"" : "\" level=\"provincial\" kind=\"")
        out.raw(rng.element(of: Catalog.platformKinds))
        out.raw("\" district=\"")
        out.raw(district)
        out.raw("\" approved=\"")
        out.day(approved)
        if let host {
            out.raw("\" host=\"")
            out.raw(host.creditCode)
        }
        out.raw("\"/>\n")
    }

    /// A registered technology contract of 50万–2000万元 signed in `year`, sold by a firm of the registry
    /// (or, one time in twelve, by a public institution whose code starts with 12).
    mutating func contract(_ index: Int, year: Int, generator g: RegistryGenerator) {
        var rng = RandomStream(seed: g.seed, item: year &* 10_000_000 &+ index, salt: Self.contractSalt)
        let signed = Self.randomDay(in: year, through: exportedAt, rng: &rng)
        let registered = min(exportedAt, signed.adding(days: 1 + rng.below(45)))
        let seller = g.firms > 0 && !rng.chance(1.0 / 12) ? g.identity(of: rng.below(g.firms)) : nil
        let district = seller.map { $0.district } ?? rng.pick(weights: g.rates.districtWeights)
        let amount = rng.logUniform(Plan.contractLow, Plan.contractHigh)
        let kind = Catalog.contractKinds[rng.pick(weights: Catalog.contractKindWeights)]
        guard part.district.map({ $0 == Catalog.districtStrings[district] }) ?? true else { return }
        summary.contracts += 1
        out.raw("  <TechContract id=\"370200")
        out.int(year)
        out.padded(index + 1, width: 6)
        out.raw("\" seller=\"")
        if let seller {
            out.raw(seller.creditCode)
        } else {
            let first17 = "123702004" + String(decoding: FirmHistory.digits((index &* 37 &+ 11) % 100_000_000, 8),
                                                as: UTF8.self)
            out.escaped(CreditCode.complete(first17) ?? first17)
        }
        out.raw("\" amount=\"")
        out.yuanTwoDecimals(fen: Int64(amount * 100))
        out.raw("\" signed=\"")
        out.day(signed)
        out.raw("\" registered=\"")
        out.day(registered)
        out.raw("\" kind=\"")
        out.raw(kind)
        out.raw("\"/>\n")
    }

    /// A certified technology broker.
    mutating func broker(_ index: Int, generator g: RegistryGenerator) {
        var rng = RandomStream(seed: g.seed, item: index, salt: Self.brokerSalt)
        let year = Self.firstYear(of: index, in: g.rates.brokers, scale: g.scale, rng: &rng)
        let certified = Self.randomDay(in: year, through: exportedAt, rng: &rng)
        let district = Catalog.districtCodes[rng.pick(weights: g.rates.districtWeights)]
        guard part.district.map({ Array($0.utf8) == district }) ?? true else { return }
        summary.brokers += 1
        out.raw("  <Broker id=\"B-")
        out.padded(index + 1, width: 4)
        out.raw("\" district=\"")
        out.raw(district)
        out.raw("\" certified=\"")
        out.day(certified)
        out.raw("\"/>\n")
    }

    /// A uniform day of a year, never after `last`.
    static func randomDay(in year: Int, through last: Day, rng: inout RandomStream) -> Day {
        let start = (Day(year: year, month: 1, day: 1) ?? last).ordinal
        let end = min(last.ordinal, (Day(year: year, month: 12, day: 31) ?? last).ordinal)
        return Day(ordinal: start + rng.below(max(1, end - start + 1)))
    }
}
