import Foundation
import GRDB
import LadderCore

/// Writes the records of one export file into a new snapshot, inside the transaction that
/// ``RegistryStore/importSnapshot(fileName:contentHash:importedAt:_:)`` opened.
///
/// Give the header first (``begin(header:)``), then ``add(_:)`` each record as the importer delivers
/// it and ``recordReject(recordID:position:reason:)`` each rejected one. Every insert runs a prepared
/// statement with bound parameters; nothing is committed until the import closure returns. The writer
/// is only valid inside that closure: do not keep it.
public final class SnapshotWriter {
    private let db: Database
    private let fileName: String
    private let contentHash: String
    private let importedAt: Date
    private var statements: Statements?
    /// The snapshot id, once the header has been given.
    public private(set) var snapshotID: Int64?
    /// What has been written so far.
    public private(set) var counts = Snapshot.Counts()
    private(set) var header: RegistryHeader?

    init(db: Database, fileName: String, contentHash: String, importedAt: Date) {
        self.db = db
        self.fileName = fileName
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
                INSERT INTO snapshot (exported_at, source, region, file_name, content_hash, imported_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                header.exportedAt.description, header.source, header.region, fileName, contentHash,
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
            try statements.insert(firm, snapshotID: snapshotID, db: db)
            counts.enterprises += 1
        case .platform(let platform):
            try statements.platform.execute(arguments: [
                snapshotID, platform.id, platform.level.rawValue, platform.kind, platform.district,
                platform.approved?.description, platform.host, platform.position?.line, platform.position?.column,
            ])
            counts.platforms += 1
        case .contract(let contract):
            try statements.contract.execute(arguments: [
                snapshotID, contract.id, contract.seller, contract.amount.fen, contract.signed?.description,
                contract.registered?.description, contract.kind, contract.position?.line, contract.position?.column,
            ])
            counts.contracts += 1
        case .broker(let broker):
            try statements.broker.execute(arguments: [
                snapshotID, broker.id, broker.district, broker.certified?.description, broker.position?.line,
                broker.position?.column,
            ])
            counts.brokers += 1
        }
    }

    /// Keeps a record the importer rejected, with where it was and why.
    /// - Throws: ``StoreError/recordBeforeHeader``, or `DatabaseError`.
    public func recordReject(recordID: String?, position: SourcePosition, reason: String) throws {
        guard let snapshotID, let statements else { throw StoreError.recordBeforeHeader }
        try statements.reject.execute(arguments: [snapshotID, recordID, position.line, position.column, reason])
        counts.rejected += 1
    }

    /// Records the total number of rejected records when the importer kept only the first of them: the
    /// snapshot's `rejected_count` becomes the total while `rejected_record` holds those recorded.
    public func setRejectedTotal(_ total: Int) {
        counts.rejected = max(counts.rejected, total)
    }

    /// Writes the final counts; called by the store before commit.
    func finish() throws -> Snapshot {
        guard let snapshotID, let header else { throw StoreError.missingHeader(file: fileName) }
        try db.execute(
            sql: """
                UPDATE snapshot SET enterprise_count = ?, platform_count = ?, contract_count = ?,
                    broker_count = ?, rejected_count = ? WHERE snapshot_id = ?
                """,
            arguments: [
                counts.enterprises, counts.platforms, counts.contracts, counts.brokers, counts.rejected, snapshotID,
            ])
        return Snapshot(
            id: snapshotID, exportedAt: header.exportedAt, source: header.source, region: header.region,
            fileName: fileName, contentHash: contentHash, importedAt: importedAt, counts: counts)
    }
}

/// The prepared insert statements of one import, compiled once.
private struct Statements {
    let enterprise, finance, ip, certification, award, institution, standard, incident, score, consortium: Statement
    let platform, contract, broker, reject: Statement

