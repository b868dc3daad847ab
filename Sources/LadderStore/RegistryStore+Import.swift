import Foundation
import GRDB
import LadderCore

/// What an import did.
public enum ImportOutcome: Hashable, Sendable {
    /// The file was stored as a new snapshot.
    case imported(Snapshot)
    /// A file with the same content hash is already stored; nothing was added.
    case alreadyImported(Snapshot)

    /// The snapshot that now holds the file's content.
    public var snapshot: Snapshot {
        switch self {
        case .imported(let snapshot), .alreadyImported(let snapshot): snapshot
        }
    }
}

extension RegistryStore {
    /// Imports one export file as a new snapshot, atomically and idempotently.
    ///
    /// Opens one immediate transaction. When a snapshot with the same `contentHash` exists the body is
    /// not called and the result is ``ImportOutcome/alreadyImported(_:)``. Otherwise `body` receives a
    /// ``SnapshotWriter``: give it the header, then every record and reject. If `body` throws — a file
    /// that is not well-formed, a full disk, anything — the transaction rolls back and the database is
    /// exactly as before; a killed process leaves a journal that SQLite rolls back on the next open.
    ///
    /// When the database holds no firm yet, the index on firm ids is dropped for the load and rebuilt
    /// before commit, which is faster than maintaining it row by row.
    ///
    /// - Parameters:
    ///   - fileName: the name recorded for the file (positions of records refer to it).
    ///   - contentHash: lowercase hex SHA-256 of the file's bytes (``SHA256/hexDigest(ofFile:)``).
    ///   - importedAt: the import time to record.
    ///   - body: streams the file into the writer.
    /// - Returns: the new snapshot, or the one that already holds this content.
    /// - Throws: whatever `body` throws, ``StoreError/missingHeader(file:)``, or `DatabaseError`.
    public func importSnapshot(
        fileName: String, contentHash: String, importedAt: Date = Date(),
        _ body: (SnapshotWriter) throws -> Void
    ) throws -> ImportOutcome {
        try dbQueue.writeWithoutTransaction { db in
            var outcome: ImportOutcome?
            try db.inTransaction(.immediate) {
                if let existing = try Self.snapshot(withHash: contentHash, in: db) {
                    outcome = .alreadyImported(existing)
                    return .rollback
                }
                let bulk = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM enterprise)") ?? true)
                if bulk { try db.execute(sql: "DROP INDEX enterprise_by_id") }
                let writer = SnapshotWriter(db: db, fileName: fileName, contentHash: contentHash, importedAt: importedAt)
                try body(writer)
                let snapshot = try writer.finish()
                if bulk { try db.execute(sql: Self.enterpriseIDIndex) }
                outcome = .imported(snapshot)
                return .commit
            }
            guard let outcome else { throw StoreError.missingHeader(file: fileName) }
            return outcome
        }
    }
}
