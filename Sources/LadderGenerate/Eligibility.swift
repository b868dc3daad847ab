/// The generator's own rough guess at what the rules would say about a firm, used only to make
/// certificates follow the figures (most certified firms look eligible, some do not). The rules that
/// count live in the rulebooks, not here.
struct Eligibility {
    /// Within the tech-SME size limits (500 staff, 2亿 sales, 2亿 assets) on the previous year's data.
    var smeSized = false
    /// Sized, tech staff at least 10%, and a 115号 score of 60 or more.
    var smeQualifies = false
    /// Passes the computable HNTE conditions (32号 Art. 11: age, domain, staff, R&D band, domestic
    /// share, high-tech revenue share, some IP).
    var hnteLike = false

    static let twoYi: Int64 = 20_000_000_000  // 2亿元 in fen
    static let fiveThousandWan: Int64 = 5_000_000_000  // 5000万元 in fen

    init(firm: SyntheticFirm, holdings: Holdings, year: Int) {
        guard let latest = firm.finance.last else { return }
        let data = firm.finance.last { $0.year == year - 1 } ?? latest
        let heads = data.employees ?? 0
        let sales = data.revenue ?? 0
        smeSized = heads <= 500 && sales <= Self.twoYi && (data.totalAssets ?? 0) <= Self.twoYi
        let share = heads > 0 ? Double(data.techStaff ?? 0) / Double(heads) : 0
        let staffPoints = Self.band(share, [0.30, 0.25, 0.20, 0.15, 0.10], [20, 16, 12, 8, 4])
        let rd = Double(data.rd ?? 0)
        let rdBands = [50, 40, 30, 20, 10]
        let bySales = sales > 0 ? Self.band(rd / Double(sales), [0.06, 0.05, 0.04, 0.03, 0.02], rdBands) : 0
        let cost = Double(data.totalCost ?? 0)
        let byCost = cost > 0 ? Self.band(rd / cost, [0.30, 0.25, 0.20, 0.15, 0.10], rdBands) : 0
        let classOne = holdings.ip.contains { $0.classOne && !$0.transfer }
        let classTwo = holdings.ip.filter { !$0.classOne }.reduce(0) { $0 + $1.count }
        let ipPoints = classOne ? 30 : [0, 6, 12, 18, 24][min(classTwo, 4)]
        let fit = firm.resident != false && firm.deemedTax != true
        smeQualifies = smeSized && fit && staffPoints > 0 && staffPoints + max(bySales, byCost) + ipPoints >= 60

        let totalSales = firm.finance.reduce(Int64(0)) { $0 + ($1.revenue ?? 0) }
        let totalRD = firm.finance.reduce(Int64(0)) { $0 + ($1.rd ?? 0) }
        let totalDomestic = firm.finance.reduce(Int64(0)) { $0 + ($1.rdDomestic ?? 0) }
        let latestSales = latest.revenue ?? 0
        let needed = latestSales <= Self.fiveThousandWan ? 0.05 : latestSales <= Self.twoYi ? 0.04 : 0.03
        let latestShare = Double(latest.techStaff ?? 0) / Double(max(1, latest.employees ?? 1))
        let highTechShare = Double(latest.highTech ?? 0) / Double(max(1, latest.totalIncome ?? 1))
        hnteLike = Catalog.sectors[firm.sector].domain != nil
            && firm.identity.registeredOn.year < year
            && latestShare >= 0.10
            && totalSales > 0 && Double(totalRD) / Double(totalSales) >= needed
            && Double(totalDomestic) >= 0.6 * Double(totalRD)
            && highTechShare >= 0.6
            && !holdings.ip.isEmpty
    }

    /// Points of the first band whose lower bound the value reaches (bounds in descending order).
    static func band(_ value: Double, _ bounds: [Double], _ points: [Int]) -> Int {
        for (bound, score) in zip(bounds, points) where value >= bound { return score }
        return 0
    }
}
