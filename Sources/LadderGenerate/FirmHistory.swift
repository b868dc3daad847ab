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

    /// A figure by its vocabulary field: a count, or money in fen (what `Emitter` writes and
    /// `FirmHistory.financeYear` records).
    subscript(field: FinanceField) -> Int64? {
        switch field {
        case .employees: employees.map(Int64.init)
        case .techStaff: techStaff.map(Int64.init)
        case .revenue: revenue
        case .totalIncome: totalIncome
        case .totalCost: totalCost
        case .totalAssets: totalAssets
        case .netAssets: netAssets
        case .rdExpense: rd
        case .rdExpenseDomestic: rdDomestic
        case .highTechRevenue: highTech
        case .conversions: conversions.map(Int64.init)
        }
    }
}

/// One synthetic firm's whole history up to the calibration year: its figures year by year, the IP it
/// accumulates, its recognitions and incidents, and the certificates the rules granted it. An export
/// on a date is a view of it (`FirmHistory+Record`), so the same firm reads the same in every year's file.
struct FirmHistory {
    struct IPLine {
        var classOne: Bool
        var kind: IPKind
        /// Items gained per year from `since` on (the count in a year is the rate times the years held).
        var rate: Double
        var since: Int
        var transfer: Bool

        func count(in year: Int) -> Int { year < since ? 0 : min(5000, Int(rate * Double(year - since + 1))) }
    }

    struct Certificate {
        var kind: Tier
        var number: [UInt8]
        var issued: Day
        var expires: Day?
        var revoked: Day?
        var malformed = false
        /// Expert points per `ExpertItem` (HNTE certificates), -1 when not scored.
        var scores: [Int] = []
    }

    let index: Int
    let plan: FirmPlan
    let identity: FirmIdentity
    var name: [UInt8] = []
    var sector = 0
    var industry: [UInt8]?
    var writesDomain = true
    var districtFirst = false
    var resident: Bool?
    var deemedTax: Bool?
    var wanYuan = false
    var explicitYuan = false
    /// Finance years from `firstYear` to the year before the calibration year, oldest first.
    var years: [FinanceFigures] = []
    var ip: [IPLine] = []
    var certificates: [Certificate] = []
    var awards: [(level: Level, year: Int, rank: Int)] = []
    var institutions: [(level: Level, since: Day)] = []
    var standards: [(level: StandardLevel, lead: Bool, year: Int)] = []
    var incidents: [(kind: IncidentKind, date: Day)] = []
    var consortia: [(lead: Bool, level: Level)] = []
    var plantedTechStaff: Int?
    var plantedDomesticRD: Int?
    /// The expert's view of the firm (0…1): drawn once, scores vary around it per application.
    var quality = 0.0

    static let salt: UInt64 = 0x2B

    /// Draws the firm's traits and figures (attempt `attempt` of its plan); certificates come later.
    init(seed: UInt64, index: Int, plan: FirmPlan, identity: FirmIdentity, rates: Plan, attempt: Int) {
        let horizon = rates.year
        self.index = index
        self.plan = plan
        self.identity = identity
        var rng = RandomStream(seed: seed, item: index, salt: Self.salt &+ UInt64(attempt) &* 0x1_0000)
        let certified = plan.track == .highTech || plan.track == .techSME
        sector = Self.sector(plan: plan, advancedShare: rates.advancedShare, rng: &rng)
        let entry = Catalog.sectors[sector]
        if !rng.chance(certified ? 0.003 : 0.015) {
            let code = entry.industries[rng.pick(weights: Catalog.industryWeights[sector])].code
            industry = rng.chance(0.01) ? Array(code.prefix(4)) : code  // a few give the group only
        }
        writesDomain = entry.domain != nil && !rng.chance(certified ? 0.005 : 0.02)
        name = Self.name(sector: entry, rng: &rng)
        districtFirst = rng.chance(0.02)
        if !rng.chance(certified ? 0.002 : 0.01) { resident = !rng.chance(0.003) }
        if !rng.chance(certified ? 0.003 : 0.015) {
            deemedTax = rng.chance(entry.domain == nil ? 0.15 : certified ? 0.005 : 0.03)
        }
        wanYuan = rng.chance(0.05)
        explicitYuan = !wanYuan && rng.chance(0.3)
        quality = plan.track == .highTech ? rng.uniform(0.8, 1) : rng.uniform(0.3, 0.8)
        drawFinance(horizon: horizon, rng: &rng)
        drawIP(rng: &rng)
        drawRecognitions(horizon: horizon, rng: &rng)
    }

    /// HNTE firms are 先进制造与自动化 at the calibration's share; other tracks follow the sector weights.
    static func sector(plan: FirmPlan, advancedShare: Double, rng: inout RandomStream) -> Int {
        switch plan.track {
        case .highTech:
            if rng.chance(advancedShare) { return 0 }
            return 1 + rng.pick(weights: Array(Catalog.sectorWeights[1..<Catalog.sectors.count - 1]))
        case .techSME, .candidate:
            return rng.pick(weights: Array(Catalog.sectorWeights.dropLast()))
        case .ordinary:
            return rng.chance(0.5) ? Catalog.sectors.count - 1 : rng.pick(weights: Catalog.sectorWeights)
        }
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

    /// The figures of a year, if drawn.
    func figures(in year: Int) -> FinanceFigures? {
        guard let first = years.first?.year, year >= first, year - first < years.count else { return nil }
        return years[year - first]
    }

    /// The first year whose figures are needed: three years before the first export year a calibration
    /// allows, or before the first HNTE application.
    static func firstYear(plan: FirmPlan, horizon: Int) -> Int {
        var first = horizon - 7
        if let hnte = plan.highTechYears.first { first = min(first, hnte - 3) }
        return max(plan.founded.year, first)
    }

    /// Converts a yuan amount to fen at the firm's precision: whole 100 yuan (万元 with 2 decimals),
    /// whole yuan, or fen.
    func yuan(_ value: Double, _ withCents: Bool, _ rng: inout RandomStream) -> Int64 {
        let value = min(max(value, -1e13), 1e13)
        if wanYuan { return Int64((value / 100).rounded()) * 10_000 }
        let whole = Int64(value.rounded()) * 100
        guard withCents else { return whole }
        // The cents are drawn either way (the stream stays as it was), but nothing stays nothing.
        let cents = Int64(rng.below(100))
        return whole == 0 ? 0 : whole + cents
    }
}
