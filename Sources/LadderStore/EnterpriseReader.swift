import GRDB
import StoreSupport
import LadderCore

/// Rebuilds full `Enterprise` values from the enterprise table and `firm_facts` (schema v4) in one
/// ordered pass: a scan of firms by `enterprise_id`, merged with a scan of their facts rows (keyed by
/// the same id, one per firm that has any fact); shadowed firms are skipped. Memory stays at one firm
/// whatever the snapshot size.
struct EnterpriseReader {
    let db: Database
    /// File name for the firms' source positions.
    let fileName: String

    /// The columns read, listed by the vocabulary (LadderCore `RecordField`).
    static let enterpriseColumns = "enterprise_id, \(RecordField.columnList), source_line, source_column"

    /// Calls `body` for each firm whose row id lies in `range`, in row id order, with its row id.
    func forEachWithRow(in range: ClosedRange<Int64>, _ body: (Int64, Enterprise) throws -> Void) throws {
        let bounds: StatementArguments = [range.lowerBound, range.upperBound]
        let firms = try RawRows(
            db, sql: """
                SELECT \(Self.enterpriseColumns) FROM enterprise
                WHERE enterprise_id BETWEEN ? AND ? AND shadowed = 0 ORDER BY enterprise_id
                """, arguments: bounds)
        let facts = try RawRows(
            db, sql: """
                SELECT enterprise_id, \(FactLayout.columns.joined(separator: ", ")) FROM firm_facts
                WHERE enterprise_id BETWEEN ? AND ? ORDER BY enterprise_id
                """, arguments: bounds)
        var haveFacts = try facts.next()
        var buffer: [UInt8] = []
        while try firms.next() {
            let rowID = firms.int(0)
            var firm = Enterprise(id: firms.string(1) ?? "", name: firms.string(2) ?? "", district: firms.string(3) ?? "")
            firm.zone = firms.string(4)
            firm.industry = firms.string(5)
            firm.techDomain = try Self.value(firms, 6, "tech_domain", &buffer)
            if firms.copyText(7, into: &buffer) {
                guard let day = FactsDecoder.day(buffer[...]) else {
                    throw StoreError.corruptValue(table: "enterprise", column: "registered_on",
                                                  value: String(decoding: buffer, as: UTF8.self))
                }
                firm.registeredOn = day
            }
            firm.status = try Self.value(firms, 8, "status", &buffer)
            firm.resident = firms.optionalInt(9).map { $0 != 0 }
            firm.taxAssessment = try Self.value(firms, 10, "tax_assessment", &buffer)
            if let line = firms.optionalInt(11) {
                firm.position = SourcePosition(file: fileName, line: Int(line), column: Int(firms.optionalInt(12) ?? 0))
            }
            while haveFacts, facts.int(0) < rowID { haveFacts = try facts.next() }
            if haveFacts, facts.int(0) == rowID {
                try Self.fill(&firm, file: fileName) { column in
                    facts.copyText(Int32(column + 1), into: &buffer) ? buffer : nil
                }
            }
            try body(rowID, firm)
        }
    }

    /// Calls `body` for each firm whose row id lies in `range`, in row id order.
    func forEach(in range: ClosedRange<Int64>, _ body: (Enterprise) throws -> Void) throws {
        try forEachWithRow(in: range) { _, firm in try body(firm) }
    }

    /// A closed-set column matched by its bytes; nil for NULL.
    private static func value<E: RawRepresentable<String> & CaseIterable>(
        _ rows: RawRows, _ column: Int32, _ name: String, _ buffer: inout [UInt8]
    ) throws -> E? {
        guard rows.copyText(column, into: &buffer) else { return nil }
        for candidate in E.allCases where candidate.rawValue.utf8.elementsEqual(buffer) { return candidate }
        throw StoreError.corruptValue(table: "enterprise", column: name, value: String(decoding: buffer, as: UTF8.self))
    }

    /// The facts of one `firm_facts` row into a firm (positions in `file`); `text(i)` gives column i's
    /// bytes (``FactLayout/columns``), nil for NULL.
    static func fill(_ firm: inout Enterprise, file: String, _ text: (Int) -> [UInt8]?) throws {
        if let json = text(0) {
            firm.finance = try FactsDecoder.list(json, column: "finance") { d in
                var year = FinanceYear(year: try d.requiredInt())
                for field in FinanceField.all { year[field] = try d.int64() }
                year.position = try d.position(file: file)
                return year
            }
        }
        func facts<T>(_ kind: FactKind, _ decode: (inout FactsDecoder) throws -> T) throws -> [T] {
            guard let json = text(1 + kind.rawValue) else { return [] }
            return try FactsDecoder.list(json, column: kind.spec.table, decode)
        }
        firm.ip = try facts(.ip) { d in
            IPHolding(ipClass: try d.required(), kind: try d.value(), count: try d.requiredInt(), acquired: try d.value())
        }
        firm.certifications = try facts(.certification) { d in
            Certification(kind: try d.required(), number: try d.string(), issued: try d.requiredDay(),
                          expires: try d.day(), revoked: try d.day())
        }
        firm.awards = try facts(.award) { d in Award(level: try d.required(), year: try d.requiredInt(), rank: try d.int()) }
        firm.rdInstitutions = try facts(.rdInstitution) { d in RDInstitution(level: try d.required(), since: try d.day()) }
        firm.standards = try facts(.standard) { d in
            Standard(level: try d.required(), role: try d.required(), year: try d.requiredInt())
        }
        firm.incidents = try facts(.incident) { d in Incident(kind: try d.required(), date: try d.requiredDay()) }
        firm.expertScores = try facts(.expertScore) { d in ExpertScore(item: try d.required(), points: try d.requiredInt()) }
        firm.consortia = try facts(.consortium) { d in Consortium(role: try d.required(), level: try d.required()) }
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
