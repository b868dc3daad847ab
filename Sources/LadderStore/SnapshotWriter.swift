import Foundation
import GRDB
import StoreSupport
import LadderCore

/// Writes the records of one export file into a new part of the snapshot of its date, inside the transaction that
/// ``RegistryStore/importSnapshot(fileName:contentHash:importedAt:_:)`` opened.
///
/// Give the header first (``begin(header:)``), then ``add(_:)`` each record as the importer delivers
/// it and ``recordReject(recordID:position:reason:)`` each rejected one. Every insert runs a prepared
/// statement with bound parameters; nothing is committed until the import closure returns. The writer
/// is only valid inside that closure: do not keep it.
public final class SnapshotWriter {
    private let db: Database
    private let fileName: String
    private let fileSize: Int64?
    /// The content hash, or a placeholder until the store learns it just before commit.
    var contentHash: String
    private let importedAt: Date
    private var statements: Statements?
    /// The snapshot id, once the header has been given.
    public private(set) var snapshotID: Int64?
    /// What has been written so far.
    public private(set) var counts = Snapshot.Counts()
    private(set) var header: RegistryHeader?
    /// Warnings given (recorded or counted).
    private var warnings = 0

    init(db: Database, fileName: String, fileSize: Int64?, contentHash: String, importedAt: Date) {
        self.db = db
        self.fileName = fileName
        self.fileSize = fileSize
        self.contentHash = contentHash
        // Whole seconds, as stored, so that the snapshot returned equals the one read back.
        self.importedAt = Date(timeIntervalSince1970: importedAt.timeIntervalSince1970.rounded(.down))
    }

