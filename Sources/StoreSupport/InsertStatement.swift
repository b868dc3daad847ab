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
/// Text is copied into the statement's own buffer (`arena`) as it is bound and handed to SQLite, without
/// a further copy (`SQLITE_STATIC`), only in `run()`, once the row's last byte is in: SQLite's own copy
/// of each text (a malloc, a copy and a free per value) was a sixth of an import's SQLite time.
///
/// Invariant: the arena is not written between the binding in `run()` and the end of its step, and
/// every parameter is bound again before the next step, so SQLite never reads a stale pointer; use
/// the statement only inside the GRDB access block that created it, on its thread.
public final class InsertStatement {
    private let statement: Statement
    private let db: Database
    /// One statement is used by one thread at a time (the invariant below), so its state skips dynamic
    /// exclusivity checks (they were a tenth of the binding's cost).
    @exclusivity(unchecked) private var index: Int32 = 0
    /// The text of the row being bound, and where each parameter's text starts in it.
    private let arena = ByteWriter(capacity: 1 << 12)
    @exclusivity(unchecked) private var texts: [(index: Int32, start: Int, count: Int)] = []

    /// SQLite copies bound text before the call returns (for the empty text, which has no buffer).
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
        let start = arena.count
        arena.append(string: value)
        texts.append((index, start, arena.count - start))
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
        defer {
            texts.removeAll(keepingCapacity: true)
            arena.removeAll()
        }
        if let base = arena.bytes.baseAddress {
            for text in texts {
                sqlite3_bind_text(handle, text.index, (base + text.start).assumingMemoryBound(to: CChar.self),
                                  Int32(text.count), nil)
            }
        }
        try statement.stepOnce(in: db)
    }
}

extension Statement {
    /// Runs a bound INSERT once and resets it; SQLite's refusal becomes a `DatabaseError` with its message.
    func stepOnce(in db: Database) throws {
        let handle = sqliteStatement
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
        sqlite3_reset(handle)
    }
}
