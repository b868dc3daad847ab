import Foundation
import GRDB
import LadderCore
import LadderImport
@testable import LadderStore
import Testing

/// A database written by schema v3 (Fixtures/v3, see its README: five parts of two dates, a replaced
/// part, shadowed records with verdicts, odd text) upgrades in place through `v4-firm-rows` and reads
/// what it read before, and what the same files imported afresh read.
@Suite("a v3 database upgrades to one row of facts and one of verdicts per firm")
struct FirmRowsUpgradeTests {
    static let fixtures = CommandRunner.root.path + "/Tests/LadderStoreTests/Fixtures/v3/"
    /// The tables v4 turns into views, with their v3 columns.
    static let factTables = [
        "finance_year", "ip", "certification", "award", "rd_institution", "standard", "incident", "expert_score", "consortium",
    ]

    /// A copy of the v3 database: unopened, or opened (and so migrated).
    static func copy() throws -> TemporaryDatabase {
        let temp = try TemporaryDatabase()
        try FileManager.default.copyItem(atPath: fixtures + "v3.sqlite", toPath: temp.path)
        return temp
    }

    /// Every row of a table or view, ordered by all its columns, as text.
    static func rows(_ db: Database, _ table: String) throws -> [String] {
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
        let order = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(order) FROM \(table) ORDER BY \(order)").map { row in
            columns.indices.map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|")
        }
    }

    /// The parts' files imported afresh by today's code, in the v3 database's import order.
    static func fresh(_ parts: [Snapshot]) throws -> RegistryStore {
        let store = try RegistryStore.inMemory()
        for part in parts.sorted(by: { $0.id < $1.id }) {
            let path = fixtures + part.fileName
            _ = try store.importSnapshot(fileName: part.fileName, contentHash: try SHA256.hexDigest(ofFile: path)) { writer in
                _ = try RegistryImporter().importFile(
                    path, name: part.fileName, onHeader: { try writer.begin(header: $0) }, onRecord: { try writer.add($0) })
            }
        }
        return store
    }

    @Test("the upgrade applies v4, keeps the file sound, and the views give every row the v3 tables held")
    func viewsKeepTheRows() throws {
        let temp = try Self.copy()
        var before: [String: [String]] = [:]
        try DatabaseQueue(path: temp.path).read { db in
            for table in Self.factTables + ["assessment"] { before[table] = try Self.rows(db, table) }
        }
        let store = try temp.open()
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3-accounts", "v4-firm-rows"])
        #expect(try store.integrityCheck() == ["ok"])
        try DatabaseQueue(path: temp.path).read { db in
            for table in Self.factTables + ["assessment"] {
                let after = try Self.rows(db, table)
                #expect(!after.isEmpty || table == "incident", "\(table) is empty")
                #expect(after == before[table], "\(table) differs after the upgrade")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finance_year_yuan") == before["finance_year"]?.count)
        }
    }

    @Test("after the upgrade each date reads what the same files imported afresh read: firms, counts, R&D, verdicts")
    func readsAsAFreshImport() throws {
        let temp = try Self.copy()
        // The verdicts v3 stored for the records that stand, per date, read before the upgrade.
        let standing = """
            SELECT s.exported_at || ' ' || a.firm_id || ' ' || a.tier || ' ' || a.verdict || ' ' || a.rule_version
            FROM assessment a JOIN enterprise e ON e.id = a.firm_id AND e.snapshot_id = a.snapshot_id
            JOIN snapshot s ON s.snapshot_id = a.snapshot_id WHERE e.shadowed = 0 ORDER BY 1
            """
        let storedBefore = try DatabaseQueue(path: temp.path).read { db in try String.fetchAll(db, sql: standing) }
        let store = try temp.open()
        let dates = try store.snapshotDates()
        #expect(dates.map(\.exportedAt.description) == ["2024-12-31", "2025-12-31"])
        let files = try Self.fresh(try store.snapshots())
        for date in dates {
            let expected = try #require(try files.snapshot(dated: date.exportedAt))
            #expect(try store.enterprises(in: date) == files.enterprises(in: expected))
            #expect(Set(try store.firmClassCounts(in: date)) == Set(try files.firmClassCounts(in: expected)))
            #expect(try store.certifiedTierCounts(in: date) == files.certifiedTierCounts(in: expected))
            #expect(try store.certifiedTierCounts(in: date, on: Fixtures.day("2023-06-30"))
                    == files.certifiedTierCounts(in: expected, on: Fixtures.day("2023-06-30")))
            #expect(try store.firmCount(in: date) == files.firmCount(in: expected))
            #expect(try store.conflicts(in: date) == files.conflicts(in: expected))
            let research = try store.latestResearchTotal(in: date, upTo: 2024)
            let fileResearch = try files.latestResearchTotal(in: expected, upTo: 2024)
            #expect(research?.total == fileResearch?.total && research?.firmsReporting == fileResearch?.firmsReporting)
            #expect(research?.firmsReporting ?? 0 > 0)
            let all = try store.researchTotals(in: date).mapValues { "\($0.total.fen) \($0.firmsReporting)" }
            #expect(all == (try files.researchTotals(in: expected).mapValues { "\($0.total.fen) \($0.firmsReporting)" }))
            #expect(try store.financeTotal(.revenue, year: 2024, in: date) == files.financeTotal(.revenue, year: 2024, in: expected))
            // The same sums and rungs from the firms themselves (the model's definitions).
            let firms = try store.enterprises(in: date)
            var byYear: [Int: String] = [:]
            for year in Set(firms.flatMap { $0.finance.map(\.year) }) {
                let values = firms.compactMap { $0.finance(in: year)?.rdExpense?.fen }
                if !values.isEmpty { byYear[year] = "\(values.reduce(0, +)) \(values.count)" }
            }
            #expect(all == byYear)
            let revenue = firms.compactMap { $0.finance(in: 2024)?.revenue?.fen }
            let total = try store.financeTotal(.revenue, year: 2024, in: date)
            #expect(total.total.fen == revenue.reduce(0, +) && total.firmsReporting == revenue.count)
            let day = date.exportedAt
            var rungs: [String: Int] = [:]
            for firm in firms where firm.isActive { rungs["\(firm.district) \(firm.certifiedTier(on: day)?.rawValue ?? "-")", default: 0] += 1 }
            let counted = try store.certifiedTierCounts(in: date)
            #expect(Dictionary(uniqueKeysWithValues: counted.map { ("\($0.district) \($0.tier?.rawValue ?? "-")", $0.firms) }) == rungs)
        }
        // The verdicts: the same after the upgrade (through the API and the `assessment` view).
        let storedAfter = try dates.flatMap { date in
            try store.assessments(in: date).map {
                "\(date.exportedAt) \($0.firmID) \($0.tier.rawValue) \($0.verdict.rawValue) \($0.ruleVersion)"
            }
        }
        #expect(storedBefore.count > 400)
        #expect(storedAfter.sorted() == storedBefore)
        #expect(try store.dbQueue.read { db in try String.fetchAll(db, sql: standing) } == storedBefore)
        #expect(try store.assessmentCoverage(in: dates[1]).stored)
        // Tallied with the stored verdicts, every firm that stands and was assessed counts as assessed
        // (the shadowed records' verdicts stay out).
        let assessedFirms = Set(storedBefore.filter { $0.hasPrefix("2025") }.map { $0.split(separator: " ")[1] }).count
        let classes = try store.firmClassCounts(in: dates[1], withVerdicts: true)
        #expect(classes.filter(\.assessed).map(\.firms).reduce(0, +) == assessedFirms)
    }

    @Test("the facts the migration wrote in SQL are the bytes a fresh import writes")
    func migratedTextIsWhatTheWriterWrites() throws {
        let temp = try Self.copy()
        let store = try temp.open()
        let files = try Self.fresh(try store.snapshots())
        func facts(_ store: RegistryStore) throws -> [String: [String?]] {
            try store.dbQueue.read { db in
                var found: [String: [String?]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT s.file_name || ' ' || e.id, \(FactLayout.columns.map { "f.\($0)" }.joined(separator: ", "))
                    FROM firm_facts f JOIN enterprise e USING (enterprise_id) JOIN snapshot s USING (snapshot_id)
                    """) {
                    found[row[0]] = FactLayout.columns.indices.map { row[$0 + 1] as String? }
                }
                return found
            }
        }
        let migrated = try facts(store)
        #expect(migrated.count > 250)
        #expect(migrated == (try facts(files)))
    }

    @Test("assessing the upgraded database again stores what assessing the fresh import stores")
    func assessesAfterTheUpgrade() throws {
        let temp = try Self.copy()
        let store = try temp.open()
        let files = try Self.fresh(try store.snapshots())
        let date = try #require(try store.snapshotDates().last)
        let fileDate = try #require(try files.snapshotDates().last)
        for (target, snapshot) in [(store, date), (files, fileDate)] {
            try target.replaceAssessments(in: snapshot) { writer in
                try writer.forEachEnterprise { firm in
                    let verdict: Verdict = firm.certifications.isEmpty ? .fail : .pass
                    try writer.save(Assessment(firmID: firm.id, tier: .techSME, verdict: verdict, ruleVersion: "tech-sme@test"))
                    try writer.save(Assessment(firmID: firm.id, tier: .leading, verdict: .unknown, ruleVersion: "leading@test"))
                }
            }
        }
        #expect(try store.assessments(in: date) == files.assessments(in: fileDate))
        #expect(Set(try store.firmClassCounts(in: date, withVerdicts: true))
                == Set(try files.firmClassCounts(in: fileDate, withVerdicts: true)))
    }
}
