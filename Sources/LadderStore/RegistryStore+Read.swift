import GRDB
import LadderCore

extension RegistryStore {
    /// Streams every firm of a snapshot, fully rebuilt (finance years, IP, certificates, ...): part by
    /// part in import order, each in the order of its file, leaving out shadowed records (a firm id
    /// listed again by a later part). Positions name each part's file. Memory holds one firm at a time.
    /// - Parameters:
    ///   - snapshot: the snapshot to read.
    ///   - body: called once per firm; throwing stops the iteration and rethrows.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``, or what `body` throws.
    public func forEachEnterprise(in snapshot: DatedSnapshot, _ body: (Enterprise) throws -> Void) throws {
        try dbQueue.read { db in
            for part in snapshot.parts {
                guard let range = try Self.enterpriseRange(of: part.id, in: db) else { continue }
                try EnterpriseReader(db: db, fileName: part.fileName).forEach(in: range, body)
            }
        }
    }

    /// Every firm of a snapshot in an array; prefer ``forEachEnterprise(in:_:)-(DatedSnapshot,_)`` for large snapshots.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func enterprises(in snapshot: DatedSnapshot) throws -> [Enterprise] {
        var firms: [Enterprise] = []
        try forEachEnterprise(in: snapshot) { firms.append($0) }
        return firms
    }

    /// One firm of a snapshot by its credit code (the record that stands), or nil when no part lists it.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func enterprise(id: String, in snapshot: DatedSnapshot) throws -> Enterprise? {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT enterprise_id, snapshot_id FROM enterprise
                    WHERE id = ? AND shadowed = 0 AND snapshot_id IN (\(snapshot.placeholders)) LIMIT 1
                    """, arguments: [id] + snapshot.idArguments)
            else { return nil }
            let rowID: Int64 = row[0]
            let partID: Int64 = row[1]
            let file = snapshot.parts.first { $0.id == partID }?.fileName ?? ""
            var found: Enterprise?
            try EnterpriseReader(db: db, fileName: file).forEach(in: rowID...rowID) { found = $0 }
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

    /// The innovation platforms of a snapshot, part by part in file order, shadowed ones left out.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func platforms(in snapshot: DatedSnapshot) throws -> [Platform] {
        try records(in: snapshot, sql: """
            SELECT id, level, kind, district, approved, host, source_line, source_column
            FROM platform WHERE snapshot_id = ? AND shadowed = 0 ORDER BY rowid
            """) { row, part in
            var platform = Platform(
                id: row[0], level: try EnterpriseReader.required(row, 1, "platform", "level"), kind: row[2],
                district: row[3], approved: try EnterpriseReader.optionalDay(row, 4, "platform", "approved"),
                host: row[5])
            platform.position = Self.position(row, 6, part)
            return platform
        }
    }

    /// The technology contracts of a snapshot, part by part in file order, shadowed ones left out.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func contracts(in snapshot: DatedSnapshot) throws -> [TechContract] {
        try records(in: snapshot, sql: """
            SELECT id, seller, amount, signed, registered, kind, source_line, source_column
            FROM tech_contract WHERE snapshot_id = ? AND shadowed = 0 ORDER BY rowid
            """) { row, part in
            var contract = TechContract(
                id: row[0], seller: row[1], amount: Money(fen: row[2]),
                signed: try EnterpriseReader.optionalDay(row, 3, "tech_contract", "signed"),
                registered: try EnterpriseReader.optionalDay(row, 4, "tech_contract", "registered"), kind: row[5])
            contract.position = Self.position(row, 6, part)
            return contract
        }
    }

    /// The technology brokers of a snapshot, part by part in file order, shadowed ones left out.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func brokers(in snapshot: DatedSnapshot) throws -> [Broker] {
        try records(in: snapshot, sql: """
            SELECT id, district, certified, source_line, source_column
            FROM broker WHERE snapshot_id = ? AND shadowed = 0 ORDER BY rowid
            """) { row, part in
            var broker = Broker(
                id: row[0], district: row[1], certified: try EnterpriseReader.optionalDay(row, 2, "broker", "certified"))
            broker.position = Self.position(row, 3, part)
            return broker
        }
    }

    /// The records the importer rejected from a snapshot's files, part by part in file order.
    /// - Throws: `DatabaseError`.
    public func rejectedRecords(in snapshot: DatedSnapshot) throws -> [RejectedRecord] {
        try records(in: snapshot, sql: """
            SELECT record_id, source_line, source_column, reason, element
            FROM rejected_record WHERE snapshot_id = ? ORDER BY rowid
            """) { row, part in
            RejectedRecord(recordID: row[0], position: SourcePosition(file: part.fileName, line: row[1], column: row[2]),
                           reason: row[3], element: row[4])
        }
    }

    /// The warnings the importer gave on one part's file, in file order (the first 10,000 are kept;
    /// `Snapshot.warningCount` is nil for files imported before warnings were kept).
    /// - Throws: `DatabaseError`.
    public func importWarnings(in part: Snapshot) throws -> [RejectedRecord] {
        try records(in: DatedSnapshot(exportedAt: part.exportedAt, parts: [part]), sql: """
            SELECT record_id, source_line, source_column, reason, element
            FROM import_warning WHERE snapshot_id = ? ORDER BY rowid
            """) { row, part in
            RejectedRecord(recordID: row[0], position: SourcePosition(file: part.fileName, line: row[1], column: row[2]),
                           reason: row[3], element: row[4])
        }
    }

    /// Rows of one query run per part (its one parameter is the part id), decoded in order.
    private func records<T>(in snapshot: DatedSnapshot, sql: String, _ decode: (Row, Snapshot) throws -> T) throws -> [T] {
        try dbQueue.read { db in
            var values: [T] = []
            for part in snapshot.parts {
                for row in try Row.fetchAll(db, sql: sql, arguments: [part.id]) { values.append(try decode(row, part)) }
            }
            return values
        }
    }

    private static func position(_ row: Row, _ index: Int, _ snapshot: Snapshot) -> SourcePosition? {
        guard let line: Int = row[index] else { return nil }
        return SourcePosition(file: snapshot.fileName, line: line, column: row[index + 1] ?? 0)
    }
}
