import Foundation
import LadderCore
import LadderImport
import Testing

@Suite("Registry format 1: every field of the spec example")
struct FieldRoundTripTests {
    static func load() throws -> (ImportReport, [RegistryRecord]) {
        let url = try #require(Bundle.module.url(forResource: "spec-example", withExtension: "xml", subdirectory: "Fixtures"))
        var records: [RegistryRecord] = []
        let report = try RegistryImporter().importFile(url.path, name: "spec-example.xml") { records.append($0) }
        return (report, records)
    }

    @Test("the header and counts are read")
    func header() throws {
        let (report, records) = try Self.load()
        #expect(report.header == RegistryHeader(exportedAt: Day("2025-12-31")!, source: "青岛市科学技术局", region: "370200"))
        #expect(report.records == 4)
        #expect(report.imported == 4)
        #expect(report.rejects.isEmpty)
        #expect(report.warnings.isEmpty)
        #expect(records.count == 4)
        #expect(report.districts == ["370212": 1])
    }

    @Test("every enterprise field lands in the model")
    func enterprise() throws {
        let (_, records) = try Self.load()
        guard case .enterprise(let firm) = records.first else {
            Issue.record("first record is not an enterprise")
            return
        }
        #expect(firm.id == "91370212MA3C4L0X5W")
        #expect(firm.name == "青岛海纳光电科技有限公司")
        #expect(firm.district == "370212")
        #expect(firm.zone == "370271")
        #expect(firm.industry == "I6513")
        #expect(firm.techDomain == .electronicInformation)
        #expect(firm.registeredOn == Day("2016-05-18"))
        #expect(firm.status == .active)
        #expect(firm.resident == true)
        #expect(firm.taxAssessment == .actualProfit)
        #expect(firm.finance.count == 1)
        let year = try #require(firm.finance.first)
        #expect(year.year == 2024)
        #expect(year.employees == 120)
        #expect(year.techStaff == 46)
        #expect(year.revenue == Money(yuan: 58_000_000))
        #expect(year.totalIncome == Money(yuan: 59_500_000))
        #expect(year.totalCost == Money(yuan: 51_000_000))
        #expect(year.totalAssets == Money(yuan: 90_000_000))
        #expect(year.netAssets == Money(yuan: 40_000_000))
        #expect(year.rdExpense == Money(yuan: 3_300_000))
        #expect(year.rdExpenseDomestic == Money(yuan: 3_100_000))
        #expect(year.highTechRevenue == Money(yuan: 41_000_000))
        #expect(year.conversions == 3)
        #expect(firm.ip == [
            IPHolding(ipClass: .one, kind: .inventionPatent, count: 2, acquired: .own),
            IPHolding(ipClass: .two, kind: .softwareCopyright, count: 6, acquired: .own),
        ])
        #expect(firm.certifications == [
            Certification(kind: .highTech, number: "GR202337100123", issued: Day("2023-11-01")!),
            Certification(kind: .techSME, number: "2025370212A0001234", issued: Day("2025-04-10")!),
        ])
        #expect(firm.awards == [Award(level: .national, year: 2021, rank: 2)])
        #expect(firm.rdInstitutions == [RDInstitution(level: .provincial, since: Day("2020-06-01"))])
        #expect(firm.standards == [Standard(level: .industry, role: .lead, year: 2022)])
        #expect(firm.incidents == [Incident(kind: .majorSafety, date: Day("2024-08-02")!)])
        #expect(firm.expertScores == [ExpertScore(item: .ipAdvancement, points: 7)])
        #expect(firm.consortia == [Consortium(role: .lead, level: .provincial)])
        #expect(firm.position?.line == 4)
    }

    @Test("platforms, contracts and brokers are read")
    func otherRecords() throws {
        let (_, records) = try Self.load()
        #expect(records.count == 4)
        guard case .platform(let platform) = records[1], case .contract(let contract) = records[2],
            case .broker(let broker) = records[3]
        else {
            Issue.record("records out of order: \(records)")
            return
        }
        #expect(platform.id == "P-2023-0117")
        #expect(platform.level == .provincial)
        #expect(platform.kind == "key-lab")
        #expect(platform.district == "370212")
        #expect(platform.approved == Day("2023-06-30"))
        #expect(platform.host == "91370212MA3C4L0X5W")
        #expect(contract.id == "3702002024000123")
        #expect(contract.seller == "91370212MA3C4L0X5W")
        #expect(contract.amount == Money(fen: 125_000_000))
        #expect(contract.signed == Day("2024-05-20"))
        #expect(contract.registered == Day("2024-06-03"))
        #expect(contract.kind == "development")
        #expect(broker.id == "B-0421")
        #expect(broker.district == "370203")
        #expect(broker.certified == Day("2023-09-15"))
    }
}
