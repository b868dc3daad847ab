import GRDB
import LadderCore

/// Rebuilds full `Enterprise` values from the enterprise table and its nine child tables in one
/// ordered pass: a cursor over firms by `enterprise_id`, merged with one cursor per child table over
/// the same id range (the child tables are clustered on `(enterprise_id, seq)`); shadowed firms are
/// skipped. Memory stays at one
/// firm whatever the snapshot size.
struct EnterpriseReader {
    let db: Database
    /// File name for the firms' source positions.
    let fileName: String

    /// The columns read, listed by the vocabulary (LadderCore `RecordField`, `FinanceField`, `FactKind`).
    static let enterpriseColumns = "enterprise_id, \(RecordField.columnList), source_line, source_column"

    /// Calls `body` for each firm whose row id lies in `range`, in row id order.
    func forEach(in range: ClosedRange<Int64>, _ body: (Enterprise) throws -> Void) throws {
        let bounds: StatementArguments = [range.lowerBound, range.upperBound]
        let firms = try Row.fetchCursor(
            db, sql: "SELECT \(Self.enterpriseColumns) FROM enterprise WHERE enterprise_id BETWEEN ? AND ? AND shadowed = 0 ORDER BY enterprise_id",
            arguments: bounds)
        let finance = try child("finance_year", "year, \(FinanceField.columnList), source_line, source_column", bounds, decode: decodeFinance)
        let ip = try child(.ip, bounds) { row in
            IPHolding(ipClass: try Self.required(row, 1, "ip", "class"), kind: try Self.optional(row, 2, "ip", "kind"),
                      count: row[3], acquired: try Self.optional(row, 4, "ip", "acquired"))
        }
        let certifications = try child(.certification, bounds) { row in
            Certification(kind: try Self.required(row, 1, "certification", "kind"), number: row[2],
                          issued: try Self.day(row, 3, "certification", "issued"),
                          expires: try Self.optionalDay(row, 4, "certification", "expires"),
                          revoked: try Self.optionalDay(row, 5, "certification", "revoked"))
        }
        let awards = try child(.award, bounds) { row in
            Award(level: try Self.required(row, 1, "award", "level"), year: row[2], rank: row[3])
        }
        let institutions = try child(.rdInstitution, bounds) { row in
            RDInstitution(level: try Self.required(row, 1, "rd_institution", "level"),
                          since: try Self.optionalDay(row, 2, "rd_institution", "since"))
        }
        let standards = try child(.standard, bounds) { row in
            Standard(level: try Self.required(row, 1, "standard", "level"),
                     role: try Self.required(row, 2, "standard", "role"), year: row[3])
        }
        let incidents = try child(.incident, bounds) { row in
            Incident(kind: try Self.required(row, 1, "incident", "kind"), date: try Self.day(row, 2, "incident", "date"))
        }
        let scores = try child(.expertScore, bounds) { row in
            ExpertScore(item: try Self.required(row, 1, "expert_score", "item"), points: row[2])
        }
        let consortia = try child(.consortium, bounds) { row in
            Consortium(role: try Self.required(row, 1, "consortium", "role"),
                       level: try Self.required(row, 2, "consortium", "level"))
        }
        while let row = try firms.next() {
            let rowID: Int64 = row[0]
            var firm = Enterprise(id: row[1], name: row[2], district: row[3])
            firm.zone = row[4]
            firm.industry = row[5]
            firm.techDomain = try Self.optional(row, 6, "enterprise", "tech_domain")
            firm.registeredOn = try Self.optionalDay(row, 7, "enterprise", "registered_on")
            firm.status = try Self.optional(row, 8, "enterprise", "status")
            firm.resident = row[9]
            firm.taxAssessment = try Self.optional(row, 10, "enterprise", "tax_assessment")
            firm.position = position(row, 11)
            firm.finance = try finance.take(rowID)
            firm.ip = try ip.take(rowID)
            firm.certifications = try certifications.take(rowID)
            firm.awards = try awards.take(rowID)
            firm.rdInstitutions = try institutions.take(rowID)
            firm.standards = try standards.take(rowID)
            firm.incidents = try incidents.take(rowID)
            firm.expertScores = try scores.take(rowID)
            firm.consortia = try consortia.take(rowID)
            try body(firm)
        }
    }

