import LadderCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One year of figures, money in fen; nil is a value the export leaves out (unknown).
struct FinanceFigures {
    var year: Int
    var employees: Int?
    var techStaff: Int?
    var revenue: Int64?
    var totalIncome: Int64?
    var totalCost: Int64?
    var totalAssets: Int64?
    var netAssets: Int64?
    var rd: Int64?
    var rdDomestic: Int64?
    var highTech: Int64?
    var conversions: Int?
}

/// One synthetic firm, drawn whole from its own random stream, ready to be written.
///
/// The draws are correlated the way real registries are: sales follow staff, R&D follows sales
/// (with ratios spread over every band of the tech-SME and HNTE rules), certificates follow
/// eligibility (with enough exceptions that rule outcomes disagree with certificates now and then).
struct SyntheticFirm {
    let identity: FirmIdentity
    var name: [UInt8] = []
    var sector = 0
    var industry: [UInt8]?
    var writesDomain = true
    var districtFirst = false
    var deregistered = false
    var resident: Bool?
    var deemedTax: Bool?
    var wanYuan = false
    var explicitYuan = false
    var finance: [FinanceFigures] = []
    var holdings = Holdings()
    var plantedTechStaff = false
    var plantedDomesticRD = false

    /// The firm's drawn traits that later draws depend on.
    struct Traits {
        var techShare = 0.0
        var rdRatio = 0.0
        var exactRatio = false
        var highTechShare = 0.0
        var conversionMean = 0.0
        var atSizeLimits = false
    }

    static let salt: UInt64 = 0x2B

    init(seed: UInt64, index: Int, year: Int, exportedAt: Day) {
        identity = FirmIdentity(seed: seed, index: index, exportedAt: exportedAt)
        var rng = RandomStream(seed: seed, item: index, salt: Self.salt)
        sector = rng.pick(weights: Catalog.sectorWeights)
        let entry = Catalog.sectors[sector]
        if !rng.chance(0.015) {
            let code = entry.industries[rng.pick(weights: Catalog.industryWeights[sector])].code
            industry = rng.chance(0.01) ? Array(code.prefix(4)) : code  // a few give the group only
        }
        writesDomain = entry.domain != nil && !rng.chance(0.02)
        name = Self.name(sector: entry, rng: &rng)
        districtFirst = rng.chance(0.02)
        deregistered = rng.chance(0.02)
        if !rng.chance(0.01) { resident = !rng.chance(0.003) }
        if !rng.chance(0.015) { deemedTax = rng.chance(entry.domain == nil ? 0.15 : 0.02) }
        wanYuan = rng.chance(0.05)
        explicitYuan = !wanYuan && rng.chance(0.3)

        var traits = Traits()
        drawFinance(year: year, traits: &traits, rng: &rng)
        holdings = Holdings(firm: self, traits: traits, year: year, exportedAt: exportedAt, index: index,
                            seed: seed, rng: &rng)
    }

    /// 青岛 + trade name + industry word + company form, with the usual variants.
    static func name(sector: Catalog.Sector, rng: inout RandomStream) -> [UInt8] {
        var trade = rng.element(of: Catalog.tradeFirst) + rng.element(of: Catalog.tradeSecond)
        while Catalog.realBrands.contains(trade) {
            trade = rng.element(of: Catalog.tradeFirst) + rng.element(of: Catalog.tradeSecond)
        }
        if rng.chance(0.25) { trade += rng.element(of: Catalog.tradeSecond) }
        if rng.chance(0.002) { trade = rng.element(of: Catalog.latinMarks) }
        let word = rng.element(of: sector.words)
        switch rng.pick(weights: [0.85, 0.06, 0.04, 0.03, 0.02]) {
        case 0: return Catalog.qingdao + trade + word + Catalog.limited
        case 1: return Catalog.qingdao + trade + word + Catalog.joinStock
        case 2: return trade + word + Catalog.qingdaoInParens + Catalog.limited
        case 3: return Catalog.qingdao + trade + word + Catalog.group
        default: return Catalog.shandong + trade + word + Catalog.limited
        }
    }