    /// Creates the snapshot row from the export header; call once, before any record.
    /// - Throws: ``StoreError/headerTwice``, or `DatabaseError`.
    public func begin(header: RegistryHeader) throws {
        guard snapshotID == nil else { throw StoreError.headerTwice }
        try db.execute(
            sql: """
                INSERT INTO snapshot (exported_at, source, region, file_name, file_size, content_hash, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                header.exportedAt.description, header.source, header.region, fileName, fileSize, contentHash,
                RegistryStore.timestampFormatter().string(from: importedAt),
            ])
        snapshotID = db.lastInsertedRowID
        self.header = header
        statements = try Statements(db)
    }

    /// Stores one record of the file.
    /// - Throws: ``StoreError/recordBeforeHeader``, or `DatabaseError` (e.g. disk full).
    public func add(_ record: RegistryRecord) throws {
        guard let snapshotID, let statements else { throw StoreError.recordBeforeHeader }
        switch record {
        case .enterprise(let firm):
            try statements.insert(firm, snapshotID: snapshotID)
            counts.enterprises += 1
        case .platform(let platform):
            try statements.insert(platform, snapshotID: snapshotID)
            counts.platforms += 1
        case .contract(let contract):
            try statements.insert(contract, snapshotID: snapshotID)
            counts.contracts += 1
        case .broker(let broker):
            try statements.insert(broker, snapshotID: snapshotID)
            counts.brokers += 1
        }
    }

    /// Keeps a record the importer rejected, with where it was, the element at fault and why.
    /// - Throws: ``StoreError/recordBeforeHeader``, or `DatabaseError`.
    public func recordReject(recordID: String?, position: SourcePosition, reason: String, element: String? = nil) throws {
        guard let snapshotID, let statements else { throw StoreError.recordBeforeHeader }
        try statements.insertIssue(statements.reject, recordID: recordID, element: element, position: position,
                                   reason: reason, snapshotID: snapshotID)
        counts.rejected += 1
    }

    /// Keeps a warning the importer gave (the record was imported), for `audit --data-quality`.
    /// - Throws: ``StoreError/recordBeforeHeader``, or `DatabaseError`.
    public func recordWarning(recordID: String?, position: SourcePosition, reason: String, element: String? = nil) throws {
        guard let snapshotID, let statements else { throw StoreError.recordBeforeHeader }
        try statements.insertIssue(statements.warning, recordID: recordID, element: element, position: position,
                                   reason: reason, snapshotID: snapshotID)
        warnings += 1
    }

    /// Records the total number of warnings when the importer kept only the first of them.
    public func setWarningTotal(_ total: Int) {
        warnings = max(warnings, total)
    }

    /// Records the total number of rejected records when the importer kept only the first of them: the
    /// snapshot's `rejected_count` becomes the total while `rejected_record` holds those recorded.
    public func setRejectedTotal(_ total: Int) {
        counts.rejected = max(counts.rejected, total)
    }

    /// Writes the final counts; called by the store before commit.
    func finish() throws -> Snapshot {
        guard let snapshotID, let header else { throw StoreError.missingHeader(file: fileName) }
        try statements?.flush()
        try db.execute(
            sql: """
                UPDATE snapshot SET content_hash = ?, enterprise_count = ?, platform_count = ?, contract_count = ?,
                    broker_count = ?, rejected_count = ?, warning_count = ? WHERE snapshot_id = ?
                """,
            arguments: [
                contentHash, counts.enterprises, counts.platforms, counts.contracts, counts.brokers, counts.rejected,
                warnings, snapshotID,
            ])
        return Snapshot(
            id: snapshotID, exportedAt: header.exportedAt, source: header.source, region: header.region,
            fileName: fileName, fileSize: fileSize, contentHash: contentHash, importedAt: importedAt, counts: counts,
            warningCount: warnings)
    }
}

/// The prepared insert statements of one import. Parameters are bound in the order of the columns
/// listed. A firm is two rows: `enterprise`, and `firm_facts` when it has any repeated fact. Records
/// are written 32 to a statement (``BatchedInsert``); firm rows get their row ids from the writer
/// (the next after the largest, as SQLite would give them) so that the facts row can name its firm
/// before the firm's batch is written. ``flush()`` before anything reads the tables.
private final class Statements {
    let enterprise, facts, platform, contract, broker: BatchedInsert
    let reject, warning: InsertStatement
    /// The facts of the firm being written, as JSON text per column (buffers reused).
    var encoder = FactsEncoder()
    /// The row id of the next firm row.
    private var nextEnterpriseID: Int64

    init(_ db: Database) throws {
        nextEnterpriseID = try (Int64.fetchOne(db, sql: "SELECT max(enterprise_id) FROM enterprise") ?? 0) + 1
        enterprise = try BatchedInsert(db, table: "enterprise", columns: [
            "enterprise_id", "snapshot_id", RecordField.columnList, "source_line", "source_column",
        ].joined(separator: ", ").components(separatedBy: ", "))
        facts = try BatchedInsert(db, table: "firm_facts", columns: ["enterprise_id"] + FactLayout.columns)
        platform = try BatchedInsert(db, table: "platform", columns: [
            "snapshot_id", "id", "level", "kind", "district", "approved", "host", "source_line", "source_column",
        ])
        contract = try BatchedInsert(db, table: "tech_contract", columns: [
            "snapshot_id", "id", "seller", "amount", "signed", "registered", "kind", "source_line", "source_column",
        ])
        broker = try BatchedInsert(db, table: "broker", columns: [
            "snapshot_id", "id", "district", "certified", "source_line", "source_column",
        ])
        reject = try InsertStatement(db, sql: """
            INSERT INTO rejected_record (snapshot_id, record_id, source_line, source_column, reason, element)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        warning = try InsertStatement(db, sql: """
            INSERT INTO import_warning (snapshot_id, record_id, source_line, source_column, reason, element)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    /// Writes the records still collected.
    func flush() throws {
        for batch in [enterprise, facts, platform, contract, broker] { try batch.flush() }
    }

    func insert(_ firm: Enterprise, snapshotID: Int64) throws {
        let row = nextEnterpriseID
        nextEnterpriseID += 1
        let e = enterprise
        e.bind(row); e.bind(snapshotID); e.bind(firm.id); e.bind(firm.name); e.bind(firm.district); e.bind(firm.zone)
        e.bind(firm.industry); e.bind(firm.techDomain); e.bind(firm.registeredOn); e.bind(firm.status)
        e.bind(firm.resident); e.bind(firm.taxAssessment); e.bind(firm.position?.line); e.bind(firm.position?.column)
        try e.endRow()
        encoder.encode(firm)
        guard !encoder.isEmpty else { return }
        facts.bind(row)
        for column in encoder.writers { facts.bind(text: column.count == 0 ? nil : column) }
        try facts.endRow()
    }

    func insert(_ platform: Platform, snapshotID: Int64) throws {
        let p = self.platform
        p.bind(snapshotID); p.bind(platform.id); p.bind(platform.level); p.bind(platform.kind)
        p.bind(platform.district); p.bind(platform.approved); p.bind(platform.host); p.bind(platform.position?.line)
        p.bind(platform.position?.column)
        try p.endRow()
    }

    func insert(_ contract: TechContract, snapshotID: Int64) throws {
        let c = self.contract
        c.bind(snapshotID); c.bind(contract.id); c.bind(contract.seller); c.bind(contract.amount)
        c.bind(contract.signed); c.bind(contract.registered); c.bind(contract.kind); c.bind(contract.position?.line)
        c.bind(contract.position?.column)
        try c.endRow()
    }

    func insert(_ broker: Broker, snapshotID: Int64) throws {
        let b = self.broker
        b.bind(snapshotID); b.bind(broker.id); b.bind(broker.district); b.bind(broker.certified)
        b.bind(broker.position?.line); b.bind(broker.position?.column)
        try b.endRow()
    }

    func insertIssue(_ statement: InsertStatement, recordID: String?, element: String?, position: SourcePosition,
                     reason: String, snapshotID: Int64) throws {
        statement.bind(snapshotID); statement.bind(recordID); statement.bind(position.line)
        statement.bind(position.column); statement.bind(reason); statement.bind(element)
        try statement.run()
    }
}