    private func decodeFinance(_ row: Row) throws -> FinanceYear {
        var year = FinanceYear(year: row[1])
        for field in FinanceField.all { year[field] = row[2 + field.rawValue] }
        year.position = position(row, 2 + FinanceField.all.count)
        return year
    }

    /// A repeated fact's rows: its table and attribute columns from the vocabulary.
    private func child<T>(_ kind: FactKind, _ bounds: StatementArguments, decode: @escaping (Row) throws -> T) throws -> ChildStream<T> {
        try child(kind.spec.table, kind.columnList, bounds, decode: decode)
    }

    private func child<T>(
        _ table: String, _ columns: String, _ bounds: StatementArguments, decode: @escaping (Row) throws -> T
    ) throws -> ChildStream<T> {
        // Table and column names are constants of this file; the bounds are bound parameters.
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT enterprise_id, \(columns) FROM \(table) WHERE enterprise_id BETWEEN ? AND ? ORDER BY enterprise_id, seq",
            arguments: bounds)
        return ChildStream(cursor: cursor, decode: decode)
    }

    private func position(_ row: Row, _ index: Int) -> SourcePosition? {
        guard let line: Int = row[index] else { return nil }
        return SourcePosition(file: fileName, line: line, column: row[index + 1] ?? 0)
    }

    static func money(_ row: Row, _ index: Int) -> Money? {
        (row[index] as Int64?).map { Money(fen: $0) }
    }

    static func optional<E: RawRepresentable<String>>(_ row: Row, _ index: Int, _ table: String, _ column: String) throws -> E? {
        guard let raw: String = row[index] else { return nil }
        guard let value = E(rawValue: raw) else { throw StoreError.corruptValue(table: table, column: column, value: raw) }
        return value
    }

    static func required<E: RawRepresentable<String>>(_ row: Row, _ index: Int, _ table: String, _ column: String) throws -> E {
        guard let value: E = try optional(row, index, table, column) else {
            throw StoreError.corruptValue(table: table, column: column, value: "NULL")
        }
        return value
    }

    static func optionalDay(_ row: Row, _ index: Int, _ table: String, _ column: String) throws -> Day? {
        guard let raw: String = row[index] else { return nil }
        guard let day = Day(raw) else { throw StoreError.corruptValue(table: table, column: column, value: raw) }
        return day
    }

    static func day(_ row: Row, _ index: Int, _ table: String, _ column: String) throws -> Day {
        guard let day = try optionalDay(row, index, table, column) else {
            throw StoreError.corruptValue(table: table, column: column, value: "NULL")
        }
        return day
    }
}

/// One child table's rows in `(enterprise_id, seq)` order, read one row ahead so that the rows of
/// each firm can be taken in turn.
private final class ChildStream<T> {
    private let cursor: RowCursor
    private let decode: (Row) throws -> T
    private var pending: (id: Int64, value: T)?
    private var started = false

    init(cursor: RowCursor, decode: @escaping (Row) throws -> T) {
        self.cursor = cursor
        self.decode = decode
    }

    private func advance() throws {
        if let row = try cursor.next() {
            pending = (row[0], try decode(row))
        } else {
            pending = nil
        }
    }

    /// The rows of firm `id`, skipping rows of firms before it.
    func take(_ id: Int64) throws -> [T] {
        if !started {
            started = true
            try advance()
        }
        var values: [T] = []
        while let (rowID, value) = pending, rowID <= id {
            if rowID == id { values.append(value) }
            try advance()
        }
        return values
    }
}
