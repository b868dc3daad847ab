import GRDB
import GRDBSQLite

/// Steps a query with SQLite's C calls and reads columns in place, for scans over millions of rows
/// where GRDB's `Row` cursor costs more than SQLite itself. Values are bound parameters. Use it only
/// inside the GRDB access block that created it.
struct RawRows {
    private let statement: Statement

    /// Prepares `sql` on the connection with bound `arguments`.
    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Advances to the next row; false after the last.
    /// - Throws: `DatabaseError` with SQLite's code.
    func next() throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: nil, sql: statement.sql)
    }

    /// An integer column (0 for NULL).
    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.sqliteStatement, column) }

    /// Whether a column is NULL.
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement.sqliteStatement, column) == SQLITE_NULL }

    /// A text column's UTF-8 bytes, valid until the next step; nil for NULL.
    func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        let handle = statement.sqliteStatement
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }
}
