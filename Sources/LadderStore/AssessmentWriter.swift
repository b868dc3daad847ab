import GRDB
import LadderCore

/// Reads a snapshot's firms and writes their verdicts inside one write transaction: handed to the body
/// of ``RegistryStore/replaceAssessments(in:_:)-(DatedSnapshot,_)``. Use it only inside that body, on its thread.
///
/// A verdict is stored under the part whose record of the firm stands (looked up by firm id when the
/// snapshot has several parts), so that replacing a part drops exactly its verdicts.
public final class AssessmentWriter {
    private let db: Database
    private let snapshot: DatedSnapshot
    private let insert: InsertStatement
    private let partOf: Statement?
    private var last: (firmID: String, part: Int64?)?
    /// Verdicts written so far.
    public private(set) var written = 0

    init(db: Database, snapshot: DatedSnapshot) throws {
        self.db = db
        self.snapshot = snapshot
        insert = try InsertStatement(db, sql: """
            INSERT OR REPLACE INTO assessment (snapshot_id, firm_id, tier, verdict, rule_version) VALUES (?, ?, ?, ?, ?)
            """)
        partOf = snapshot.parts.count == 1 ? nil : try db.makeStatement(sql: """
            SELECT snapshot_id FROM enterprise WHERE id = ? AND shadowed = 0 AND snapshot_id IN (\(snapshot.placeholders))
            """)
    }

    /// Streams every firm of the snapshot, fully rebuilt, in file order (as `forEachEnterprise(in:_:)`).
    /// Verdicts may be saved from inside `body`.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``, or what `body` throws.
    public func forEachEnterprise(_ body: (Enterprise) throws -> Void) throws {
        for part in snapshot.parts {
            guard let range = try RegistryStore.enterpriseRange(of: part.id, in: db) else { continue }
            try EnterpriseReader(db: db, fileName: part.fileName).forEach(in: range, body)
        }
    }

    /// Saves one verdict, replacing an earlier one for the same firm and rung.
    /// - Throws: `DatabaseError` (e.g. disk full); the whole transaction then rolls back.
    public func save(_ assessment: Assessment) throws {
        guard let part = try part(of: assessment.firmID) else { return }
        insert.bind(part)
        insert.bind(assessment.firmID)
        insert.bind(assessment.tier)
        insert.bind(assessment.verdict)
        insert.bind(assessment.ruleVersion)
        try insert.run()
        written += 1
    }

    /// The part holding the firm's standing record (one lookup per firm: its verdicts come together).
    private func part(of firmID: String) throws -> Int64? {
        guard let partOf else { return snapshot.parts.first?.id }
        if let last, last.firmID == firmID { return last.part }
        let found = try Int64.fetchOne(partOf, arguments: [firmID] + snapshot.idArguments)
        last = (firmID, found)
        return found
    }
}

extension RegistryStore {
    /// Replaces every verdict of a snapshot in one transaction: the old verdicts of all its parts are
    /// deleted, then `body` reads firms and saves new verdicts through the writer. When `body` throws,
    /// or the process dies, the old verdicts stay as they were.
    /// - Returns: how many verdicts were written.
    /// - Throws: `DatabaseError`, ``StoreError``, or what `body` throws.
    @discardableResult
    public func replaceAssessments(in snapshot: DatedSnapshot, _ body: (AssessmentWriter) throws -> Void) throws -> Int {
        try dbQueue.write { db in
            // A larger page cache for the duration: verdicts arrive in file order, not key order.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -32768") }
            try db.execute(sql: "DELETE FROM assessment WHERE snapshot_id IN (\(snapshot.placeholders))",
                           arguments: snapshot.idArguments)
            let writer = try AssessmentWriter(db: db, snapshot: snapshot)
            try body(writer)
            return writer.written
        }
    }
}
