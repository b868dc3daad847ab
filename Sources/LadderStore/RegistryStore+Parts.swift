import GRDB
import LadderCore

extension RegistryStore {
    /// The tables whose records carry an id and a `shadowed` flag, with the element name used in notes.
    static let recordTables: [(table: String, element: String)] = [
        ("enterprise", "Enterprise"), ("platform", "Platform"), ("tech_contract", "TechContract"), ("broker", "Broker"),
    ]

    /// After a new part was written: removes the parts it replaces (same date, same non-empty source)
    /// and marks the records that a later part of the date shadows. Runs inside the import's
    /// transaction. When the date had no other part, nothing is read or written.
    /// - Returns: the parts replaced.
    static func settle(newPart: Snapshot, in db: Database) throws -> [Snapshot] {
        var replaced: [Snapshot] = []
        if let source = newPart.source {
            replaced = try Row.fetchAll(
                db, sql: """
                    SELECT \(snapshotColumns) FROM snapshot
                    WHERE exported_at = ? AND source = ? AND snapshot_id <> ?
                    ORDER BY snapshot_id
                    """, arguments: [newPart.exportedAt.description, source, newPart.id]
            ).map(snapshot(from:))
            for part in replaced { try deletePart(part.id, in: db) }
        }
        let others = try Int64.fetchAll(
            db, sql: "SELECT snapshot_id FROM snapshot_part WHERE exported_at = ? AND snapshot_id <> ?",
            arguments: [newPart.exportedAt.description, newPart.id])
        guard !others.isEmpty else { return replaced }
        let list = Array(repeating: "?", count: others.count).joined(separator: ", ")
        for (table, _) in recordTables {
            if !replaced.isEmpty {
                // A removed part may have shadowed records of earlier parts: work the date out afresh.
                try db.execute(
                    sql: "UPDATE \(table) SET shadowed = 0 WHERE shadowed = 1 AND snapshot_id IN (\(list))",
                    arguments: StatementArguments(others))
                try db.execute(
                    sql: """
                        UPDATE \(table) SET shadowed = 1
                        WHERE snapshot_id IN (\(list)) AND EXISTS (
                            SELECT 1 FROM \(table) later WHERE later.id = \(table).id
                              AND later.snapshot_id > \(table).snapshot_id AND later.snapshot_id IN (\(list)))
                        """, arguments: StatementArguments(others + others))
            }
            // The new part is the latest: its records stand over any earlier record with the same id.
            try db.execute(
                sql: """
                    UPDATE \(table) SET shadowed = 1
                    WHERE snapshot_id IN (\(list)) AND shadowed = 0
                      AND id IN (SELECT id FROM \(table) WHERE snapshot_id = ?)
                    """, arguments: StatementArguments(others + [newPart.id]))
        }
        return replaced
    }

    /// Deletes one part and everything stored under it (records, facts, rejects, warnings, verdicts).
    /// Works with foreign-key enforcement off, as during an import.
    static func deletePart(_ id: Int64, in db: Database) throws {
        if let range = try enterpriseRange(of: id, in: db) {
            for table in ["firm_facts", "firm_verdict"] {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE enterprise_id BETWEEN ? AND ?",
                    arguments: [range.lowerBound, range.upperBound])
            }
        }
        for table in ["enterprise", "platform", "tech_contract", "broker", "rejected_record", "import_warning",
                      "snapshot"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE snapshot_id = ?", arguments: [id])
        }
    }

    /// Whether a part is still read (not replaced by a later file of the same date and source).
    static func isCurrent(_ part: Snapshot, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM snapshot_part WHERE snapshot_id = ?)",
                          arguments: [part.id]) ?? false
    }
}

/// A record id found in two parts of one snapshot: where the shadowed record is and where the one
/// that stands (from the part imported later) is.
public struct RecordConflict: Hashable, Sendable {
    /// `Enterprise`, `Platform`, `TechContract` or `Broker`.
    public var element: String
    /// The record's id (credit code for a firm).
    public var id: String
    /// The record left out, in the earlier file.
    public var shadowed: SourcePosition
    /// The record counted, in the later file.
    public var standing: SourcePosition
}

extension RegistryStore {
    /// Every record id of a snapshot found in more than one of its files, firms first, each with the
    /// position of the record left out and of the one that stands.
    /// - Throws: `DatabaseError`.
    public func conflicts(in snapshot: DatedSnapshot) throws -> [RecordConflict] {
        guard snapshot.parts.count > 1 else { return [] }
        let names = Dictionary(uniqueKeysWithValues: snapshot.parts.map { ($0.id, $0.fileName) })
        return try dbQueue.read { db in
            var found: [RecordConflict] = []
            for (table, element) in Self.recordTables {
                let rows = try Row.fetchAll(
                    db, sql: """
                        SELECT s.id, s.snapshot_id, s.source_line, s.source_column, w.snapshot_id, w.source_line,
                               w.source_column
                        FROM \(table) s JOIN \(table) w ON w.id = s.id AND w.shadowed = 0
                             AND w.snapshot_id IN (\(snapshot.placeholders))
                        WHERE s.shadowed = 1 AND s.snapshot_id IN (\(snapshot.placeholders))
                        ORDER BY s.snapshot_id, s.rowid
                        """, arguments: snapshot.idArguments + snapshot.idArguments)
                for row in rows {
                    found.append(RecordConflict(
                        element: element, id: row[0],
                        shadowed: SourcePosition(file: names[row[1]] ?? "", line: row[2] ?? 0, column: row[3] ?? 0),
                        standing: SourcePosition(file: names[row[4]] ?? "", line: row[5] ?? 0, column: row[6] ?? 0)))
                }
            }
            return found
        }
    }
}
