import Foundation
import GRDB
import LadderCore
import LadderImport
@testable import LadderStore
import Testing

/// A database written by schema v1 (Fixtures/v1, see its README) upgrades in place and reads what its
/// files say.
@Suite("a v1 database upgrades in place")
struct UpgradeTests {
    static let fixtures = CommandRunner.root.path + "/Tests/LadderStoreTests/Fixtures/v1/"

    /// A copy of the v1 database, opened (and so migrated).
    static func upgraded() throws -> (RegistryStore, TemporaryDatabase) {
        let temp = try TemporaryDatabase()
        try FileManager.default.copyItem(atPath: fixtures + "v1.sqlite", toPath: temp.path)
        return (try temp.open(), temp)
    }

    /// The files imported afresh, in the given order, under the names v1 recorded.
    static func fresh(_ names: [String]) throws -> RegistryStore {
        let store = try RegistryStore.inMemory()
        for name in names {
            let path = fixtures + name
            _ = try store.importSnapshot(fileName: name, contentHash: try SHA256.hexDigest(ofFile: path)) { writer in
                _ = try RegistryImporter().importFile(
                    path, name: name, onHeader: { try writer.begin(header: $0) }, onRecord: { try writer.add($0) })
            }
        }
        return store
    }

    @Test("opening a v1 database applies v2 and keeps it sound")
    func migrates() throws {
        let (store, temp) = try Self.upgraded()
        defer { withExtendedLifetime(temp) {} }
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3-accounts", "v4-firm-rows"])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("after the upgrade each date reads its files: the re-sent part replaces the first, the other adds up")
    func readsTheSameNumbers() throws {
        let (store, temp) = try Self.upgraded()
        defer { withExtendedLifetime(temp) {} }
        let dates = try store.snapshotDates()
        #expect(dates.map(\.exportedAt.description) == ["2024-12-31", "2025-12-31"])
        #expect(dates.last?.parts.map(\.fileName) == ["part-b.xml", "part-a-resent.xml"])
        for (date, names) in zip(dates, [["city-2024.xml"], ["part-b.xml", "part-a-resent.xml"]]) {
            let files = try Self.fresh(names)
            let expected = try #require(try files.snapshot(dated: date.exportedAt))
            #expect(try store.enterprises(in: date) == files.enterprises(in: expected))
            #expect(Set(try store.firmClassCounts(in: date)) == Set(try files.firmClassCounts(in: expected)))
            #expect(try store.certifiedTierCounts(in: date) == files.certifiedTierCounts(in: expected))
            #expect(try store.platforms(in: date) == files.platforms(in: expected))
            #expect(try store.contracts(in: date) == files.contracts(in: expected))
            #expect(try store.brokers(in: date) == files.brokers(in: expected))
            #expect(try store.firmCount(in: date) == files.firmCount(in: expected))
            let research = try store.latestResearchTotal(in: date, upTo: 2024)
            let fileResearch = try files.latestResearchTotal(in: expected, upTo: 2024)
            #expect(research?.total == fileResearch?.total && research?.firmsReporting == fileResearch?.firmsReporting)
        }
        // The verdicts v1 stored stay: all of 2024, and those of the part v1 assessed on 2025-12-31.
        #expect(try store.assessments(in: dates[0]).count == 240)
        let resent = try #require(dates.last?.parts.last)
        #expect(try store.assessments(in: dates[1]).count == resent.counts.enterprises * 3)
        #expect(try store.assessmentCoverage(in: dates[1]).stored)
    }

    @Test("a file that v1 kept but the upgrade no longer reads can be imported again and replaces its source's part")
    func replacedPartImportsAgain() throws {
        let (store, temp) = try Self.upgraded()
        defer { withExtendedLifetime(temp) {} }
        let path = Self.fixtures + "part-a.xml"
        let outcome = try store.importSnapshot(fileName: "part-a.xml", contentHash: try SHA256.hexDigest(ofFile: path)) { writer in
            _ = try RegistryImporter().importFile(
                path, name: "part-a.xml", onHeader: { try writer.begin(header: $0) }, onRecord: { try writer.add($0) })
        }
        guard case .replaced(let part, let previous) = outcome else {
            Issue.record("expected a replacement, got \(outcome)")
            return
        }
        #expect(previous.map(\.fileName) == ["part-a-resent.xml"])
        let date = try #require(try store.snapshot(dated: part.exportedAt))
        #expect(date.parts.map(\.fileName) == ["part-b.xml", "part-a.xml"])
        #expect(try store.snapshots().count == 3)
    }
}

/// The v2 migration marks, in a v1 database, the records a later file of the same date also holds.
@Suite("v2 marks the records v1 stored twice on one date")
struct UpgradeShadowTests {
    @Test("a firm id in two v1 snapshots of one date: after the upgrade the later record counts, once")
    func sharedIDsAreShadowed() throws {
        let temp = try TemporaryDatabase()
        let queue = try DatabaseQueue(path: temp.path)
        try RegistryStore.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            // Three v1 snapshots: two files of 2025-12-31 from different sources, one of 2024-12-31.
            for (id, date, source, firms) in [(1, "2025-12-31", "甲", 2), (2, "2025-12-31", "乙", 1), (3, "2024-12-31", "甲", 1)] {
                try db.execute(
                    sql: """
                        INSERT INTO snapshot (snapshot_id, exported_at, source, file_name, content_hash, imported_at,
                                              enterprise_count)
                        VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', ?)
                        """, arguments: [id, date, source, "f\(id).xml", "h\(id)", firms])
            }
            for (snapshot, firm, name) in [(1, "A", "first"), (1, "B", "only in 1"), (2, "A", "second"), (3, "A", "older date")] {
                try db.execute(
                    sql: "INSERT INTO enterprise (snapshot_id, id, name, district, source_line, source_column) VALUES (?, ?, ?, '370202', 3, 5)",
                    arguments: [snapshot, firm, name])
            }
        }
        let store = try temp.open()
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3-accounts", "v4-firm-rows"])
        let dates = try store.snapshotDates()
        let current = try #require(dates.last)
        #expect(current.parts.map(\.fileName) == ["f1.xml", "f2.xml"])
        #expect(try store.enterprises(in: current).map { "\($0.id) \($0.name)" } == ["B only in 1", "A second"])
        #expect(try store.firmCount(in: current) == 2)
        #expect(try store.conflicts(in: current).map { "\($0.shadowed) \($0.standing)" } == ["f1.xml:3:5 f2.xml:3:5"])
        #expect(try store.enterprises(in: dates[0]).map(\.name) == ["older date"])
    }
}
