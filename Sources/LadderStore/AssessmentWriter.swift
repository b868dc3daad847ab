import GRDB
import StoreSupport
import LadderCore

/// Reads a snapshot's firms and writes their verdicts inside one write transaction: handed to the body
/// of ``RegistryStore/replaceAssessments(in:_:)-(DatedSnapshot,_)``. Use it only inside that body, on its thread.
///
/// A firm's verdicts are one row of `firm_verdict` (schema v4) keyed by the row id of the firm's record
/// that stands, so that replacing a part drops exactly its verdicts. Firms read through
/// ``forEachEnterprise(_:)`` are remembered in order with their row ids, so verdicts saved in the same
/// order (as `assess` saves them) need no lookup and are written in key order, appended to the table.
public final class AssessmentWriter {
    private let db: Database
    private let snapshot: DatedSnapshot
    private let upsert: InsertStatement
    private let rowOf: Statement
    /// Firms read and not yet given verdicts: (credit code, row id), consumed from `head`.
    private var read: [(id: String, row: Int64)] = []
    private var head = 0
    /// The firm whose verdicts are being collected, and its verdict and rule per rung (rung − 1).
    private var current: (id: String, row: Int64?)?
    private var verdicts: [(Verdict, String)?] = [nil, nil, nil]
    /// Verdicts saved so far.
    public private(set) var written = 0

    init(db: Database, snapshot: DatedSnapshot) throws {
        self.db = db
        self.snapshot = snapshot
        // A rung not given keeps the verdict stored before (as v3's one row per rung did).
        let rungs = Tier.allCases.map(Self.column)
        upsert = try InsertStatement(db, sql: """
            INSERT INTO firm_verdict (enterprise_id, \(rungs.map { "\($0)_verdict, \($0)_rule" }.joined(separator: ", ")))
            VALUES (?, \(Array(repeating: "?, ?", count: rungs.count).joined(separator: ", ")))
            ON CONFLICT (enterprise_id) DO UPDATE SET
            \(rungs.map { "\($0)_verdict = COALESCE(excluded.\($0)_verdict, \($0)_verdict), \($0)_rule = COALESCE(excluded.\($0)_rule, \($0)_rule)" }.joined(separator: ",\n"))
            """)
        rowOf = try db.makeStatement(sql: """
            SELECT enterprise_id FROM enterprise WHERE id = ? AND shadowed = 0 AND snapshot_id IN (\(snapshot.placeholders))
            """)
    }

    /// The `firm_verdict` column prefix of a rung: `tech_sme`, `high_tech`, `leading`.
    static func column(_ tier: Tier) -> String { tier.rawValue.replacingOccurrences(of: "-", with: "_") }

    /// Streams every firm of the snapshot, fully rebuilt, in file order (as `forEachEnterprise(in:_:)`).
    /// Verdicts may be saved from inside `body`.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``, or what `body` throws.
    public func forEachEnterprise(_ body: (Enterprise) throws -> Void) throws {
        for part in snapshot.parts {
            guard let range = try RegistryStore.enterpriseRange(of: part.id, in: db) else { continue }
            try EnterpriseReader(db: db, fileName: part.fileName).forEachWithRow(in: range) { row, firm in
                read.append((firm.id, row))
                try body(firm)
            }
        }
    }

    /// Saves one verdict, replacing an earlier one for the same firm and rung. A firm's verdicts are
    /// collected and written as one row when the next firm's first verdict comes, or at the end.
    /// Verdicts for firms the snapshot does not list are not stored.
    /// - Throws: `DatabaseError`; the whole transaction then rolls back.
    public func save(_ assessment: Assessment) throws {
        if current?.id != assessment.firmID {
            try writeCurrent()
            current = (assessment.firmID, try row(of: assessment.firmID))
        }
        guard current?.row != nil else { return }
        verdicts[assessment.tier.rung - 1] = (assessment.verdict, assessment.ruleVersion)
        written += 1
    }

    /// Writes the verdicts collected for the last firm.
    /// - Throws: `DatabaseError`.
    func flush() throws {
        try writeCurrent()
        current = nil
    }

    private func writeCurrent() throws {
        guard let current, let row = current.row else { return }
        upsert.bind(row)
        for index in verdicts.indices {
            upsert.bind(verdicts[index]?.0)
            upsert.bind(verdicts[index]?.1)
            verdicts[index] = nil
        }
        try upsert.run()
    }

    /// The row id of the firm's standing record: the next firm read, when it is that firm (no lookup),
    /// else looked up by credit code.
    private func row(of firmID: String) throws -> Int64? {
        if head < read.count, read[head].id == firmID {
            let row = read[head].row
            head += 1
            if head >= 4096 {
                read.removeFirst(head)
                head = 0
            }
            return row
        }
        return try Int64.fetchOne(rowOf, arguments: [firmID] + snapshot.idArguments)
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
            for part in snapshot.parts {
                guard let range = try Self.enterpriseRange(of: part.id, in: db) else { continue }
                try db.execute(sql: "DELETE FROM firm_verdict WHERE enterprise_id BETWEEN ? AND ?",
                               arguments: [range.lowerBound, range.upperBound])
            }
            let writer = try AssessmentWriter(db: db, snapshot: snapshot)
            try body(writer)
            try writer.flush()
            return writer.written
        }
    }
}
