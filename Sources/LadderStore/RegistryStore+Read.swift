import GRDB
import LadderCore

extension RegistryStore {
    /// Streams every firm of a snapshot, fully rebuilt (finance years, IP, certificates, ...), in the
    /// order of the export file. Memory holds one firm at a time.
    /// - Parameters:
    ///   - snapshot: the snapshot to read.
    ///   - body: called once per firm; throwing stops the iteration and rethrows.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``, or what `body` throws.
    public func forEachEnterprise(in snapshot: Snapshot, _ body: (Enterprise) throws -> Void) throws {
        try dbQueue.read { db in
            guard let range = try Self.enterpriseRange(of: snapshot.id, in: db) else { return }
            try EnterpriseReader(db: db, fileName: snapshot.fileName).forEach(in: range, body)
        }
    }

    /// Every firm of a snapshot in an array; prefer ``forEachEnterprise(in:_:)`` for large snapshots.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func enterprises(in snapshot: Snapshot) throws -> [Enterprise] {
        var firms: [Enterprise] = []
        try forEachEnterprise(in: snapshot) { firms.append($0) }
        return firms
    }

    /// One firm of a snapshot by its credit code, or nil when the snapshot does not list it.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func enterprise(id: String, in snapshot: Snapshot) throws -> Enterprise? {
        try dbQueue.read { db in
            guard let rowID = try Int64.fetchOne(
                db, sql: "SELECT enterprise_id FROM enterprise WHERE id = ? AND snapshot_id = ? LIMIT 1",
                arguments: [id, snapshot.id])
            else { return nil }
            var found: Enterprise?
            try EnterpriseReader(db: db, fileName: snapshot.fileName).forEach(in: rowID...rowID) { found = $0 }
            return found
        }
    }

    static func enterpriseRange(of snapshotID: Int64, in db: Database) throws -> ClosedRange<Int64>? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT MIN(enterprise_id), MAX(enterprise_id) FROM enterprise WHERE snapshot_id = ?",
            arguments: [snapshotID]),
            let low: Int64 = row[0], let high: Int64 = row[1]
        else { return nil }
        return low...high
    }

    /// The innovation platforms of a snapshot, in file order.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func platforms(in snapshot: Snapshot) throws -> [Platform] {
        try dbQueue.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT id, level, kind, district, approved, host, source_line, source_column
                    FROM platform WHERE snapshot_id = ? ORDER BY rowid
                    """, arguments: [snapshot.id]
            ).map { row in
                var platform = Platform(
                    id: row[0], level: try EnterpriseReader.required(row, 1, "platform", "level"), kind: row[2],
                    district: row[3], approved: try EnterpriseReader.optionalDay(row, 4, "platform", "approved"),
                    host: row[5])
                platform.position = Self.position(row, 6, snapshot)
                return platform
            }
        }
    }

    /// The technology contracts of a snapshot, in file order.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func contracts(in snapshot: Snapshot) throws -> [TechContract] {
        try dbQueue.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT id, seller, amount, signed, registered, kind, source_line, source_column
                    FROM tech_contract WHERE snapshot_id = ? ORDER BY rowid
                    """, arguments: [snapshot.id]
            ).map { row in
                var contract = TechContract(
                    id: row[0], seller: row[1], amount: Money(fen: row[2]),
                    signed: try EnterpriseReader.optionalDay(row, 3, "tech_contract", "signed"),
                    registered: try EnterpriseReader.optionalDay(row, 4, "tech_contract", "registered"), kind: row[5])
                contract.position = Self.position(row, 6, snapshot)
                return contract
            }
        }
    }

    /// The technology brokers of a snapshot, in file order.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func brokers(in snapshot: Snapshot) throws -> [Broker] {
        try dbQueue.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT id, district, certified, source_line, source_column
                    FROM broker WHERE snapshot_id = ? ORDER BY rowid
                    """, arguments: [snapshot.id]
            ).map { row in
                var broker = Broker(
                    id: row[0], district: row[1],
                    certified: try EnterpriseReader.optionalDay(row, 2, "broker", "certified"))
                broker.position = Self.position(row, 3, snapshot)
                return broker
            }
        }
    }

    /// The records the importer rejected from a snapshot's file, in file order.
    /// - Throws: `DatabaseError`.
    public func rejectedRecords(in snapshot: Snapshot) throws -> [RejectedRecord] {
        try dbQueue.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT record_id, source_line, source_column, reason
                    FROM rejected_record WHERE snapshot_id = ? ORDER BY rowid
                    """, arguments: [snapshot.id]
            ).map { row in
                RejectedRecord(
                    recordID: row[0], position: SourcePosition(file: snapshot.fileName, line: row[1], column: row[2]),
                    reason: row[3])
            }
        }
    }

    private static func position(_ row: Row, _ index: Int, _ snapshot: Snapshot) -> SourcePosition? {
        guard let line: Int = row[index] else { return nil }
        return SourcePosition(file: snapshot.fileName, line: line, column: row[index + 1] ?? 0)
    }
}
