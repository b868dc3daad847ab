import GRDB
import StoreSupport
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
    private var last: (firmID: String, part: UInt16?)?
    /// Verdicts saved and not yet written, and the rule versions they name.
    private var pending: [PendingVerdict] = []
    private var rules: [String] = []
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

    /// Saves one verdict, replacing an earlier one for the same firm and rung. Verdicts are held (24
    /// bytes each) and written in key order when the body is done (``flush()``): inserts in file
    /// order land all over the table's B-tree, which needed a 256 MiB page cache and still cost more
    /// than the reading.
    /// - Throws: `DatabaseError`; the whole transaction then rolls back.
    public func save(_ assessment: Assessment) throws {
        guard let part = try part(of: assessment.firmID) else { return }
        let rule: Int
        if let known = rules.firstIndex(of: assessment.ruleVersion) {
            rule = known
        } else {
            rule = rules.count
            rules.append(assessment.ruleVersion)
        }
        pending.append(PendingVerdict(
            firmID: assessment.firmID, part: part, tier: UInt8(assessment.tier.rung),
            verdict: assessment.verdict, rule: UInt16(truncatingIfNeeded: rule)))
        written += 1
    }

    /// Writes the verdicts held, sorted by the table's key `(snapshot_id, firm_id, tier)`.
    /// - Throws: `DatabaseError`.
    func flush() throws {
        pending.sort { a, b in
            if a.part != b.part { return a.part < b.part }
            if a.firmID != b.firmID { return a.firmID.utf8.lexicographicallyPrecedes(b.firmID.utf8) }
            return a.tier < b.tier
        }
        for verdict in pending {
            insert.bind(snapshot.parts[Int(verdict.part)].id)
            insert.bind(verdict.firmID)
            insert.bind(Tier(rung: Int(verdict.tier)))
            insert.bind(verdict.verdict)
            insert.bind(rules[Int(verdict.rule)])
            try insert.run()
        }
        pending = []
    }

    /// The index (in the snapshot's parts) of the part holding the firm's standing record: one lookup
    /// per firm, since its verdicts come together.
    private func part(of firmID: String) throws -> UInt16? {
        guard let partOf else { return snapshot.parts.isEmpty ? nil : 0 }
        if let last, last.firmID == firmID { return last.part }
        let found = try Int64.fetchOne(partOf, arguments: [firmID] + snapshot.idArguments)
        let index = found.flatMap { id in snapshot.parts.firstIndex { $0.id == id } }.map { UInt16(truncatingIfNeeded: $0) }
        last = (firmID, index)
        return index
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
            try db.execute(sql: "DELETE FROM assessment WHERE snapshot_id IN (\(snapshot.placeholders))",
                           arguments: snapshot.idArguments)
            let writer = try AssessmentWriter(db: db, snapshot: snapshot)
            try body(writer)
            try writer.flush()
            return writer.written
        }
    }
}

/// One verdict held by an ``AssessmentWriter`` until it writes them in key order.
private struct PendingVerdict {
    var firmID: String
    /// Index into the snapshot's parts.
    var part: UInt16
    var tier: UInt8
    var verdict: Verdict
    var rule: UInt16
}
