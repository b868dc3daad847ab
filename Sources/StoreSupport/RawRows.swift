import GRDB
import GRDBSQLite

/// Steps a query with SQLite's C calls and reads columns in place, for scans over millions of rows
/// where GRDB's `Row` cursor costs more than SQLite itself. Values are bound parameters.
///
/// Invariant: a column's text is read only inside the accessor that fetched it (compared or copied
/// before it returns), since SQLite frees it on the next step; use the rows only inside the GRDB
/// access block that created them, on its thread.
public struct RawRows {
    private let statement: Statement

    /// Prepares `sql` on the connection with bound `arguments`.
    /// - Throws: `DatabaseError` when the SQL does not compile or the arguments do not fit.
    public init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Advances to the next row; false after the last.
    /// - Throws: `DatabaseError` with SQLite's code.
    public func next() throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: nil, sql: statement.sql)
    }

    /// An integer column (0 for NULL).
    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.sqliteStatement, column) }

    /// Whether a column is NULL.
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement.sqliteStatement, column) == SQLITE_NULL }

    /// A text column as a `String`; nil for NULL.
    public func string(_ column: Int32) -> String? { text(column).map { String(decoding: $0, as: UTF8.self) } }

    /// An integer column, nil for NULL.
    public func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    /// A text column's first byte; nil for NULL or empty text.
    public func firstByte(_ column: Int32) -> UInt8? {
        guard let text = text(column), !text.isEmpty else { return nil }
        return text[0]
    }

    /// A text column's bytes, copied; nil for NULL.
    public func bytes(_ column: Int32) -> [UInt8]? { text(column).map(Array.init) }

    /// Copies a text column's bytes into `buffer` (replacing its contents, keeping its capacity);
    /// false, with `buffer` emptied, for NULL.
    public func copyText(_ column: Int32, into buffer: inout [UInt8]) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        guard let text = text(column) else { return false }
        buffer.append(contentsOf: text)
        return true
    }

    /// Whether a text column holds exactly `bytes` (both NULL counts as equal).
    public func textEquals(_ column: Int32, _ bytes: [UInt8]?) -> Bool {
        let text = text(column)
        guard let bytes, let text else { return bytes == nil && text == nil }
        return bytes.elementsEqual(text)
    }

    /// The memcmp order (SQLite's BINARY collation) of this row's text column against another's: negative,
    /// zero or positive; nil when either is NULL.
    public func compareText(_ column: Int32, with other: RawRows, _ otherColumn: Int32) -> Int? {
        guard let a = text(column), let b = other.text(otherColumn) else { return nil }
        for (x, y) in zip(a, b) where x != y { return Int(x) - Int(y) }
        return a.count - b.count
    }

    /// The column's text in SQLite's memory, valid until the next step: kept private to this type.
    private func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        let handle = statement.sqliteStatement
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }
}
