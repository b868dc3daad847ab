import GRDB
import LadderCore

/// One firm across every snapshot (export date) in the database: what each date's files said about it,
/// the verdicts stored for it, and what changed from one date to the next.
public struct FirmHistory: Hashable, Sendable {
    /// The firm's credit code.
    public var firmID: String
    /// One entry per snapshot, oldest export first.
    public var entries: [Entry]

    /// What one snapshot holds about the firm.
    public struct Entry: Hashable, Sendable {
        /// The file (part) whose record of the firm stands on that date, or the date's last file.
        public var snapshot: Snapshot
        /// The firm as exported, or nil when this export does not list it.
        public var enterprise: Enterprise?
        /// Stored verdicts, by rung.
        public var assessments: [Assessment]
        /// The differences in facts and verdicts from the previous entry (empty for the first).
        public var changes: [FirmChange]
    }
}

extension RegistryStore {
    /// The history of one firm across all snapshots, or nil when no snapshot lists it.
    ///
    /// Every snapshot appears, oldest export first, so that an export that dropped the firm shows as
    /// an entry without an enterprise.
    /// - Parameter firmID: the credit code.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    public func history(of firmID: String) throws -> FirmHistory? {
        let verdicts = try assessments(ofFirm: firmID)
        return try dbQueue.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT snapshot_id, enterprise_id FROM enterprise WHERE id = ? AND shadowed = 0",
                arguments: [firmID])
            guard !rows.isEmpty else { return nil }
            var rowIDs: [Int64: Int64] = [:]
            for row in rows { rowIDs[row[0]] = rowIDs[row[0]] ?? row[1] }
            // One entry per export date: the part whose record stands, else the date's last part.
            let snapshots = try Self.dated(db, where: "1", []).compactMap { date in
                date.parts.last { rowIDs[$0.id] != nil } ?? date.parts.last
            }
            var entries: [FirmHistory.Entry] = []
            for snapshot in snapshots {
                var firm: Enterprise?
                if let rowID = rowIDs[snapshot.id] {
                    try EnterpriseReader(db: db, fileName: snapshot.fileName).forEach(in: rowID...rowID) { firm = $0 }
                }
                let assessed = verdicts[snapshot.id] ?? []
                let changes = entries.last.map {
                    FirmChange.between($0.enterprise, firm) + FirmChange.verdicts($0.assessments, assessed)
                } ?? []
                entries.append(FirmHistory.Entry(
                    snapshot: snapshot, enterprise: firm, assessments: assessed, changes: changes))
            }
            return FirmHistory(firmID: firmID, entries: entries)
        }
    }
}
