import LadderCore

/// What a column holds, which decides how CSV and xlsx write it.
public enum ColumnKind: Sendable, Equatable {
    /// Free text.
    case text
    /// A firm's credit code or a certificate number: text in xlsx, and in CSV a leading tab so Excel and
    /// LibreOffice keep all 18 characters (a code of digits only would otherwise become `9.13702E+17`).
    case id
    /// A short code (district code 370212): text in xlsx, written as it is in CSV (no digit is at risk).
    case code
    /// A whole number of things (firms, rows).
    case count
    /// A share, written as a fraction (0.25 = 25%).
    case ratio
    /// Any other number (a score, a distance).
    case number
    /// Money in 万元 (ten thousand yuan).
    case money
    /// A date YYYY-MM-DD, kept as text so no spreadsheet shifts it.
    case date
}

/// One column: its stable key (the JSON key or English CSV header), labels and kind.
public struct TableColumn: Sendable, Equatable {
    public var key: String
    public var chinese: String
    public var english: String
    public var kind: ColumnKind

    public init(_ key: String, _ chinese: String, _ english: String? = nil, _ kind: ColumnKind = .text) {
        self.key = key
        self.chinese = chinese
        self.english = english ?? key
        self.kind = kind
    }

    /// The header in a language.
    public func label(_ language: Language) -> String { language.pick(chinese, english) }
}

/// One cell's value.
public enum TableCell: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)

    /// A cell from text as rendered elsewhere, typed by the column: numbers parsed for numeric kinds,
    /// text kept for the rest (and for numeric columns whose text is not a number, e.g. "≥ 60").
    public static func parsing(_ raw: String, as kind: ColumnKind) -> TableCell {
        if raw.isEmpty { return .empty }
        switch kind {
        case .count, .ratio, .number, .money:
            if let value = Double(raw), value.isFinite { return .number(value) }
            return .text(raw)
        case .text, .id, .code, .date:
            return .text(raw)
        }
    }

    /// The cell as plain text (numbers without grouping), for CSV.
    public var plainText: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        }
    }
}

/// A table that CSV and xlsx writers render the same way: a title, typed columns and rows of cells.
public struct ReportTable: Sendable {
    /// Sheet name (xlsx: at most 31 characters).
    public var name: String
    public var columns: [TableColumn]
    public var rows: [[TableCell]]

    public init(name: String, columns: [TableColumn], rows: [[TableCell]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// A table from rows of rendered text, typed by the columns' kinds.
    public init(name: String, columns: [TableColumn], textRows: [[String]]) {
        self.init(name: name, columns: columns, rows: textRows.map { row in
            zip(columns, row).map { TableCell.parsing($1, as: $0.kind) }
        })
    }

    /// A one-column table of notes (counting rules, sources), one line per row.
    public static func notes(name: String, heading: String, lines: [String]) -> ReportTable {
        ReportTable(name: name, columns: [TableColumn("note", heading, heading)], rows: lines.map { [.text($0)] })
    }
}

/// Tables written together: the sheets of one workbook.
public struct Workbook: Sendable {
    public var sheets: [ReportTable]
    public init(_ sheets: [ReportTable]) { self.sheets = sheets }
}
