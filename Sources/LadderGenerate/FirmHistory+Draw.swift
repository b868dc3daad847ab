import LadderCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drawing a firm's figures year by year, its IP and its recognitions.
extension FirmHistory {
    /// The firm's yearly figures from `firstYear` to the year before the horizon. HNTE firms draw R&D,
    /// staff, high-tech revenue, conversions and growth that clear the rules with a margin; tech SMEs
    /// stay small with R&D and staff that score; after its last certificate a declining firm cuts
    /// R&D, loses staff and sales (the audit-risk findings).
    mutating func drawFinance(horizon: Int, rng: inout RandomStream) {
        let track = plan.track
        let isTech = Catalog.sectors[sector].domain != nil
        let founded = plan.founded
        var staff: Double
        // Sales per head (yuan): sized so that the registry's R&D sum stays below the city's total R&D.
        var perHead = rng.logNormal(median: track == .highTech ? 300_000 : 200_000, sigma: 0.45)
        var rdRatio: Double, techShare: Double, highTechShare: Double, conversionMean: Double
        var trend: Double
        switch track {
        case .highTech:
            staff = plan.leading ? rng.logUniform(1_200, 5_000) : rng.logNormal(median: 60, sigma: 0.8)
            if plan.leading { perHead = max(perHead, 700_000) }
            techShare = rng.uniform(0.14, 0.5)
            highTechShare = rng.uniform(0.7, 0.97)
            conversionMean = rng.uniform(5.5, 10)
            trend = rng.uniform(0.08, 0.32)
            let sales = staff * perHead
            // The band follows the latest sales at each application, which were smaller in earlier years.
            let band = sales <= 200_000_000 ? 0.05 : 0.04
            rdRatio = band * rng.uniform(1.1, 1.6)
        case .techSME:
            staff = rng.logNormal(median: 38, sigma: 0.75)
            techShare = rng.uniform(0.15, 0.6)
            highTechShare = rng.uniform(0.3, 0.95)
            conversionMean = rng.uniform(0.5, 4)
            trend = rng.uniform(-0.02, 0.3)
            rdRatio = rng.uniform(0.035, 0.14)
        case .candidate:
            staff = rng.logNormal(median: 45, sigma: 0.95)
            techShare = rng.uniform(0.04, 0.35)
            highTechShare = rng.uniform(0.2, 0.85)
            conversionMean = rng.uniform(0, 3)
            trend = rng.uniform(-0.15, 0.35)
            rdRatio = rng.chance(0.3) ? rng.uniform(0.001, 0.02) : rng.uniform(0.02, 0.08)
        case .ordinary:
            staff = rng.logNormal(median: 30, sigma: 1)
            techShare = rng.uniform(0.01, 0.12) * (isTech ? 1 : 0.4)
            highTechShare = isTech ? rng.uniform(0.1, 0.6) : 0
            conversionMean = rng.uniform(0, isTech ? 1.5 : 0.3)
            trend = rng.uniform(-0.15, 0.3)
            rdRatio = rng.chance(0.4) ? 0 : rng.uniform(0.001, 0.02)
        }
        staff = min(9_000, max(3, staff))
        let sizeLimits = track == .ordinary && rng.chance(0.003)
        let domestic = track == .highTech ? rng.uniform(0.8, 1) : [rng.uniform(0.7, 1), rng.uniform(0.3, 0.6), 1.0][
            rng.pick(weights: [0.8, 0.15, 0.05])]
        let assetTurn = rng.uniform(0.5, 1.8), equityShare = rng.uniform(0.2, 0.75)
        let negativeEquity = track == .ordinary && rng.chance(0.05)
        let withCents = !wanYuan && !sizeLimits && rng.chance(0.1)
        let preRevenue = track == .ordinary && founded.year >= horizon - 2 && rng.chance(0.25)
        let declineFrom = plan.declines ? (plan.lastApplication ?? horizon + 1) : horizon + 1
        let first = Self.firstYear(plan: plan, horizon: horizon)
        // The drawn size is the size near the calibration year: start smaller by the trend's growth.
        let span = Double(max(0, horizon - 1 - first))
        var revenue = staff * perHead / pow(1 + max(-0.1, trend), span)
        var heads = max(1, staff / pow(1 + max(-0.1, trend) * 0.5, span))
        years.removeAll(keepingCapacity: true)
        guard first <= horizon - 1 else { return }
        for y in first...(horizon - 1) {
            var growth = trend + rng.uniform(-0.06, 0.06)
            var ratio = rdRatio * rng.uniform(0.92, 1.08)
            var conversions = conversionMean
            var share = techShare
            if y >= declineFrom {
                growth = rng.uniform(-0.3, -0.05)
                ratio *= rng.uniform(0.25, 0.6)
                conversions *= 0.25
                share *= 0.7
            }
            if y > first {
                revenue *= 1 + growth
                heads *= 1 + growth * 0.5 + rng.uniform(-0.04, 0.04)
            }
            var f = FinanceFigures(year: y)
            var sales = revenue
            if y == founded.year { sales *= Double(13 - founded.month) / 12 }
            if preRevenue && y <= founded.year + 1 { sales = 0 }
            if sizeLimits { sales = 200_000_000 }
            let employees = sizeLimits ? 500 : max(1, Int(heads.rounded()))
            f.employees = employees
            f.techStaff = min(employees, Int((Double(employees) * share * rng.uniform(0.95, 1.05)).rounded()))
            f.revenue = yuan(sales, withCents, &rng)
            let rdYuan = sales > 0 ? sales * ratio : rng.logUniform(50_000, 2_000_000) * (rdRatio > 0 ? 1 : 0)
            f.rd = yuan(rdYuan, withCents, &rng)
            f.rdDomestic = min(f.rd ?? 0, yuan(rdYuan * domestic, withCents, &rng))
            let income = sales * rng.uniform(1, 1.05) + (sales == 0 ? rng.uniform(0, 300_000) : 0)
            f.totalIncome = max(yuan(income, withCents, &rng), f.revenue ?? 0)
            f.totalCost = yuan(max(sales * rng.uniform(0.75, 1.0), rdYuan * rng.uniform(1.2, 3)), withCents, &rng)
            let assets = sizeLimits ? 200_000_000 : max(500_000, max(sales, 1_000_000) * assetTurn)
            f.totalAssets = yuan(assets, withCents, &rng)
            f.netAssets = yuan(negativeEquity ? -assets * rng.uniform(0.02, 0.3) : assets * equityShare,
                               withCents, &rng)
            let highShare = min(1, highTechShare * rng.uniform(0.97, 1.03))
            f.highTech = isTech ? min(f.totalIncome ?? 0, yuan(income * highShare, withCents, &rng))
                : rng.chance(0.5) ? 0 : nil
            // HNTE firms convert steadily (their 3-year average is scored); others vary more.
            f.conversions = track == .highTech ? Int((conversions * rng.uniform(0.7, 1.3)).rounded())
                : rng.count(mean: conversions, cap: 40)
            omitSome(&f, rng: &rng)
            years.append(f)
        }
        plant(rng: &rng)
    }

