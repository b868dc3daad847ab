import Foundation
import GRDB
import LadderCore

/// What an import did.
public enum ImportOutcome: Hashable, Sendable {
    /// The file was stored as a new part of the snapshot of its export date.
    case imported(Snapshot)
    /// The file was stored and replaced the earlier files of the same date and source.
    case replaced(Snapshot, previous: [Snapshot])
    /// A file with the same content hash is already stored; nothing was added.
    case alreadyImported(Snapshot)

    /// The part (imported file) that now holds the file's content.
    public var snapshot: Snapshot {
        switch self {
        case .imported(let snapshot), .replaced(let snapshot, _), .alreadyImported(let snapshot): snapshot
        }
    }
}

extension RegistryStore {
    /// Imports one export file as a part of the snapshot of its export date, atomically and idempotently.
    ///
    /// Before commit, earlier files of the same date and `source` are deleted (the new file replaces
    /// them) and records of earlier parts of the date whose id the new file also holds are marked
    /// shadowed (see ``DatedSnapshot``).
    ///
    /// Everything happens in one immediate transaction. `body` receives a ``SnapshotWriter``: give it
    /// the header, then every record and reject. If `body` throws — a file that is not well-formed, a
    /// full disk, anything — the transaction rolls back and the database is exactly as before; a
    /// killed process leaves a journal that SQLite rolls back on the next open.
    ///
    /// The content hash decides idempotence. It is asked for *before* the body runs when the size is
    /// unknown or some stored snapshot has the same size (a likely re-import: nothing is parsed), and
    /// otherwise only *after* the body, just before commit, so that a hash computed on another thread
    /// (``SHA256/BackgroundFileDigest``) costs no wall time. Either way, content already stored gives
    /// ``ImportOutcome/alreadyImported(_:)`` and adds nothing.
    ///
    /// When the database holds no firm yet, the index on firm ids is dropped for the load and rebuilt
    /// before commit, which is faster than maintaining it row by row. Foreign-key checks are off for
    /// the load: the writer inserts every child row under the firm row it has just written.
    ///
    /// - Parameters:
    ///   - fileName: the name recorded for the file (positions of records refer to it).
    ///   - fileSize: the file's size in bytes, if known.
    ///   - contentHash: lowercase hex SHA-256 of the file's bytes; called once.
    ///   - importedAt: the import time to record.
    ///   - body: streams the file into the writer.
    /// - Returns: the new snapshot, or the one that already holds this content.
    /// - Throws: whatever `body` or `contentHash` throws, ``StoreError/missingHeader(file:)``, or
    ///   `DatabaseError`.
    public func importSnapshot(
        fileName: String, fileSize: Int64? = nil, contentHash: () throws -> String, importedAt: Date = Date(),
        _ body: (SnapshotWriter) throws -> Void
    ) throws -> ImportOutcome {
        try dbQueue.writeWithoutTransaction { db in
            // The writer only inserts children of the firm it just inserted, into the snapshot it just
            // created, so the per-row foreign-key lookups are skipped for the load (the pragma cannot
            // change inside a transaction, hence here) and restored afterwards.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var outcome: ImportOutcome?
            try db.inTransaction(.immediate) {
                var hash: String?
                let sameSize = try fileSize.map {
                    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM snapshot WHERE file_size = ?)",
                                      arguments: [$0]) ?? true
                } ?? true
                if sameSize {
                    let known = try contentHash()
                    if let existing = try Self.snapshot(withHash: known, in: db) {
                        // A part replaced before v2 (kept, not read) is imported afresh.
                        guard try !Self.isCurrent(existing, in: db) else {
                            outcome = .alreadyImported(existing)
                            return .rollback
                        }
                        try Self.deletePart(existing.id, in: db)
                    }
                    hash = known
                }
                let bulk = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM enterprise)") ?? true)
                if bulk { try db.execute(sql: "DROP INDEX enterprise_by_id") }
                let writer = SnapshotWriter(
                    db: db, fileName: fileName, fileSize: fileSize,
                    contentHash: hash ?? "pending:\(UUID().uuidString)", importedAt: importedAt)
                try body(writer)
                if hash == nil {
                    let late = try contentHash()
                    if let existing = try Self.snapshot(withHash: late, in: db) {
                        guard try !Self.isCurrent(existing, in: db) else {
                            outcome = .alreadyImported(existing)
                            return .rollback
                        }
                        try Self.deletePart(existing.id, in: db)
                    }
                    writer.contentHash = late
                }
                let snapshot = try writer.finish()
                if bulk { try db.execute(sql: Self.enterpriseIDIndex) }
                let replaced = try Self.settle(newPart: snapshot, in: db)
                outcome = replaced.isEmpty ? .imported(snapshot) : .replaced(snapshot, previous: replaced)
                return .commit
            }
            guard let outcome else { throw StoreError.missingHeader(file: fileName) }
            return outcome
        }
    }

    /// Imports one export file whose content hash is already known; see
    /// ``importSnapshot(fileName:fileSize:contentHash:importedAt:_:)``.
    /// - Throws: whatever `body` throws, ``StoreError/missingHeader(file:)``, or `DatabaseError`.
    public func importSnapshot(
        fileName: String, contentHash: String, importedAt: Date = Date(), _ body: (SnapshotWriter) throws -> Void
    ) throws -> ImportOutcome {
        try importSnapshot(fileName: fileName, contentHash: { contentHash }, importedAt: importedAt, body)
    }
}
