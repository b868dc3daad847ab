import GRDB
import LadderCore

/// Reads a snapshot's firms and writes their verdicts inside one write transaction: handed to the body
/// of ``RegistryStore/replaceAssessments(in:_:)``. Use it only inside that body, on its thread.
public final class AssessmentWriter {
    private let db: Database
    private let snapshot: Snapshot
    private let insert: InsertStatement
    /// Verdicts written so far.
    public private(set) var written = 0

    init(db: Database, snapshot: Snapshot) throws {
        self.db = db
        self.snapshot = snapshot
        insert = try InsertStatement(db, sql: """
            INSERT OR REPLACE INTO assessment (snapshot_id, firm_id, tier, verdict, rule_version) VALUES (?, ?, ?, ?, ?)
            """)
    }

    /// Streams every firm of the snapshot, fully rebuilt, in file order (as `forEachEnterprise(in:_:)`).
    /// Verdicts may be saved from inside `body`.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``, or what `body` throws.
    public func forEachEnterprise(_ body: (Enterprise) throws -> Void) throws {
        guard let range = try RegistryStore.enterpriseRange(of: snapshot.id, in: db) else { return }
        try EnterpriseReader(db: db, fileName: snapshot.fileName).forEach(in: range, body)
    }

    /// Saves one verdict, replacing an earlier one for the same firm and rung.
    /// - Throws: `DatabaseError` (e.g. disk full); the whole transaction then rolls back.
    public func save(_ assessment: Assessment) throws {
        insert.bind(snapshot.id)
        insert.bind(assessment.firmID)
        insert.bind(assessment.tier)
        insert.bind(assessment.verdict)
        insert.bind(assessment.ruleVersion)
        try insert.run()
        written += 1
    }
}

extension RegistryStore {
    /// Replaces every verdict of a snapshot in one transaction: the snapshot's old verdicts are deleted,
    /// then `body` reads firms and saves new verdicts through the writer. When `body` throws, or the
    /// process dies, the old verdicts stay as they were.
    /// - Returns: how many verdicts were written.
    /// - Throws: `DatabaseError`, ``StoreError``, or what `body` throws.
    @discardableResult
    public func replaceAssessments(in snapshot: Snapshot, _ body: (AssessmentWriter) throws -> Void) throws -> Int {
        try dbQueue.write { db in
            // A larger page cache for the duration: verdicts arrive in file order, not key order.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -32768") }
            try db.execute(sql: "DELETE FROM assessment WHERE snapshot_id = ?", arguments: [snapshot.id])
            let writer = try AssessmentWriter(db: db, snapshot: snapshot)
            try body(writer)
            return writer.written
        }
    }
}