    init(_ db: Database) throws {
        enterprise = try db.makeStatement(sql: """
            INSERT INTO enterprise (snapshot_id, id, name, district, zone, industry, tech_domain, registered_on,
                status, resident, tax_assessment, source_line, source_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        finance = try db.makeStatement(sql: """
            INSERT INTO finance_year (enterprise_id, seq, year, employees, tech_staff, revenue, total_income,
                total_cost, total_assets, net_assets, rd_expense, rd_expense_domestic, high_tech_revenue,
                conversions, source_line, source_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        ip = try db.makeStatement(sql: "INSERT INTO ip VALUES (?, ?, ?, ?, ?, ?)")
        certification = try db.makeStatement(sql: "INSERT INTO certification VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        award = try db.makeStatement(sql: "INSERT INTO award VALUES (?, ?, ?, ?, ?)")
        institution = try db.makeStatement(sql: "INSERT INTO rd_institution VALUES (?, ?, ?, ?)")
        standard = try db.makeStatement(sql: "INSERT INTO standard VALUES (?, ?, ?, ?, ?)")
        incident = try db.makeStatement(sql: "INSERT INTO incident VALUES (?, ?, ?, ?)")
        score = try db.makeStatement(sql: "INSERT INTO expert_score VALUES (?, ?, ?, ?)")
        consortium = try db.makeStatement(sql: "INSERT INTO consortium VALUES (?, ?, ?, ?)")
        platform = try db.makeStatement(sql: """
            INSERT INTO platform (snapshot_id, id, level, kind, district, approved, host, source_line, source_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        contract = try db.makeStatement(sql: """
            INSERT INTO tech_contract (snapshot_id, id, seller, amount, signed, registered, kind, source_line,
                source_column)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        broker = try db.makeStatement(sql: """
            INSERT INTO broker (snapshot_id, id, district, certified, source_line, source_column)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        reject = try db.makeStatement(sql: """
            INSERT INTO rejected_record (snapshot_id, record_id, source_line, source_column, reason)
            VALUES (?, ?, ?, ?, ?)
            """)
    }

    func insert(_ firm: Enterprise, snapshotID: Int64, db: Database) throws {
        try enterprise.execute(arguments: [
            snapshotID, firm.id, firm.name, firm.district, firm.zone, firm.industry, firm.techDomain?.rawValue,
            firm.registeredOn?.description, firm.status?.rawValue, firm.resident, firm.taxAssessment?.rawValue,
            firm.position?.line, firm.position?.column,
        ])
        let row = db.lastInsertedRowID
        for (seq, year) in firm.finance.enumerated() {
            try finance.execute(arguments: [
                row, seq, year.year, year.employees, year.techStaff, year.revenue?.fen, year.totalIncome?.fen,
                year.totalCost?.fen, year.totalAssets?.fen, year.netAssets?.fen, year.rdExpense?.fen,
                year.rdExpenseDomestic?.fen, year.highTechRevenue?.fen, year.conversions, year.position?.line,
                year.position?.column,
            ])
        }
        for (seq, item) in firm.ip.enumerated() {
            try ip.execute(arguments: [row, seq, item.ipClass.rawValue, item.kind?.rawValue, item.count,
                                       item.acquired?.rawValue])
        }
        for (seq, cert) in firm.certifications.enumerated() {
            try certification.execute(arguments: [
                row, seq, cert.kind.rawValue, cert.number, cert.issued.description, cert.expires?.description,
                cert.revoked?.description, cert.lastValidDay.description,
            ])
        }
        for (seq, item) in firm.awards.enumerated() {
            try award.execute(arguments: [row, seq, item.level.rawValue, item.year, item.rank])
        }
        for (seq, item) in firm.rdInstitutions.enumerated() {
            try institution.execute(arguments: [row, seq, item.level.rawValue, item.since?.description])
        }
        for (seq, item) in firm.standards.enumerated() {
            try standard.execute(arguments: [row, seq, item.level.rawValue, item.role.rawValue, item.year])
        }
        for (seq, item) in firm.incidents.enumerated() {
            try incident.execute(arguments: [row, seq, item.kind.rawValue, item.date.description])
        }
        for (seq, item) in firm.expertScores.enumerated() {
            try score.execute(arguments: [row, seq, item.item.rawValue, item.points])
        }
        for (seq, item) in firm.consortia.enumerated() {
            try consortium.execute(arguments: [row, seq, item.role.rawValue, item.level.rawValue])
        }
    }
}
