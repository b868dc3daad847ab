import LadderCore
import LadderRules
import Testing

/// A firm that passes every tech-SME condition; tests vary one figure at a time.
func smeFirm(_ change: (inout FinanceYear) -> Void = { _ in }, ipClassI: Int = 1) -> Enterprise {
    var firm = Enterprise(id: "91370212MA3C4L0X5W", name: "测试企业", district: "370212")
    firm.industry = "I6513"
    firm.registeredOn = Day("2016-05-18")
    firm.resident = true
    firm.taxAssessment = .actualProfit
    firm.techDomain = .electronicInformation
    var year = FinanceYear(year: 2024)
    year.employees = 100
    year.techStaff = 30
    year.revenue = Money(yuan: 50_000_000)
    year.totalIncome = Money(yuan: 50_000_000)
    year.totalCost = Money(yuan: 45_000_000)
    year.totalAssets = Money(yuan: 90_000_000)
    year.rdExpense = Money(yuan: 3_000_000)
    change(&year)
    firm.finance = [year]
    if ipClassI > 0 { firm.ip = [IPHolding(ipClass: .one, kind: .inventionPatent, count: ipClassI, acquired: .own)] }
    return firm
}

let asOf2025 = Day("2025-06-30") ?? Day(ordinal: 0)

func rung(_ firm: Enterprise, _ tier: Tier, asOf: Day = asOf2025) throws -> TierAssessment {
    let ladder = try #require(shippedLadder).copy()
    return try #require(ladder.assess(firm, asOf: asOf)[tier])
}

func criterion(_ rung: TierAssessment, _ id: String) throws -> CriterionResult {
    try #require(rung.criteria.first { $0.id == id })
}

@Suite("Tech-SME boundaries (115号)")
struct TechSMEBoundaryTests {
    @Test("size limits are inclusive upper bounds; one unit over fails; missing is unknown", arguments: [
        ("size.staff", 500.0, Verdict.pass), ("size.staff", 501, .fail), ("size.staff", -1, .unknown),
        ("size.revenue", 200_000_000, .pass), ("size.revenue", 200_000_000.01, .fail), ("size.revenue", -1, .unknown),
        ("size.assets", 200_000_000, .pass), ("size.assets", 200_000_000.01, .fail), ("size.assets", -1, .unknown),
    ])
    func size(id: String, value: Double, expected: Verdict) throws {
        let firm = smeFirm { year in
            let money = value < 0 ? nil : Money(fen: Int64((value * 100).rounded()))
            switch id {
            case "size.staff": year.employees = value < 0 ? nil : Int(value)
            case "size.revenue":
                year.revenue = money
                year.totalIncome = money.map { $0 + Money(yuan: 1) }
            default: year.totalAssets = money
            }
        }
        #expect(try criterion(try rung(firm, .techSME), id).verdict == expected)
    }

    @Test("tech-staff share bands: 10% scores 4, 9.9% scores 0", arguments: [
        (1000, 300, 20.0), (1000, 299, 16), (1000, 250, 16), (1000, 200, 12), (1000, 150, 8), (1000, 100, 4), (1000, 99, 0),
    ])
    func staffBands(employees: Int, tech: Int, points: Double) throws {
        let firm = smeFirm { year in
            year.employees = employees
            year.techStaff = tech
            year.revenue = Money(yuan: 100_000_000)
            year.totalIncome = year.revenue
        }
        #expect(try criterion(try rung(firm, .techSME), "staff").points == Interval(points))
    }

    @Test("a 9.9% tech-staff share fails the pass mark even with 80 points")
    func zeroStaffScoreFails() throws {
        let firm = smeFirm { year in
            year.employees = 1000
            year.techStaff = 99
            year.revenue = Money(yuan: 100_000_000)
            year.rdExpense = Money(yuan: 6_000_000)
        }
        let result = try rung(firm, .techSME)
        #expect(result.score == Interval(80))
        #expect(result.verdict == .notQualified)
        #expect(try criterion(result, "pass").verdict == .fail)
    }

    @Test("R&D bands by sales: exactly 6% scores 50, one yuan under scores 40; missing R&D is a range", arguments: [
        (Int64(3_000_000), 50.0), (Int64(2_999_999), 40.0), (Int64(2_500_000), 40.0), (Int64(999_999), 0.0),
    ] as [(Int64, Double)])
    func rdBands(rd: Int64, points: Double) throws {
        let firm = smeFirm { year in
            year.revenue = Money(yuan: 50_000_000)
            year.totalCost = Money(yuan: 500_000_000)  // cost ratio stays under 10%
            year.rdExpense = Money(yuan: rd)
        }
        #expect(try criterion(try rung(firm, .techSME), "rd").points == Interval(points))
    }

    @Test("the R&D score takes the better of the sales and cost ratios")
    func betterRatio() throws {
        let firm = smeFirm { year in
            year.revenue = Money(yuan: 100_000_000)
            year.totalCost = Money(yuan: 10_000_000)
            year.rdExpense = Money(yuan: 3_000_000)  // 3% of sales → 20; 30% of costs → 50
        }
        #expect(try criterion(try rung(firm, .techSME), "rd").points == Interval(50))
    }

    @Test("missing R&D: cannot reach 60 → not qualified; could reach 60 → undetermined with what to collect")
    func missingRD() throws {
        let low = smeFirm({ year in
            year.techStaff = 12
            year.rdExpense = nil
        }, ipClassI: 0)
        #expect(try rung(low, .techSME).verdict == .notQualified)
        let open = smeFirm({ year in year.rdExpense = nil }, ipClassI: 0)
        let result = try rung(open, .techSME)
        #expect(result.verdict == .undetermined)
        #expect(result.score == Interval(20, 70))
        #expect(result.missingNames == ["Finance[2024].RDExpense"])
    }

    @Test("a revoked or expired HNTE certificate no longer confirms directly")
    func directRouteNeedsValidCertificate() throws {
        var firm = smeFirm({ year in year.techStaff = 5 }, ipClassI: 0)
        firm.certifications = [Certification(kind: .highTech, issued: Day("2023-01-10") ?? asOf2025)]
        #expect(try rung(firm, .techSME).route == "direct.high-tech")
        firm.certifications[0].revoked = Day("2025-01-01")
        #expect(try rung(firm, .techSME).verdict == .notQualified)
    }
}