    /// Leaves some values out, as real exports do (an absent value is unknown, never zero).
    func omitSome(_ f: inout FinanceFigures, rng: inout RandomStream) {
        let rare = plan.track == .highTech || plan.track == .techSME ? 0.25 : 1.0
        if rng.chance(0.02 * rare) {
            f.rd = nil
            f.rdDomestic = nil
        }
        if rng.chance(0.01 * rare) {
            f.employees = nil
            f.techStaff = nil
        }
        if rng.chance(0.005 * rare) { f.highTech = nil }
        if rng.chance(0.005 * rare) { f.totalIncome = nil }
        if rng.chance(0.01 * rare) { f.conversions = nil }
    }

    /// Plants the finance-level problems listed in `PlantedProblem` in one year each.
    mutating func plant(rng: inout RandomStream) {
        guard !years.isEmpty else { return }
        if rng.chance(0.004) {
            let at = years.count - 1 - rng.below(min(3, years.count))
            if let heads = years[at].employees {
                years[at].techStaff = heads + 1 + rng.below(10)
                plantedTechStaff = years[at].year
            }
        }
        if rng.chance(0.004) {
            let at = years.count - 1 - rng.below(min(3, years.count))
            if let rd = years[at].rd {
                years[at].rdDomestic = rd + (wanYuan ? 10_000 : 100) * Int64(1 + rng.below(500))
                plantedDomesticRD = years[at].year
            }
        }
    }