    /// Draws up to three closed finance years (year-3 … year-1, from the registration year on): an
    /// export on 31 December has no audited figures for its own year yet, and the high-tech rules read
    /// the three years before the assessment date.
    mutating func drawFinance(year: Int, traits: inout Traits, rng: inout RandomStream) {
        let firstYear = max(year - 3, identity.registeredOn.year)
        let isTech = Catalog.sectors[sector].domain != nil
        traits.atSizeLimits = rng.chance(0.003)
        let large = rng.chance(0.05)
        var staff = large ? rng.logUniform(300, 2000) : rng.logNormal(median: 35, sigma: 0.95)
        staff = min(2000, max(5, staff))
        traits.techShare = rng.chance(0.09) ? rng.uniform(0.02, 0.1) : rng.uniform(0.1, 0.65)
        if !isTech { traits.techShare *= 0.4 }
        var perHead = rng.logNormal(median: 450_000, sigma: 0.6)
        let growth = rng.uniform(-0.15, 0.45)
        let preRevenue = identity.registeredOn.year >= year - 1 && rng.chance(0.25)
        if identity.registeredOn.year == year { perHead *= Double(13 - identity.registeredOn.month) / 12 }

        drawRDRatio(isTech: isTech, traits: &traits, rng: &rng)
        traits.highTechShare = !isTech ? 0 : rng.chance(0.78) ? rng.uniform(0.6, 0.98) : rng.uniform(0.15, 0.6)
        traits.conversionMean = rng.uniform(0, isTech ? 5 : 0.5)
        let domesticKind = rng.pick(weights: [0.8, 0.15, 0.05])  // mostly high, some below 60%, some all
        let domesticLow = rng.uniform(0.3, 0.6), domesticHigh = rng.uniform(0.7, 1.0)
        let assetTurn = rng.uniform(0.5, 1.8), equityShare = rng.uniform(0.15, 0.75)
        let negativeEquity = rng.chance(0.03)
        let centsDrawn = rng.chance(0.1)
        // Exact ratios and exact size limits need whole yuan.
        let withCents = !wanYuan && !traits.exactRatio && !traits.atSizeLimits && centsDrawn

        var employees = Int(staff.rounded())
        var revenue = staff * perHead
        var years: [FinanceFigures] = []
        var y = year - 1
        while y >= firstYear {
            var f = FinanceFigures(year: y)
            let heads = traits.atSizeLimits ? 500 : max(1, employees)
            f.employees = heads
            f.techStaff = min(heads, Int((Double(heads) * traits.techShare * rng.uniform(0.92, 1.08)).rounded()))
            let sales = traits.atSizeLimits ? 200_000_000 : preRevenue ? 0 : revenue
            f.revenue = yuan(sales, withCents, &rng)
            let ratio = traits.exactRatio ? traits.rdRatio : traits.rdRatio * rng.uniform(0.85, 1.15)
            let rdYuan = sales > 0 ? sales * ratio : rng.logUniform(50_000, 2_000_000)
            f.rd = traits.exactRatio && !wanYuan ? (f.revenue ?? 0) * Int64((ratio * 100).rounded()) / 100
                : yuan(rdYuan, withCents, &rng)
            let domestic = [domesticHigh, domesticLow, 1.0][domesticKind]
            f.rdDomestic = yuan(rdYuan * domestic, withCents, &rng)
            if domesticKind == 2 || (f.rdDomestic ?? 0) > (f.rd ?? 0) { f.rdDomestic = f.rd }
            let income = sales * rng.uniform(1, 1.06) + (sales == 0 ? rng.uniform(0, 300_000) : 0)
            f.totalIncome = max(yuan(income, withCents, &rng), f.revenue ?? 0)
            f.totalCost = yuan(max(sales * rng.uniform(0.75, 1.05), rdYuan * rng.uniform(1.2, 3)), withCents, &rng)
            let assets = traits.atSizeLimits ? 200_000_000 : max(500_000, max(sales, 1_000_000) * assetTurn)
            f.totalAssets = yuan(assets, withCents, &rng)
            f.netAssets = yuan(negativeEquity ? -assets * rng.uniform(0.02, 0.3) : assets * equityShare,
                               withCents, &rng)
            let share = min(1, traits.highTechShare * rng.uniform(0.95, 1.05))
            f.highTech = isTech ? yuan(income * share, withCents, &rng) : rng.chance(0.5) ? 0 : nil
            if let total = f.totalIncome, let high = f.highTech, high > total { f.highTech = total }
            f.conversions = rng.count(mean: traits.conversionMean, cap: 40)
            omitSome(&f, rng: &rng)
            years.append(f)
            let change = 1 + growth + rng.uniform(-0.08, 0.08)
            revenue /= max(0.5, change)
            employees = Int((Double(employees) / max(0.6, 1 + growth * 0.5 + rng.uniform(-0.05, 0.05))).rounded())
            y -= 1
        }
        if years.count == 3 && rng.chance(0.02) { years.remove(at: 1 + rng.below(2)) }
        if rng.chance(0.005) { years.removeAll() }
        plant(&years, rng: &rng)
        finance = years.reversed()
    }

