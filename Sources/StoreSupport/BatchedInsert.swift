import GRDB
import GRDBSQLite
import LadderCore

/// A multi-row `INSERT … VALUES (…), (…), …` for the import hot path: rows are collected and written
/// `rowsPerStatement` at a time, so SQLite's work per statement (opening a cursor on the table and on
/// each index, stepping, halting and freeing them) is paid once per batch instead of once per row. The
/// rows go in in the order given, so implicit row ids are the ones single-row inserts would get.
///
/// Bind a row's values in column order, then ``endRow()``; call ``flush()`` before anything reads the
/// table (rows still collected are not in it yet). Values are always bound parameters, never SQL text.
///
/// Invariant: text is copied into `arena` as it is given and handed to SQLite without a further copy
/// (`SQLITE_STATIC`) only in `flush()`, once every byte of the batch is in (the arena may move while
/// it grows); it is not written again until the statement has stepped, and every parameter is bound
/// again before the next step. Use it only inside the GRDB access block that created it, on its
/// thread (hence no dynamic exclusivity checks on its state).
public final class BatchedInsert {
    private enum Value {
        case int(Int64)
        case null
        case text(start: Int, count: Int)
    }

    private let db: Database
    private let sql: (_ rows: Int) -> String
    private let columns: Int
    private let rowsPerStatement: Int
    /// The prepared statement for a full batch, and one for a shorter last batch when needed.
    private var statements: [Int: Statement] = [:]
    @exclusivity(unchecked) private var values: [Value] = []
    @exclusivity(unchecked) private var rows = 0
    private let arena = ByteWriter(capacity: 1 << 16)
    /// SQLite copies the text before the call returns (for a literal, whose pointer does not outlive it).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Prepares `INSERT INTO table (columns) VALUES …` for `rowsPerStatement` rows.
    /// - Throws: `DatabaseError` when the SQL does not compile.
    public init(_ db: Database, table: String, columns: [String], rowsPerStatement: Int = 32) throws {
        self.db = db
        self.columns = columns.count
        self.rowsPerStatement = max(1, rowsPerStatement)
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        sql = { rows in head + Array(repeating: row, count: rows).joined(separator: ", ") }
        values.reserveCapacity(self.rowsPerStatement * columns.count)
        statements[self.rowsPerStatement] = try db.makeStatement(sql: sql(self.rowsPerStatement))
    }

    public func bind(_ value: Int64?) { values.append(value.map(Value.int) ?? .null) }

    public func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    public func bind(_ value: Bool?) { bind(value.map { Int64($0 ? 1 : 0) }) }

    public func bind(_ value: String?) {
        guard let value else { return values.append(.null) }
        let start = arena.count
        arena.append(string: value)
        values.append(.text(start: start, count: arena.count - start))
    }

    public func bind<R: RawRepresentable<String>>(_ value: R?) { bind(value?.rawValue) }

    /// Binds the UTF-8 text a byte writer holds (copied); nil binds NULL.
    public func bind(text writer: ByteWriter?) {
        guard let writer else { return values.append(.null) }
        let start = arena.count
        arena.append(writer.bytes)
        values.append(.text(start: start, count: writer.count))
    }

    /// Money as INTEGER fen.
    public func bind(_ value: Money?) { bind(value?.fen) }

    /// A date as TEXT `YYYY-MM-DD` (`Day.description`), written into the batch without a `String`.
    public func bind(_ value: Day?) {
        guard let value else { return values.append(.null) }
        guard (0...9999).contains(value.year) else { return bind(value.description) }
        let start = arena.count
        arena.appendDate(year: value.year, month: value.month, day: value.day)
        values.append(.text(start: start, count: arena.count - start))
    }

    /// Ends the row whose values were just bound; writes the batch once it is full.
    /// - Throws: `DatabaseError` with SQLite's code and message (e.g. disk full, constraint).
    public func endRow() throws {
        rows += 1
        precondition(values.count == rows * columns, "a row binds one value per column")
        if rows == rowsPerStatement { try flush() }
    }

    /// Writes the rows collected so far.
    /// - Throws: `DatabaseError` with SQLite's code and message (e.g. disk full, constraint).
    public func flush() throws {
        guard rows > 0 else { return }
        defer {
            values.removeAll(keepingCapacity: true)
            arena.removeAll()
            rows = 0
        }
        let statement: Statement
        if let prepared = statements[rows] {
            statement = prepared
        } else {
            statement = try db.makeStatement(sql: sql(rows))
            statements[rows] = statement
        }
        let handle = statement.sqliteStatement
        let base = arena.bytes.baseAddress
        var index: Int32 = 0
        for value in values {
            index += 1
            switch value {
            case .int(let number): sqlite3_bind_int64(handle, index, number)
            case .null: sqlite3_bind_null(handle, index)
            case .text(let start, let count):
                if let base {
                    sqlite3_bind_text(handle, index, (base + start).assumingMemoryBound(to: CChar.self), Int32(count), nil)
                } else {
                    sqlite3_bind_text(handle, index, "", 0, Self.transient)  // '' (a null pointer would bind NULL)
                }
            }
        }
        try statement.stepOnce(in: db)
    }
}
