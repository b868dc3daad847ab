import Foundation
import LadderCore
import Testing
@testable import LadderStore

@Suite("Registry store: import, idempotence, atomicity, round trip")
struct RegistryStoreTests {
    @Test("a new database file has the frozen v1 migration and passes the integrity check")
    func freshDatabase() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3-accounts", "v4-firm-rows"])
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.snapshots().isEmpty)
        #expect(try store.latestSnapshot() == nil)
    }

    @Test("a firm with every field set reads back equal, with platforms, contracts and brokers")
    func everyFieldRoundTrips() throws {
        let temp = try TemporaryDatabase()
        let firm = Fixtures.fullFirm()
        let outcome = try Fixtures.importRecords(
            [.enterprise(firm), .platform(Fixtures.platform()), .contract(Fixtures.contract()), .broker(Fixtures.broker())],
            into: temp.open())
        guard case .imported(let snapshot) = outcome else {
            Issue.record("expected a new snapshot, got \(outcome)")
            return
        }
        #expect(snapshot.counts == Snapshot.Counts(enterprises: 1, platforms: 1, contracts: 1, brokers: 1))

        let reopened = try temp.open()
        let stored = try #require(try reopened.latestSnapshot())
        #expect(stored.id == snapshot.id)
        #expect(stored.header == Fixtures.header2025)
        #expect(stored.counts == snapshot.counts)
        #expect(try reopened.enterprises(in: stored) == [firm])
        #expect(try reopened.enterprise(id: firm.id, in: stored) == firm)
        #expect(try reopened.platforms(in: stored) == [Fixtures.platform()])
        #expect(try reopened.contracts(in: stored) == [Fixtures.contract()])
        #expect(try reopened.brokers(in: stored) == [Fixtures.broker()])
    }

    @Test("unknown values stay NULL in the database and nil in the model, never zero")
    func unknownStaysNull() throws {
        let temp = try TemporaryDatabase()
        var firm = Fixtures.bareFirm(id: "91370203MA00000001")
        firm.finance = [FinanceYear(year: 2024)]
        let store = try temp.open()
        try Fixtures.importRecords([.enterprise(firm)], into: store)
        let snapshot = try #require(try store.latestSnapshot())
        #expect(try store.enterprises(in: snapshot) == [firm])
        let nulls = try store.dbQueue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM finance_year WHERE employees IS NULL AND tech_staff IS NULL AND revenue IS NULL
                AND total_income IS NULL AND total_cost IS NULL AND total_assets IS NULL AND net_assets IS NULL
                AND rd_expense IS NULL AND rd_expense_domestic IS NULL AND high_tech_revenue IS NULL
                AND conversions IS NULL
                """)
        }
        #expect(nulls == 1)
        let firmNulls = try store.dbQueue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM enterprise WHERE zone IS NULL AND industry IS NULL AND tech_domain IS NULL
                AND registered_on IS NULL AND status IS NULL AND resident IS NULL AND tax_assessment IS NULL
                """)
        }
        #expect(firmNulls == 1)
    }

    @Test("importing the same content again adds nothing and names the existing snapshot")
    func reimportIsIdempotent() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        let first = try Fixtures.importRecords([.enterprise(Fixtures.fullFirm())], into: store)
        var bodyCalled = false
        let second = try store.importSnapshot(fileName: "copy.xml", contentHash: "hash-1") { _ in bodyCalled = true }
        #expect(!bodyCalled)
        #expect(second == .alreadyImported(first.snapshot))
        #expect(try store.snapshots().count == 1)
        #expect(try store.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enterprise") } == 1)
    }

    @Test("two exports of different dates make two snapshots, each found by its date")
    func secondSnapshot() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        let firm = Fixtures.fullFirm()
        var later = firm
        later.finance.append(FinanceYear(year: 2025))
        try Fixtures.importRecords([.enterprise(firm)], into: store)
        try Fixtures.importRecords([.enterprise(later), .enterprise(Fixtures.bareFirm(id: "B2"))], into: store,
                                   header: Fixtures.header2026, hash: "hash-2", fileName: "registry-2026.xml")
        let snapshots = try store.snapshots()
        #expect(snapshots.map(\.exportedAt) == [Fixtures.header2025.exportedAt, Fixtures.header2026.exportedAt])
        #expect(snapshots.map(\.counts.enterprises) == [1, 2])
        #expect(try store.latestSnapshot()?.id == snapshots[1].id)
        #expect(try store.snapshot(on: Fixtures.day("2025-12-31"))?.id == snapshots[0].id)
        #expect(try store.snapshot(on: Fixtures.day("2026-01-01")) == nil)
        #expect(try store.snapshot(asOf: Fixtures.day("2026-01-01"))?.id == snapshots[0].id)
        #expect(try store.enterprises(in: snapshots[0]) == [firm])
        var expectedLater = later
        expectedLater.position?.file = "registry-2026.xml"
        for index in expectedLater.finance.indices { expectedLater.finance[index].position?.file = "registry-2026.xml" }
        var bare = Fixtures.bareFirm(id: "B2")
        bare.position = nil
        #expect(try store.enterprises(in: snapshots[1]) == [expectedLater, bare])
    }

    @Test("with a new file size the hash is asked for after the records; with a known size, before")
    func hashTiming() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        var events: [String] = []
        let first = try store.importSnapshot(fileName: "a.xml", fileSize: 100, contentHash: {
            events.append("hash")
            return "h-a"
        }) { writer in
            events.append("body")
            try writer.begin(header: Fixtures.header2025)
        }
        #expect(events == ["body", "hash"])
        #expect(first.snapshot.fileSize == 100 && first.snapshot.contentHash == "h-a")
        events = []
        let again = try store.importSnapshot(fileName: "copy.xml", fileSize: 100, contentHash: {
            events.append("hash")
            return "h-a"
        }) { _ in events.append("body") }
        #expect(events == ["hash"])
        #expect(again == .alreadyImported(first.snapshot))
        // Same content announced with another size: found after the body, rolled back.
        let late = try store.importSnapshot(fileName: "odd.xml", fileSize: 7, contentHash: { "h-a" }) { writer in
            try writer.begin(header: Fixtures.header2026)
            try writer.add(.enterprise(Fixtures.fullFirm()))
        }
        #expect(late == .alreadyImported(first.snapshot))
        #expect(try store.snapshots() == [first.snapshot])
        #expect(try store.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enterprise") } == 0)
    }

    @Test("empty text is stored as empty text, not NULL")
    func emptyText() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        var firm = Fixtures.bareFirm(id: "E1")
        firm.name = ""
        firm.industry = ""
        try Fixtures.importRecords([.enterprise(firm)], into: store)
        let snapshot = try #require(try store.latestSnapshot())
        #expect(try store.enterprises(in: snapshot) == [firm])
    }

    struct ParseFailure: Error {}

    @Test("an error thrown midway through a file leaves the database exactly as before")
    func failureRollsBack() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        try Fixtures.importRecords([.enterprise(Fixtures.fullFirm())], into: store)
        let before = try store.snapshots()
        #expect(throws: ParseFailure.self) {
            try store.importSnapshot(fileName: "truncated.xml", contentHash: "hash-2") { writer in
                try writer.begin(header: Fixtures.header2026)
                for index in 0..<500 { try writer.add(.enterprise(Fixtures.fullFirm(id: "F\(index)"))) }
                try writer.recordReject(recordID: "X", position: SourcePosition(file: "t", line: 9, column: 1), reason: "bad")
                throw ParseFailure()
            }
        }
        let reopened = try temp.open()
        #expect(try reopened.snapshots() == before)
        let rows = try reopened.dbQueue.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM enterprise) + (SELECT COUNT(*) FROM ip) + (SELECT COUNT(*) FROM rejected_record)")
        }
        #expect(rows == 1 + 3)
        #expect(try reopened.integrityCheck() == ["ok"])
        // The same content can then be imported once the file is mended.
        let retry = try Fixtures.importRecords([], into: reopened, header: Fixtures.header2026, hash: "hash-2")
        #expect(retry.snapshot.counts.enterprises == 0)
    }

    @Test("a file without a header stores nothing")
    func missingHeader() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        #expect(throws: StoreError.missingHeader(file: "empty.xml")) {
            try store.importSnapshot(fileName: "empty.xml", contentHash: "h") { _ in }
        }
        #expect(throws: StoreError.recordBeforeHeader) {
            try store.importSnapshot(fileName: "x.xml", contentHash: "h") { writer in
                try writer.add(.broker(Fixtures.broker()))
            }
        }
        #expect(try store.snapshots().isEmpty)
    }

    @Test("rejected records are kept with position and reason")
    func rejects() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        let outcome = try store.importSnapshot(fileName: Fixtures.file, contentHash: "h") { writer in
            try writer.begin(header: Fixtures.header2025)
            try writer.recordReject(recordID: "BAD", position: SourcePosition(file: Fixtures.file, line: 7, column: 3),
                                    reason: "District code 999999 is not a GB/T 2260 code")
        }
        #expect(outcome.snapshot.counts.rejected == 1)
        #expect(try store.rejectedRecords(in: outcome.snapshot) == [
            RejectedRecord(recordID: "BAD", position: SourcePosition(file: Fixtures.file, line: 7, column: 3),
                           reason: "District code 999999 is not a GB/T 2260 code"),
        ])
    }
}
