import GRDB
import GRDBSQLite
import LadderCore

/// A prepared INSERT whose parameters are bound with SQLite's C calls, for the import hot path.
///
/// GRDB's `execute(arguments:)` builds a `StatementArguments` array of `DatabaseValue`s per row; at
/// millions of rows that costs more than SQLite itself. This type binds each parameter in turn, in
/// column order, straight into the statement GRDB prepared (and owns), then steps and resets it.
/// Values are always bound parameters, never SQL text.
///
/// Invariant: SQLite copies every bound text (`SQLITE_TRANSIENT`) before the bind call returns, so
/// no pointer handed to it outlives the call; use the statement only inside the GRDB access block
/// that created it, on its thread.
public final class InsertStatement {
    private let statement: Statement
    private let db: Database
    private var index: Int32 = 0

    /// SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Prepares `sql` on the connection.
    /// - Throws: `DatabaseError` when the SQL does not compile.
    public init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    public func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement.sqliteStatement, index, value) } else { null() }
    }

    public func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    public func bind(_ value: Bool?) { bind(value.map { Int64($0 ? 1 : 0) }) }

    public func bind(_ value: String?) {
        index += 1
        guard let value else { return null() }
        guard !value.isEmpty else { return empty() }
        var text = value
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement.sqliteStatement, index, chars.baseAddress, Int32(chars.count), Self.transient)
            }
        }
    }

    /// Binds UTF-8 text given as bytes (no `String` made); nil binds NULL.
    public func bind(utf8 bytes: [UInt8]?) {
        index += 1
        guard let bytes else { return null() }
        guard !bytes.isEmpty else { return empty() }
        bytes.withUnsafeBufferPointer { buffer in
            _ = buffer.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement.sqliteStatement, index, chars.baseAddress, Int32(chars.count), Self.transient)
            }
        }
    }

    /// Binds the UTF-8 text a byte writer holds (SQLite copies it); nil binds NULL.
    public func bind(text writer: ByteWriter?) {
        index += 1
        guard let writer else { return null() }
        let bytes = writer.bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return empty() }
        sqlite3_bind_text(statement.sqliteStatement, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                          Self.transient)
    }

    public func bind<R: RawRepresentable<String>>(_ value: R?) { bind(value?.rawValue) }

    private func null() { sqlite3_bind_null(statement.sqliteStatement, index) }

    /// An empty buffer may have no base address, which SQLite would read as NULL.
    private func empty() { sqlite3_bind_text(statement.sqliteStatement, index, "", 0, Self.transient) }

    /// Runs the insert with the parameters bound since the last run.
    /// - Throws: `DatabaseError` with SQLite's code and message (e.g. disk full, constraint).
    public func run() throws {
        index = 0
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }
}
