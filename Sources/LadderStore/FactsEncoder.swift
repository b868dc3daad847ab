import LadderCore

/// A firm's repeated facts as stored since schema v4: one row of `firm_facts` per firm, one TEXT
/// column per kind holding a JSON array of positional arrays in file order (NULL when the firm has
/// none). The element layouts are the v1 tables' columns after `enterprise_id, seq`, which the views of
/// the same names (`finance_year`, `certification`, ...) read back with `json_each`.
enum FactLayout {
    /// The `firm_facts` columns in the order the writer binds them: `finance`, then one per `FactKind`.
    static let columns = ["finance"] + FactKind.all.map(\.spec.table)

    /// A `finance` element: `year`, the vocabulary's figures in order, `source_line, source_column`.
    static let financeFields = ["year"] + FinanceField.all.map(\.spec.column) + ["source_line", "source_column"]

    /// A fact's element: its attributes in format-1 order; certificates add `valid_until`.
    static func fields(_ kind: FactKind) -> [String] {
        kind.attributes + (kind == .certification ? ["valid_until"] : [])
    }

    /// Index of `valid_until` and of the other fields a tally reads in a certification element.
    static let certificationKind = 0, certificationIssued = 2, certificationRevoked = 4, certificationValidUntil = 5
    /// Index of the year and of a figure in a finance element.
    static let financeYear = 0
    static func financeIndex(_ field: FinanceField) -> Int { 1 + field.rawValue }
}

/// Writes a firm's facts as the JSON text of ``FactLayout`` into one ``ByteWriter`` per column, reused
/// from firm to firm (no `String` or array per value, no `Array` uniqueness check per byte).
struct FactsEncoder {
    /// One writer per column of ``FactLayout/columns``; empty when the firm has no fact of that kind.
    let writers = FactLayout.columns.map { _ in ByteWriter(capacity: 1 << 10) }
    private var out: ByteWriter
    private var first = true

    init() { out = writers[0] }

    /// The columns' bytes (copies, for tests; the writer binds ``writers`` directly).
    var columns: [[UInt8]] { writers.map { Array($0.bytes) } }

    /// Whether the last firm encoded had no fact at all.
    var isEmpty: Bool { writers.allSatisfy { $0.count == 0 } }

    /// Encodes the firm's facts into ``writers``.
    mutating func encode(_ firm: Enterprise) {
        list(0, firm.finance) { e, y in
            e.int(y.year)
            for field in FinanceField.all { e.int(y[field]) }
            e.int(y.position?.line); e.int(y.position?.column)
        }
        list(1 + FactKind.ip.rawValue, firm.ip) { e, i in
            e.text(i.ipClass); e.text(i.kind); e.int(i.count); e.text(i.acquired)
        }
        list(1 + FactKind.certification.rawValue, firm.certifications) { e, c in
            e.text(c.kind); e.text(c.number); e.day(c.issued); e.day(c.expires); e.day(c.revoked); e.day(c.lastValidDay)
        }
        list(1 + FactKind.award.rawValue, firm.awards) { e, a in e.text(a.level); e.int(a.year); e.int(a.rank) }
        list(1 + FactKind.rdInstitution.rawValue, firm.rdInstitutions) { e, r in e.text(r.level); e.day(r.since) }
        list(1 + FactKind.standard.rawValue, firm.standards) { e, s in e.text(s.level); e.text(s.role); e.int(s.year) }
        list(1 + FactKind.incident.rawValue, firm.incidents) { e, i in e.text(i.kind); e.day(i.date) }
        list(1 + FactKind.expertScore.rawValue, firm.expertScores) { e, s in e.text(s.item); e.int(s.points) }
        list(1 + FactKind.consortium.rawValue, firm.consortia) { e, c in e.text(c.role); e.text(c.level) }
    }

    /// `[[…],[…]]`, one inner array per item; the column stays empty for an empty list.
    private mutating func list<T>(_ column: Int, _ items: [T], _ fields: (inout FactsEncoder, T) -> Void) {
        out = writers[column]
        out.removeAll()
        guard !items.isEmpty else { return }
        out.append(UInt8(ascii: "["))
        for index in items.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            first = true
            fields(&self, items[index])
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    @inline(__always) private mutating func separate() {
        if first { first = false } else { out.append(UInt8(ascii: ",")) }
    }

    mutating func int(_ value: Int?) { int(value.map(Int64.init)) }

    mutating func int(_ value: Int64?) {
        separate()
        guard let value else { return out.append("null") }
        out.appendDecimal(value)
    }

    /// `"YYYY-MM-DD"` as `Day.description` writes it.
    mutating func day(_ value: Day?) {
        separate()
        guard let value else { return out.append("null") }
        out.append(UInt8(ascii: "\""))
        if (0...9999).contains(value.year) {
            out.appendDate(year: value.year, month: value.month, day: value.day)
        } else {
            escaped(value.description)
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func text<E: RawRepresentable<String>>(_ value: E?) { text(value?.rawValue) }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX` (as SQLite's `json_quote`).
    mutating func text(_ value: String?) {
        separate()
        guard let value else { return out.append("null") }
        out.append(UInt8(ascii: "\""))
        escaped(value)
        out.append(UInt8(ascii: "\""))
    }

    /// JSON string content: `"` and `\` escaped, control characters as `\u00XX`.
    private func escaped(_ value: String) { out.appendJSONEscaped(string: value) }
}
