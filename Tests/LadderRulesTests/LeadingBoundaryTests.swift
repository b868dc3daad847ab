import LadderCore
import LadderRules
import Testing

/// A valid HNTE that meets all five leading proxies with room to spare (2024 data, assessed mid-2025);
/// tests move one figure to its threshold and one unit below it.
func leadingFirm(revenue: Int64 = 800_000_000, rd: Int64 = 32_000_000, classOneIP: Int = 40,
                 national: Bool = true, leadsConsortium: Bool = true) -> Enterprise {
    var firm = Enterprise(id: "91370212MA3C4L0X5W", name: "测试领军企业", district: "370212")
    firm.registeredOn = Day("2005-03-01")
    firm.techDomain = .electronicInformation
    var year = FinanceYear(year: 2024)
    year.employees = 900
    year.techStaff = 300
    year.revenue = Money(yuan: revenue)
    year.totalIncome = Money(yuan: revenue)
    year.rdExpense = Money(yuan: rd)
    year.rdExpenseDomestic = Money(yuan: rd)
    firm.finance = [year]
    firm.certifications = [Certification(kind: .highTech, number: "GR202337005133", issued: Day("2023-12-07") ?? asOf2025)]
    if classOneIP > 0 { firm.ip = [IPHolding(ipClass: .one, kind: .inventionPatent, count: classOneIP, acquired: .own)] }
    if national { firm.rdInstitutions = [RDInstitution(level: .national, since: Day("2019-01-01"))] }
    if leadsConsortium { firm.consortia = [Consortium(role: .lead, level: .provincial)] }
    return firm
}

@Suite("Leading boundaries (the city's assumption: Rules/leading.xml settings)")
struct LeadingBoundaryTests {
    @Test("sales of exactly 5亿 earn the revenue proxy; one yuan less does not", arguments: [
        (Int64(500_000_000), Interval(1)), (Int64(499_999_999), Interval(0)),
    ] as [(Int64, Interval)])
    func revenue(revenue: Int64, points: Interval) throws {
        let firm = leadingFirm(revenue: revenue, rd: 30_000_000)
        #expect(try criterion(try rung(firm, .leading), "proxy.revenue").points == points)
    }

    @Test("R&D of exactly 3% of sales earns the intensity proxy; one yuan less does not", arguments: [
        (Int64(24_000_000), Interval(1)), (Int64(23_999_999), Interval(0)),
    ] as [(Int64, Interval)])
    func rdIntensity(rd: Int64, points: Interval) throws {
        let firm = leadingFirm(rd: rd)
        #expect(try criterion(try rung(firm, .leading), "proxy.rd").points == points)
    }

    @Test("20 Class I IP items earn the IP proxy; 19 do not", arguments: [(20, Interval(1)), (19, Interval(0))])
    func classOneIP(count: Int, points: Interval) throws {
        #expect(try criterion(try rung(leadingFirm(classOneIP: count), .leading), "proxy.ip").points == points)
    }

    @Test("four proxies of five qualify; three do not, and the pass criterion is the one that fails")
    func proxyCount() throws {
        let four = try rung(leadingFirm(leadsConsortium: false), .leading)
        #expect(four.verdict == .qualified)
        #expect(four.score == Interval(4))
        let three = try rung(leadingFirm(national: false, leadsConsortium: false), .leading)
        #expect(three.verdict == .notQualified)
        #expect(try criterion(three, "pass").verdict == .fail)
    }

    @Test("a high-tech certificate past its third anniversary no longer meets the prerequisite by itself")
    func prerequisite() throws {
        var firm = leadingFirm()
        #expect(try criterion(try rung(firm, .leading), "prereq.high-tech").verdict == .pass)
        firm.certifications = [Certification(kind: .highTech, issued: Day("2022-06-29") ?? asOf2025)]
        #expect(try criterion(try rung(firm, .leading), "prereq.high-tech").verdict != .pass)
    }

    @Test("unknown sales leave the revenue and intensity proxies open, and the rung undetermined at three sure proxies")
    func unknownSales() throws {
        var firm = leadingFirm(leadsConsortium: false)
        firm.finance[0].revenue = nil
        let result = try rung(firm, .leading)
        #expect(try criterion(result, "proxy.revenue").verdict == .unknown)
        #expect(result.verdict == .undetermined)
    }
}
