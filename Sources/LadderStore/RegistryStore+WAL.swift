import GRDB

extension RegistryStore {
    /// Switches the database to write-ahead logging (it stays so in the file): readers — the web
    /// server's pages — go on reading while an upload writes, and writes are serialized by this
    /// store's one connection. Imports from the command line then journal through the WAL as well.
    /// - Throws: `DatabaseError` when the mode cannot be changed (e.g. a read-only file).
    public func useWriteAheadLog() throws {
        try dbQueue.writeWithoutTransaction { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode?.lowercased() == "wal" else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not switch to WAL (journal mode \(mode ?? "unknown"))")
            }
        }
    }
}
