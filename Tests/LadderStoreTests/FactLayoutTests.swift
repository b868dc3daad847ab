import Foundation
import GRDB
import LadderCore
@testable import LadderStore
import Testing

/// The facts row of a firm (schema v4): its layout matches the frozen migration's views, and what the
/// encoder writes the decoder and SQLite's JSON functions read back exactly.
@Suite("a firm's facts in one row")
struct FactLayoutTests {
    @Test("the layout the writer uses is the one the v4 views read: vocabulary order, frozen")
    func layoutMatchesTheFrozenViews() throws {
        #expect(FactLayout.columns == [
            "finance", "ip", "certification", "award", "rd_institution", "standard", "incident", "expert_score", "consortium",
        ])
        #expect(FactLayout.financeFields == [
            "year", "employees", "tech_staff", "revenue", "total_income", "total_cost", "total_assets", "net_assets",
            "rd_expense", "rd_expense_domestic", "high_tech_revenue", "conversions", "source_line", "source_column",
        ])
        #expect(FactKind.all.map(FactLayout.fields) == [
            ["class", "kind", "count", "acquired"], ["kind", "number", "issued", "expires", "revoked", "valid_until"],
            ["level", "year", "rank"], ["level", "since"], ["level", "role", "year"], ["kind", "date"], ["item", "points"],
            ["role", "level"],
        ])
    }

    /// A firm with every kind of fact, odd text in the certificate number, negative and large money.
    static func oddFirm() -> Enterprise {
        var firm = Fixtures.fullFirm()
        firm.certifications.append(Certification(
            kind: .techSME, number: "A\"B\\C\u{1}\t 中文/é", issued: Fixtures.day("2025-04-01"), expires: nil,
            revoked: Fixtures.day("2025-09-30")))
        firm.finance[0].netAssets = Money(fen: -9_223_372_036_854_775_807)
        firm.finance[0].totalAssets = Money(fen: 999_999_999_999_999)
        firm.incidents = [Incident(kind: .majorSafety, date: Fixtures.day("2024-02-29"))]
        return firm
    }

    @Test("a firm's facts written as JSON read back equal, and SQLite's json functions read the same values")
    func roundTrips() throws {
        let firm = Self.oddFirm()
        var encoder = FactsEncoder()
        encoder.encode(firm)
        var back = Enterprise(id: firm.id, name: firm.name, district: firm.district)
        try EnterpriseReader.fill(&back, file: Fixtures.file) { encoder.columns[$0].isEmpty ? nil : encoder.columns[$0] }
        #expect(back.finance == firm.finance)
        #expect(back.ip == firm.ip)
        #expect(back.certifications == firm.certifications)
        #expect(back.awards == firm.awards && back.rdInstitutions == firm.rdInstitutions)
        #expect(back.standards == firm.standards && back.incidents == firm.incidents)
        #expect(back.expertScores == firm.expertScores && back.consortia == firm.consortia)
        // SQLite reads the same text: the number with its quote, backslash and control character.
        let certification = String(decoding: encoder.columns[1 + FactKind.certification.rawValue], as: UTF8.self)
        let number = try DatabaseQueue().read { db in
            try String.fetchOne(db, sql: "SELECT json_extract(?, '$[\(firm.certifications.count - 1)][1]')",
                                arguments: [certification])
        }
        #expect(number == firm.certifications.last?.number)
        let reencoded = try DatabaseQueue().read { db in
            try String.fetchOne(db, sql: "SELECT json(?)", arguments: [certification])
        }
        #expect(reencoded == certification)
    }

    @Test("text that is not the stored layout is a corrupt value naming the column, not a crash")
    func corruptTextIsAnError() {
        for bad in ["", "[", "[[1,2]", "[[\"x\"]]", "[[2024,\"a\"]]", "{}", "[[2024,1,2,3,4,5,6,7,8,9,10,11,12,\"x\"]]"] {
            #expect(throws: StoreError.self, "\(bad)") {
                var firm = Enterprise(id: "X", name: "X", district: "370202")
                try EnterpriseReader.fill(&firm, file: "f") { $0 == 0 ? Array(bad.utf8) : nil }
            }
        }
        #expect(throws: StoreError.self) {
            var firm = Enterprise(id: "X", name: "X", district: "370202")
            try EnterpriseReader.fill(&firm, file: "f") { $0 == 1 + FactKind.ip.rawValue ? Array("[[\"III\",null,1,null]]".utf8) : nil }
        }
    }

    @Test("the highest valid rung read from the stored text is Enterprise.certifiedTier on every date around the certificates")
    func certifiedRungsAgreeWithTheModel() throws {
        let store = try RegistryStore.inMemory()
        var firms: [Enterprise] = []
        for (index, kinds) in [[Tier.techSME], [.highTech, .techSME], [.leading, .highTech], []].enumerated() {
            var firm = Enterprise(id: "9137020000000000\(index)X", name: "F\(index)", district: "370202")
            for (offset, kind) in kinds.enumerated() {
                firm.certifications.append(Certification(
                    kind: kind, issued: Fixtures.day("202\(2 + offset)-0\(3 + index)-15"),
                    revoked: index == 2 && offset == 0 ? Fixtures.day("2024-07-01") : nil))
            }
            firms.append(firm)
        }
        let outcome = try store.importSnapshot(fileName: "f.xml", contentHash: "h") { writer in
            try writer.begin(header: RegistryHeader(exportedAt: Fixtures.day("2025-12-31")))
            for firm in firms { try writer.add(.enterprise(firm)) }
        }
        let range = try #require(try store.dbQueue.read { db in try RegistryStore.enterpriseRange(of: outcome.snapshot.id, in: db) })
        var day = Fixtures.day("2022-01-01")
        while day <= Fixtures.day("2027-01-01") {
            var found: [Int64: Int] = [:]
            try store.dbQueue.read { db in
                var rungs = try CertifiedRungs(db, range: range, on: day.description)
                while try rungs.next() { found[rungs.id] = rungs.rung }
            }
            for (offset, firm) in firms.enumerated() {
                let row = range.lowerBound + Int64(offset)
                #expect(found[row] == (firm.certifications.isEmpty ? nil : firm.certifiedTier(on: day)?.rung ?? 0),
                        "\(firm.id) on \(day)")
            }
            day = day.adding(days: 17)
        }
    }
}