    /// Spreads R&D intensity over every band of the rules, with a few firms exactly on a boundary.
    func drawRDRatio(isTech: Bool, traits: inout Traits, rng: inout RandomStream) {
        guard isTech else {
            traits.rdRatio = rng.chance(0.4) ? 0 : rng.uniform(0.001, 0.015)
            return
        }
        let bands: [(Double, Double)] = [(0.002, 0.02), (0.02, 0.03), (0.03, 0.04), (0.04, 0.05), (0.05, 0.06),
                                         (0.06, 0.10), (0.10, 0.30)]
        let band = rng.pick(weights: [0.14, 0.13, 0.15, 0.15, 0.13, 0.19, 0.06, 0.05])
        if band == bands.count {
            traits.exactRatio = true
            traits.rdRatio = Double(2 + rng.below(5)) / 100
        } else {
            traits.rdRatio = rng.uniform(bands[band].0, bands[band].1)
        }
    }

    /// Leaves some values out, as real exports do (an absent value is unknown, never zero).
    func omitSome(_ f: inout FinanceFigures, rng: inout RandomStream) {
        if rng.chance(0.02) {
            f.rd = nil
            f.rdDomestic = nil
        }
        if rng.chance(0.01) {
            f.employees = nil
            f.techStaff = nil
        }
        if rng.chance(0.005) { f.highTech = nil }
        if rng.chance(0.005) { f.totalIncome = nil }
        if rng.chance(0.01) { f.conversions = nil }
    }

    /// Plants the finance-level problems listed in `PlantedProblem`; `years` is newest first.
    mutating func plant(_ years: inout [FinanceFigures], rng: inout RandomStream) {
        if rng.chance(0.003), let heads = years.first?.employees {
            years[0].techStaff = heads + 1 + rng.below(10)
            plantedTechStaff = true
        }
        if rng.chance(0.003), !years.isEmpty {
            let at = rng.below(years.count)
            if let rd = years[at].rd {
                years[at].rdDomestic = rd + (wanYuan ? 10_000 : 100) * Int64(1 + rng.below(500))
                plantedDomesticRD = true
            }
        }
    }

    /// Converts a yuan amount to fen at the firm's precision: whole 100 yuan (万元 with 2 decimals),
    /// whole yuan, or fen.
    func yuan(_ value: Double, _ withCents: Bool, _ rng: inout RandomStream) -> Int64 {
        if wanYuan { return Int64((value / 100).rounded()) * 10_000 }
        let whole = Int64(value.rounded()) * 100
        return withCents ? whole + Int64(rng.below(100)) : whole
    }
}
