import Foundation
import LadderCore
@testable import LadderStore

/// A temporary database file, removed (with its journal) when the test is done.
final class TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("test.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ladderstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func open() throws -> RegistryStore { try RegistryStore(path: path) }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

enum Fixtures {
    static let file = "registry-2025.xml"

    static func day(_ text: String) -> Day { Day(text)! }

    /// A firm with every field of the model set, money to the fen.
    static func fullFirm(id: String = "91370212MA3C4L0X5W", line: Int = 3) -> Enterprise {
        var firm = Enterprise(id: id, name: "青岛海纳光电科技有限公司", district: "370212")
        firm.zone = "370271"
        firm.industry = "I6513"
        firm.techDomain = .electronicInformation
        firm.registeredOn = day("2016-05-18")
        firm.status = .active
        firm.resident = true
        firm.taxAssessment = .actualProfit
        var y2023 = FinanceYear(year: 2023)
        y2023.employees = 110
        y2023.techStaff = 40
        y2023.revenue = Money(fen: 5_000_000_001)
        y2023.position = SourcePosition(file: file, line: line + 9, column: 5)
        var y2024 = FinanceYear(year: 2024)
        y2024.employees = 120
        y2024.techStaff = 46
        y2024.revenue = Money(yuan: 58_000_000)
        y2024.totalIncome = Money(yuan: 59_500_000)
        y2024.totalCost = Money(yuan: 51_000_000)
        y2024.totalAssets = Money(yuan: 90_000_000)
        y2024.netAssets = Money(fen: -123)
        y2024.rdExpense = Money(fen: 330_000_050)
        y2024.rdExpenseDomestic = Money(yuan: 3_100_000)
        y2024.highTechRevenue = .zero
        y2024.conversions = 3
        y2024.position = SourcePosition(file: file, line: line + 12, column: 5)
        firm.finance = [y2023, y2024]
        firm.ip = [
            IPHolding(ipClass: .one, kind: .inventionPatent, count: 2, acquired: .own),
            IPHolding(ipClass: .two, kind: .softwareCopyright, count: 6, acquired: .transfer),
            IPHolding(ipClass: .two, count: 1),
        ]
        firm.certifications = [
            Certification(kind: .highTech, number: "GR202337100123", issued: day("2023-11-01")),
            Certification(kind: .techSME, number: "2025370212A0001234", issued: day("2025-04-10"),
                          expires: day("2025-12-31"), revoked: day("2025-09-01")),
            Certification(kind: .leading, issued: day("2024-03-01")),
        ]
        firm.awards = [Award(level: .national, year: 2021, rank: 2), Award(level: .municipal, year: 2019)]
        firm.rdInstitutions = [RDInstitution(level: .provincial, since: day("2020-06-01")), RDInstitution(level: .municipal)]
        firm.standards = [Standard(level: .industry, role: .lead, year: 2022), Standard(level: .group, role: .participant, year: 2023)]
        firm.incidents = [Incident(kind: .majorSafety, date: day("2024-08-02"))]
        firm.expertScores = [ExpertScore(item: .ipAdvancement, points: 7), ExpertScore(item: .talent, points: 0)]
        firm.consortia = [Consortium(role: .lead, level: .provincial), Consortium(role: .member, level: .national)]
        firm.position = SourcePosition(file: file, line: line, column: 3)
        return firm
    }

    /// A firm with only the required fields: everything else unknown or none on record.
    static func bareFirm(id: String, district: String = "370203") -> Enterprise {
        Enterprise(id: id, name: "Bare \(id)", district: district)
    }

    static func platform() -> Platform {
        var platform = Platform(id: "P-2023-0117", level: .provincial, kind: "key-lab", district: "370212",
                                approved: day("2023-06-30"), host: "91370212MA3C4L0X5W")
        platform.position = SourcePosition(file: file, line: 40, column: 3)
        return platform
    }

    static func contract() -> TechContract {
        var contract = TechContract(id: "3702002024000123", seller: "91370212MA3C4L0X5W", amount: Money(fen: 125_000_050),
                                    signed: day("2024-05-20"), registered: day("2024-06-03"), kind: "development")
        contract.position = SourcePosition(file: file, line: 41, column: 3)
        return contract
    }

    static func broker() -> Broker {
        var broker = Broker(id: "B-0421", district: "370203", certified: day("2023-09-15"))
        broker.position = SourcePosition(file: file, line: 42, column: 3)
        return broker
    }

    static let header2025 = RegistryHeader(exportedAt: Day("2025-12-31")!, source: "青岛市科学技术局", region: "370200")
    static let header2026 = RegistryHeader(exportedAt: Day("2026-06-30")!, source: "青岛市科学技术局", region: "370200")

    /// Imports records as one file.
    @discardableResult
    static func importRecords(
        _ records: [RegistryRecord], into store: RegistryStore, header: RegistryHeader = header2025,
        hash: String = "hash-1", fileName: String = file
    ) throws -> ImportOutcome {
        try store.importSnapshot(fileName: fileName, contentHash: hash) { writer in
            try writer.begin(header: header)
            for record in records { try writer.add(record) }
        }
    }
}
