import GRDB
import LadderCore

/// The registry on one export date: every file imported for that date (its *parts*), read together.
///
/// Files with the same `exportedAt` add up, whether imported in one call or several. A file with the
/// same date and `source` as an earlier part replaces it. A record id (firm, platform, contract,
/// broker) found in several parts counts once: the record of the part imported last stands, the
/// others are *shadowed* and left out of every read (``RegistryStore/conflicts(in:)`` lists them).
public struct DatedSnapshot: Hashable, Sendable {
    /// The export date shared by every part: the default assessment date.
    public var exportedAt: Day
    /// The files that make the snapshot, in import order (records of a later part stand).
    public var parts: [Snapshot]

    /// Creates a snapshot from its parts (in import order; at least one).
    public init(exportedAt: Day, parts: [Snapshot]) {
        self.exportedAt = exportedAt
        self.parts = parts
    }

    /// The database ids of the parts.
    public var partIDs: [Int64] { parts.map(\.id) }

    /// The parts' file names, comma-separated, for notes.
    public var fileNames: String { parts.map(\.fileName).joined(separator: ", ") }

    /// Records stored per kind, summed over the parts (shadowed records included; see
    /// ``RegistryStore/firmCount(in:)`` for firms counted once).
    public var counts: Snapshot.Counts {
        parts.reduce(into: Snapshot.Counts()) { sum, part in
            sum.enterprises += part.counts.enterprises
            sum.platforms += part.counts.platforms
            sum.contracts += part.counts.contracts
            sum.brokers += part.counts.brokers
            sum.rejected += part.counts.rejected
        }
    }

    /// `?, ?, …` for the parts, and the ids as arguments (SQL with bound parameters only).
    var placeholders: String { Array(repeating: "?", count: parts.count).joined(separator: ", ") }
    var idArguments: StatementArguments { StatementArguments(partIDs) }
}

extension RegistryStore {
    /// Every snapshot date in the database, oldest first, each with its current parts.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func snapshotDates() throws -> [DatedSnapshot] {
        try dbQueue.read { db in try Self.dated(db, where: "1", []) }
    }

    /// The snapshot of an export date, or nil when no file of that date was imported.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func snapshot(dated day: Day) throws -> DatedSnapshot? {
        try dbQueue.read { db in try Self.dated(db, where: "exported_at = ?", [day.description]).first }
    }

    /// The snapshot of the latest export date, or nil for an empty database.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func latestSnapshotDate() throws -> DatedSnapshot? {
        try dbQueue.read { db in
            guard let day = try String.fetchOne(db, sql: "SELECT MAX(exported_at) FROM snapshot") else { return nil }
            return try Self.dated(db, where: "exported_at = ?", [day]).first
        }
    }

    /// The snapshot of the latest export date on or before a date, or nil.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func snapshotDate(asOf day: Day) throws -> DatedSnapshot? {
        try dbQueue.read { db in
            guard let found = try String.fetchOne(
                db, sql: "SELECT MAX(exported_at) FROM snapshot WHERE exported_at <= ?", arguments: [day.description])
            else { return nil }
            return try Self.dated(db, where: "exported_at = ?", [found]).first
        }
    }

    /// The snapshot of the date a part (an imported file) belongs to.
    /// - Throws: `DatabaseError`, ``StoreError/noSnapshot(_:)`` when that date holds nothing.
    public func dated(containing part: Snapshot) throws -> DatedSnapshot {
        guard let found = try snapshot(dated: part.exportedAt) else {
            throw StoreError.noSnapshot("exported on \(part.exportedAt)")
        }
        return found
    }

    /// How many firms a snapshot holds, each firm id counted once.
    /// - Throws: `DatabaseError`.
    public func firmCount(in snapshot: DatedSnapshot) throws -> Int {
        try dbQueue.read { db in
            let shadowed = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM enterprise WHERE shadowed = 1 AND snapshot_id IN (\(snapshot.placeholders))",
                arguments: snapshot.idArguments) ?? 0
            return snapshot.counts.enterprises - shadowed
        }
    }

    /// Current parts (not replaced by a later file of the same date and source) matching `condition`,
    /// grouped by date. `condition` is a constant of this module; values are bound.
    static func dated(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [DatedSnapshot]
    {
        let parts = try Row.fetchAll(
            db, sql: "SELECT \(snapshotColumns) FROM snapshot_part WHERE \(condition) ORDER BY exported_at, snapshot_id",
            arguments: arguments
        ).map(snapshot(from:))
        var result: [DatedSnapshot] = []
        for part in parts {
            if result.last?.exportedAt == part.exportedAt {
                result[result.count - 1].parts.append(part)
            } else {
                result.append(DatedSnapshot(exportedAt: part.exportedAt, parts: [part]))
            }
        }
        return result
    }
}
