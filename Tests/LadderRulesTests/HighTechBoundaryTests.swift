import LadderCore
import LadderRules
import Testing

/// Three years of HNTE figures (2022–2024) that pass every condition; tests vary one at a time.
func hnteFirm(latestRevenue: Int64 = 130_000_000, rdTotal: Int64 = 16_000_000, highTech: Int64 = 90_000_000,
              totalIncome: Int64 = 132_000_000) -> Enterprise {
    var firm = Enterprise(id: "91370212MA3C4L0X5W", name: "测试高企", district: "370212")
    firm.registeredOn = Day("2016-05-18")
    firm.techDomain = .electronicInformation
    firm.ip = [IPHolding(ipClass: .one, kind: .inventionPatent, count: 3, acquired: .own)]
    let revenues: [Int64] = [latestRevenue, latestRevenue, latestRevenue]
    for (index, year) in (2022...2024).enumerated() {
        var record = FinanceYear(year: year)
        record.employees = 200
        record.techStaff = 45
        record.revenue = Money(yuan: revenues[index])
        record.totalIncome = Money(yuan: year == 2024 ? totalIncome : revenues[index])
        record.netAssets = Money(yuan: 10_000_000)
        record.totalAssets = Money(yuan: 20_000_000)
        record.rdExpense = Money(fen: rdTotal * 100 / 3 + (year == 2024 ? rdTotal * 100 % 3 : 0))
        record.rdExpenseDomestic = record.rdExpense
        record.highTechRevenue = Money(yuan: year == 2024 ? highTech : revenues[index] * 7 / 10)
        record.conversions = 5
        firm.finance.append(record)
    }
    return firm
}

@Suite("High-tech boundaries (32号, 195号)")
struct HighTechBoundaryTests {
    @Test("the R&D band follows the latest year's sales: exactly 5000万 needs 5%, above needs 4%", arguments: [
        (Int64(50_000_000), Int64(7_500_000), Verdict.pass),  // 5.0% of 3 × 5000万
        (Int64(50_000_000), Int64(7_499_999), Verdict.fail),
        (Int64(50_000_001), Int64(6_000_012), Verdict.pass),  // just above 5000万: 4%
        (Int64(200_000_000), Int64(24_000_000), Verdict.pass),  // exactly 2亿: 4%
        (Int64(200_000_001), Int64(18_000_001), Verdict.pass),  // above 2亿: 3%
        (Int64(200_000_001), Int64(17_999_000), Verdict.fail),
    ] as [(Int64, Int64, Verdict)])
    func rdBand(revenue: Int64, rd: Int64, expected: Verdict) throws {
        let firm = hnteFirm(latestRevenue: revenue, rdTotal: rd, highTech: revenue * 7 / 10, totalIncome: revenue)
        #expect(try criterion(try rung(firm, .highTech), "rd.intensity").verdict == expected)
    }

    @Test("high-tech revenue exactly 60% of total income passes; one yuan under fails; missing is unknown",
          arguments: [(Int64(79_200_000), Verdict.pass), (79_199_999, .fail), (-1, .unknown)] as [(Int64, Verdict)])
    func highTechShare(highTech: Int64, expected: Verdict) throws {
        var firm = hnteFirm(highTech: max(highTech, 0), totalIncome: 132_000_000)
        if highTech < 0 { firm.finance[2].highTechRevenue = nil }
        #expect(try criterion(try rung(firm, .highTech), "hightech.revenue").verdict == expected)
    }

    @Test("tech staff exactly 10% passes and 9.9% fails", arguments: [(1000, 100, Verdict.pass), (1000, 99, .fail)])
    func techShare(employees: Int, tech: Int, expected: Verdict) throws {
        var firm = hnteFirm()
        firm.finance[2].employees = employees
        firm.finance[2].techStaff = tech
        #expect(try criterion(try rung(firm, .highTech), "tech.share").verdict == expected)
    }

    @Test("an HNTE certificate is valid for 3 years: issued 3 years and a day before the date it has expired")
    func certificateValidity() {
        let asOf = Day("2025-06-30") ?? Day(ordinal: 0)
        let expired = Certification(kind: .highTech, issued: asOf.adding(years: -3).adding(days: -1))
        let lastDay = Certification(kind: .highTech, issued: asOf.adding(years: -3).adding(days: 1))
        #expect(!expired.isValid(on: asOf))
        #expect(lastDay.isValid(on: asOf))
        var firm = hnteFirm()
        firm.certifications = [expired]
        let assessment = (shippedLadder?.copy()).map { $0.assess(firm, asOf: asOf) }
        #expect(assessment?.certified == nil)
    }

    @Test("registered at least 365 days: 365 passes, 364 fails", arguments: [(365, Verdict.pass), (364, .fail)])
    func age(days: Int, expected: Verdict) throws {
        var firm = hnteFirm()
        firm.registeredOn = asOf2025.adding(days: -days)
        #expect(try criterion(try rung(firm, .highTech), "age").verdict == expected)
    }

    @Test("growth edge rules: year-1 zero uses the last two years; year-2 zero scores 0; negative base 0 + review",
          arguments: [
            ([Int64(0), 100, 150], Interval(9, 10), false),  // 150/100 − 1 = 50%
            ([100, 0, 150], Interval(0), false),
            ([-100, 100, 150], Interval(0), true),
            ([100, 135, 182], Interval(7, 8), false),  // ½(1.35 + 1.348) − 1 ≈ 34.9%
          ] as [([Int64], Interval, Bool)])
    func growth(values: [Int64], points: Interval, flagged: Bool) throws {
        var firm = hnteFirm()
        for index in 0..<3 { firm.finance[index].netAssets = Money(yuan: values[index] * 10_000) }
        let result = try rung(firm, .highTech)
        #expect(try criterion(result, "growth.net").points == points)
        #expect(result.notes.contains { $0.hasPrefix("manual review") } == flagged)
    }

    @Test("without expert scores the innovation total is a range and the verdict waits for it")
    func expertRange() throws {
        let result = try rung(hnteFirm(), .highTech)
        #expect(result.verdict == .undetermined)
        #expect(result.missingNames.contains("ExpertScore[talent]"))
    }
}