    /// IP lines: invention patents (most HNTE firms, half the tech SMEs), other Class I kinds by
    /// sector, utility models, software copyrights and designs; counts grow from the year first held.
    mutating func drawIP(rng: inout RandomStream) {
        let s = Catalog.sectors[sector]
        let isTech = s.domain != nil
        let start = max(plan.founded.year, (years.first?.year ?? plan.founded.year) - 2)
        func since() -> Int { start + rng.below(2) }
        let heads = Double(years.last?.employees ?? 30)
        let invention: Double
        switch plan.track {
        case .highTech: invention = 0.78
        case .techSME: invention = 0.5
        case .candidate: invention = 0.25
        case .ordinary: invention = isTech ? 0.08 : 0.01
        }
        if rng.chance(invention) {
            let rate = plan.leading ? rng.uniform(12, 45) : rng.uniform(0.4, 1.5) + heads / 400
            ip.append(IPLine(classOne: true, kind: .inventionPatent, rate: rate, since: since(), transfer: false))
            if rng.chance(0.08) {
                ip.append(IPLine(classOne: true, kind: .inventionPatent, rate: rng.uniform(0.2, 0.6), since: since(),
                                 transfer: true))
            }
        }
        for (kind, chance) in s.otherClassOne where rng.chance(chance) {
            ip.append(IPLine(classOne: true, kind: kind, rate: rng.uniform(0.2, 0.6), since: since(),
                             transfer: rng.chance(0.1)))
        }
        let certified = plan.track == .highTech || plan.track == .techSME
        let classTwo: [(kind: IPKind, chance: Double, rate: Double)] = [
            (.utilityModel, certified ? 0.9 : isTech ? 0.5 : 0.1, rng.uniform(1.2, 4) + heads / 60),
            (.softwareCopyright, s.software, rng.uniform(1, 4) + heads / 80),
            (.design, 0.12, rng.uniform(0.3, 1.2)),
        ]
        for line in classTwo where rng.chance(line.chance) {
            ip.append(IPLine(classOne: false, kind: line.kind, rate: line.rate, since: since(),
                             transfer: rng.chance(0.05)))
        }
    }

    /// Awards, R&D institutions, standards, incidents and consortia, each dated.
    mutating func drawRecognitions(horizon: Int, rng: inout RandomStream) {
        let big = (years.last?.employees ?? 0) > 300
        let hnte = plan.track == .highTech
        let founded = plan.founded
        let span = max(1, horizon - founded.year + 1)
        if rng.chance(0.02 + (hnte ? 0.06 : 0) + (big ? 0.05 : 0)) {
            for _ in 0...rng.count(mean: 0.4, cap: 4) {
                let level: Level = [.national, .provincial, .municipal][rng.pick(weights: [0.12, 0.38, 0.5])]
                awards.append((level, horizon - rng.below(min(span, 9)), 1 + rng.count(mean: 1.5, cap: 9)))
            }
        }
        if plan.leading || rng.chance(0.04 + (hnte ? 0.12 : 0) + (big ? 0.1 : 0)) {
            let level: Level = plan.leading && rng.chance(0.8) ? .national
                : [.national, .provincial, .municipal][rng.pick(weights: [0.05, 0.35, 0.6])]
            let start = founded.ordinal + 365
            let end = (Day(year: horizon, month: 12, day: 31) ?? founded).ordinal
            institutions.append((level, Day(ordinal: start + rng.below(max(1, end - start)))))
        }
        if rng.chance(0.03 + (big ? 0.06 : 0) + (hnte ? 0.04 : 0)) {
            for _ in 0...rng.count(mean: 0.5, cap: 5) {
                let level = Catalog.standardLevelCases[rng.pick(weights: Catalog.standardWeights)]
                standards.append((level, rng.chance(0.35), horizon - rng.below(min(span, 10))))
            }
        }
        if rng.chance(0.006) {
            let start = (Day(year: max(founded.year, horizon - 6), month: 1, day: 1) ?? founded).ordinal
            let end = (Day(year: horizon, month: 12, day: 31) ?? founded).ordinal
            incidents.append((Catalog.incidentCases[rng.pick(weights: Catalog.incidentWeights)],
                              Day(ordinal: start + rng.below(max(1, end - start + 1)))))
        }
        if plan.leading {
            consortia.append((rng.chance(0.8), rng.chance(0.4) ? .national : .provincial))
        } else if rng.chance(0.01 + (big ? 0.05 : 0)) {
            consortia.append((rng.chance(0.25), rng.chance(0.2) ? .national : .provincial))
        }
    }
}
