import GRDB
import LadderCore

/// The verdict of one rung's rulebook on one firm in one snapshot, with the rule version used.
public struct Assessment: Hashable, Sendable {
    /// The firm's credit code (`enterprise.id`).
    public var firmID: String
    public var tier: Tier
    public var verdict: Verdict
    /// The rulebook version that gave the verdict, e.g. `high-tech@2016`.
    public var ruleVersion: String

    /// Creates an assessment.
    public init(firmID: String, tier: Tier, verdict: Verdict, ruleVersion: String) {
        self.firmID = firmID
        self.tier = tier
        self.verdict = verdict
        self.ruleVersion = ruleVersion
    }
}

extension RegistryStore {
    /// Stores verdicts under one part (imported file) in one transaction, replacing any earlier verdict
    /// for the same firm and rung. Prefer the ``DatedSnapshot`` variant, which files each verdict under
    /// the part whose record stands.
    /// - Parameters:
    ///   - assessments: the verdicts; may be a lazy sequence over a whole snapshot.
    ///   - snapshot: the part assessed.
    /// - Returns: how many verdicts were written.
    /// - Throws: `DatabaseError`; on error nothing is stored.
    @discardableResult
    public func saveAssessments(_ assessments: some Sequence<Assessment>, in snapshot: Snapshot) throws -> Int {
        try saveAssessments(assessments, in: DatedSnapshot(exportedAt: snapshot.exportedAt, parts: [snapshot]))
    }

    /// Stores verdicts for a snapshot in one transaction, each under the part whose record of the firm
    /// stands, replacing any earlier verdict for the same firm and rung; verdicts for firms the
    /// snapshot does not list are not stored.
    /// - Returns: how many verdicts were written.
    /// - Throws: `DatabaseError`; on error nothing is stored.
    @discardableResult
    public func saveAssessments(_ assessments: some Sequence<Assessment>, in snapshot: DatedSnapshot) throws -> Int {
        try dbQueue.write { db in
            let writer = try AssessmentWriter(db: db, snapshot: snapshot)
            for assessment in assessments { try writer.save(assessment) }
            try writer.flush()
            return writer.written
        }
    }

    /// The verdicts stored for a snapshot (for the records that stand), by firm id then rung.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func assessments(in snapshot: DatedSnapshot) throws -> [Assessment] {
        try dbQueue.read { db in
            try Self.assessments(
                db, where: "e.snapshot_id IN (\(snapshot.placeholders)) AND e.shadowed = 0", snapshot.idArguments
            ).map(\.assessment).sorted { ($0.firmID, $0.tier.rung) < ($1.firmID, $1.tier.rung) }
        }
    }

    /// The verdicts stored for one firm, per snapshot id.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func assessments(ofFirm firmID: String) throws -> [Int64: [Assessment]] {
        try dbQueue.read { db in
            Dictionary(grouping: try Self.assessments(db, where: "e.id = ?", [firmID]), by: \.snapshotID)
                .mapValues { $0.map(\.assessment) }
        }
    }

    /// Verdicts from `firm_verdict` rows joined to their firms, one per rung stored, by part, firm, rung.
    private static func assessments(
        _ db: Database, where condition: String, _ arguments: StatementArguments
    ) throws -> [(snapshotID: Int64, assessment: Assessment)] {
        // `condition` is one of this file's constants; values are bound parameters.
        let rungs = Tier.allCases.map(AssessmentWriter.column)
        let rows = try Row.fetchAll(
            db, sql: """
                SELECT e.snapshot_id, e.id, \(rungs.map { "v.\($0)_verdict, v.\($0)_rule" }.joined(separator: ", "))
                FROM firm_verdict v JOIN enterprise e USING (enterprise_id) WHERE \(condition)
                ORDER BY e.snapshot_id, e.id
                """, arguments: arguments)
        var found: [(snapshotID: Int64, assessment: Assessment)] = []
        for row in rows {
            for (index, tier) in Tier.allCases.enumerated() {
                let verdict: Verdict? = try EnterpriseReader.optional(row, 2 + 2 * index, "firm_verdict", "\(rungs[index])_verdict")
                guard let verdict else { continue }
                found.append((row[0], Assessment(firmID: row[1], tier: tier, verdict: verdict,
                                                 ruleVersion: row[3 + 2 * index] ?? "")))
            }
        }
        return found
    }
}
