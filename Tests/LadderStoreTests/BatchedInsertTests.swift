import GRDB
import LadderCore
import StoreSupport
import Testing

@Suite("Batched inserts")
struct BatchedInsertTests {
    static func table(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE t (n INTEGER, s TEXT NOT NULL, d TEXT, m INTEGER, b INTEGER)")
    }

    /// No date, an ordinary one, or one past year 9999 (written by `Day.description`'s other path).
    static func day(_ n: Int) -> Day? {
        n == 1 ? nil : n == 5 ? Day(ordinal: 4_000_000) : Day(year: 2020 + n, month: 2, day: 9)
    }

    @Test("rows bound one after another are written in order, full batches and a shorter last one, each value as a single-row insert stores it")
    func rowsInOrder() throws {
        #expect(Day(ordinal: 4_000_000).year > 9999)
        let queue = try DatabaseQueue()
        let rows = try queue.write { db in
            try Self.table(db)
            let insert = try BatchedInsert(db, table: "t", columns: ["n", "s", "d", "m", "b"], rowsPerStatement: 3)
            for n in 0..<7 {
                insert.bind(n == 2 ? nil : Int64(n))
                insert.bind(n == 4 ? "" : "第\(n)行 \"q\"")
                insert.bind(Self.day(n))
                insert.bind(Money(fen: -Int64(n) * 1_000))
                insert.bind(n.isMultiple(of: 2))
                try insert.endRow()
            }
            // Six rows written in two full batches; the seventh waits for flush().
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 6)
            try insert.flush()
            try insert.flush()
            return try Row.fetchAll(db, sql: "SELECT rowid, n, s, d, typeof(d), m, b FROM t ORDER BY rowid")
        }
        #expect(rows.count == 7)
        for (n, row) in rows.enumerated() {
            #expect(row[0] as Int64 == Int64(n + 1))
            #expect(row[1] as Int64? == (n == 2 ? nil : Int64(n)))
            #expect(row[2] as String == (n == 4 ? "" : "第\(n)行 \"q\""))
            #expect(row[3] as String? == Self.day(n)?.description)
            #expect(row[4] as String == (n == 1 ? "null" : "text"))
            #expect(row[5] as Int64 == -Int64(n) * 1_000)
            #expect(row[6] as Int64 == (n.isMultiple(of: 2) ? 1 : 0))
        }
    }

    @Test("a row SQLite refuses fails the batch with SQLite's message, and the statement works again after")
    func constraintIsAnError() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try Self.table(db)
            let insert = try BatchedInsert(db, table: "t", columns: ["n", "s", "d", "m", "b"], rowsPerStatement: 2)
            insert.bind(1 as Int64?); insert.bind(nil as String?); insert.bind(nil as Day?); insert.bind(nil as Money?)
            insert.bind(nil as Bool?)
            try insert.endRow()
            let error = #expect(throws: DatabaseError.self) { try insert.flush() }
            #expect(error?.message?.contains("NOT NULL") == true)
            insert.bind(2 as Int64?); insert.bind("x"); insert.bind(nil as Day?); insert.bind(nil as Money?)
            insert.bind(true)
            try insert.endRow()
            try insert.flush()
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 1)
        }
    }
}
