import Foundation
import GRDB
import LadderCore

/// The registry database: one SQLite file holding, per export date, a snapshot made of every file
/// imported for that date (``DatedSnapshot``), their firms and other records, rejected records,
/// importer warnings, and assessments.
///
/// Open it on a path (``defaultPath`` in the working directory unless told otherwise); the schema is
/// created or migrated on open. Writes go through ``importSnapshot(fileName:contentHash:importedAt:_:)``
/// (one transaction per file) and ``saveAssessments(_:in:)``. docs/SCHEMA.md documents the tables for
/// analysts using the `sqlite3` shell.
public final class RegistryStore: Sendable {
    /// The database file used when no `--db` path is given.
    public static let defaultPath = "techladder.sqlite"

    let dbQueue: DatabaseQueue

    /// Opens (creating if needed) the database at a path and brings its schema up to date.
    /// - Parameters:
    ///   - path: the SQLite file (created with its schema when missing); for tests without a file use
    ///     ``inMemory()``.
    ///   - readOnly: open for reading only (the analysis commands); the file must exist and be migrated.
    ///   - maximumBytes: refuse to grow the file past this size (SQLite `max_page_count`): a write that
    ///     would fails as on a full disk and its transaction rolls back.
    /// - Throws: `DatabaseError` when the file cannot be opened or is not a TechLadder database.
    public init(path: String = RegistryStore.defaultPath, readOnly: Bool = false, maximumBytes: Int64? = nil) throws {
        var configuration = Self.configuration(maximumBytes: maximumBytes)
        configuration.readonly = readOnly
        dbQueue = try DatabaseQueue(path: path, configuration: configuration)
        if !readOnly { try Self.migrator.migrate(dbQueue) }
    }

    private init(queue: DatabaseQueue) throws {
        dbQueue = queue
        try Self.migrator.migrate(dbQueue)
    }

    /// A store in memory, for tests and dry runs.
    /// - Throws: `DatabaseError` if SQLite cannot create it.
    public static func inMemory() throws -> RegistryStore {
        try RegistryStore(queue: DatabaseQueue(configuration: configuration()))
    }

    static func configuration(maximumBytes: Int64? = nil) -> Configuration {
        var config = Configuration()
        config.label = "techladder"
        // Another process (the web server, a CLI command) may hold the write lock for a moment.
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            if let maximumBytes {
                let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                try db.execute(sql: "PRAGMA max_page_count = \(max(1, maximumBytes / pageSize))")
            }
            // A rollback journal (not WAL): pages a bulk import appends to the file are not journaled,
            // so a first import writes each page once, and a killed import is undone on the next open.
            // A 32 MiB page cache: a bulk import appends, so a larger cache buys little and costs
            // resident memory.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        return config
    }

    /// The names of the migrations applied to this database, oldest first.
    /// - Throws: `DatabaseError` on a read failure.
    public func appliedMigrations() throws -> [String] {
        try dbQueue.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// Runs `PRAGMA integrity_check` and returns its lines (`["ok"]` for a sound file).
    /// - Throws: `DatabaseError` on a read failure.
    public func integrityCheck() throws -> [String] {
        try dbQueue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: - Snapshots

    static let snapshotColumns = """
        snapshot_id, exported_at, source, region, file_name, file_size, content_hash, imported_at,
        enterprise_count, platform_count, contract_count, broker_count, rejected_count, warning_count
        """

    /// Every imported file (part) still stored, in import order; ``snapshotDates()`` groups them by date.
    /// - Throws: `DatabaseError` on a read failure, ``StoreError/corruptValue(table:column:value:)``.
    public func snapshots() throws -> [Snapshot] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.snapshotColumns) FROM snapshot ORDER BY snapshot_id")
                .map(Self.snapshot(from:))
        }
    }

    /// The snapshot with the latest export date (the last imported among those of that date), or nil
    /// for an empty database.
    /// - Throws: `DatabaseError` on a read failure.
    public func latestSnapshot() throws -> Snapshot? {
        try dbQueue.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.snapshotColumns) FROM snapshot ORDER BY exported_at DESC, snapshot_id DESC LIMIT 1"
            ).map(Self.snapshot(from:))
        }
    }

    /// The snapshot exported on a date (the last imported, when several share it), or nil.
    /// - Throws: `DatabaseError` on a read failure.
    public func snapshot(on date: Day) throws -> Snapshot? {
        try dbQueue.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.snapshotColumns) FROM snapshot WHERE exported_at = ?
                    ORDER BY snapshot_id DESC LIMIT 1
                    """,
                arguments: [date.description]
            ).map(Self.snapshot(from:))
        }
    }

    /// The latest snapshot exported on or before a date, or nil.
    /// - Throws: `DatabaseError` on a read failure.
    public func snapshot(asOf date: Day) throws -> Snapshot? {
        try dbQueue.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.snapshotColumns) FROM snapshot WHERE exported_at <= ?
                    ORDER BY exported_at DESC, snapshot_id DESC LIMIT 1
                    """,
                arguments: [date.description]
            ).map(Self.snapshot(from:))
        }
    }

    /// The snapshot with a database id, or nil.
    /// - Throws: `DatabaseError` on a read failure.
    public func snapshot(id: Int64) throws -> Snapshot? {
        try dbQueue.read { db in try Self.snapshot(id: id, in: db) }
    }

    static func snapshot(id: Int64, in db: Database) throws -> Snapshot? {
        try Row.fetchOne(db, sql: "SELECT \(snapshotColumns) FROM snapshot WHERE snapshot_id = ?", arguments: [id])
            .map(snapshot(from:))
    }

    static func snapshot(withHash hash: String, in db: Database) throws -> Snapshot? {
        try Row.fetchOne(db, sql: "SELECT \(snapshotColumns) FROM snapshot WHERE content_hash = ?", arguments: [hash])
            .map(snapshot(from:))
    }

    static func snapshot(from row: Row) throws -> Snapshot {
        let exported: String = row["exported_at"]
        guard let day = Day(exported) else {
            throw StoreError.corruptValue(table: "snapshot", column: "exported_at", value: exported)
        }
        let imported: String = row["imported_at"]
        return Snapshot(
            id: row["snapshot_id"], exportedAt: day, source: row["source"], region: row["region"],
            fileName: row["file_name"], fileSize: row["file_size"], contentHash: row["content_hash"],
            // Parsed by the value-type ISO 8601 style: a new ISO8601DateFormatter per row (an ICU
            // formatter each) was most of the time of reading the snapshot list on every web request.
            importedAt: (try? Date(imported, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0),
            counts: Snapshot.Counts(
                enterprises: row["enterprise_count"], platforms: row["platform_count"],
                contracts: row["contract_count"], brokers: row["broker_count"], rejected: row["rejected_count"]),
            warningCount: row["warning_count"])
    }

    /// ISO 8601 in UTC with seconds, e.g. `2026-01-05T09:30:00Z`.
    static func timestampFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
