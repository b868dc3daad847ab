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

/// Writes a firm's facts as the JSON text of ``FactLayout`` into buffers reused from firm to firm
/// (no `String` per value).
struct FactsEncoder {
    /// One buffer per column of ``FactLayout/columns``; empty when the firm has no fact of that kind.
    private(set) var columns = [[UInt8]](repeating: [], count: FactLayout.columns.count)
    private var out: [UInt8] = []
    private var first = true

    /// Whether the last firm encoded had no fact at all.
    var isEmpty: Bool { columns.allSatisfy(\.isEmpty) }

    /// Encodes the firm's facts into ``columns``.
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
        out.removeAll(keepingCapacity: true)
        if !items.isEmpty {
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
        swap(&out, &columns[column])
    }

    private mutating func separate() {
        if first { first = false } else { out.append(UInt8(ascii: ",")) }
    }

    private mutating func null() {
        out.append(0x6E); out.append(0x75); out.append(0x6C); out.append(0x6C)  // null
    }

    mutating func int(_ value: Int?) { int(value.map(Int64.init)) }

    mutating func int(_ value: Int64?) {
        separate()
        guard let value else { return null() }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 { return out.append(UInt8(truncatingIfNeeded: 48 + magnitude)) }
        // Digits written from the end of room made for them (divisions by a constant 10 only).
        var count = 1
        var power: UInt64 = 10
        while count < 20 && magnitude >= power {
            count += 1
            power = power &* 10
        }
        out.append(contentsOf: repeatElement(0, count: count))
        var index = out.count - 1
        while magnitude >= 10 {
            out[index] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
            magnitude /= 10
            index -= 1
        }
        out[index] = UInt8(truncatingIfNeeded: 48 + magnitude)
    }

    /// `"YYYY-MM-DD"` as `Day.description` writes it.
    mutating func day(_ value: Day?) {
        separate()
        guard let value else { return null() }
        out.append(UInt8(ascii: "\""))
        if (0...9999).contains(value.year) {
            digits(value.year, 4)
            out.append(UInt8(ascii: "-"))
            digits(value.month, 2)
            out.append(UInt8(ascii: "-"))
            digits(value.day, 2)
        } else {
            escaped(value.description)
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    mutating func text<E: RawRepresentable<String>>(_ value: E?) { text(value?.rawValue) }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX` (as SQLite's `json_quote`).
    mutating func text(_ value: String?) {
        separate()
        guard let value else { return null() }
        out.append(UInt8(ascii: "\""))
        escaped(value)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ value: String) {
        // Closed-set values and most text need no escape: copied at once.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return out.append(contentsOf: value.utf8)
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default:
                out.append(byte)
            }
        }
    }
}
