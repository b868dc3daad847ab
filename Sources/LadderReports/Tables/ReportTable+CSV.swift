import LadderCore

extension ReportTable {
    /// The table as CSV: header in `language`, UTF-8 with a byte-order mark, CRLF line ends.
    ///
    /// Id columns (credit codes, certificate numbers) start with a tab character:
    /// Excel and LibreOffice then read the cell as text and keep every digit (a bare
    /// `913702000000000001` becomes `9.13702E+17`); readers that trim whitespace get the code back
    /// unchanged. Formula-like text is neutralised as everywhere else (`CSV.cell`); a cell that reads as
    /// a negative number (a margin, `-4.5`) stays a number.
    public func csv(_ language: Language) -> String {
        var lines = [columns.map { CSV.cell($0.label(language)) }]
        for row in rows {
            lines.append(zip(columns, row).map { column, cell in
                switch (column.kind, cell) {
                case (.id, .text(let text)): return CSV.textKeepingDigits(text)
                case (_, .number): return cell.plainText
                default: return CSV.cell(cell.plainText, keepingNegativeNumbers: true)
                }
            })
        }
        return CSV.document(lines)
    }
}

extension CSV {
    /// A cell that spreadsheets keep as text: a leading tab (see `ReportTable.csv`), then the usual
    /// quoting. The tab is not neutralised: it is ours, and what follows is an identifier.
    public static func textKeepingDigits(_ text: String) -> String {
        let safe = cell(text)
        if safe.hasPrefix("\"") { return "\"\t" + safe.dropFirst() }
        return "\t" + safe
    }
}

extension ReportTable {
    /// The table as aligned text (display width): counts grouped, ratios as percentages, other numbers
    /// with up to two decimals; numeric columns right-aligned.
    public func text(_ language: Language) -> String {
        let numeric = Set(columns.indices.filter { [.count, .ratio, .number, .money].contains(columns[$0].kind) })
        var table = TextTable(headers: columns.map { $0.label(language) }, rightAligned: numeric)
        for row in rows {
            table.add(zip(columns, row).map { column, cell in
                guard case .number(let value) = cell else { return cell.plainText }
                switch column.kind {
                case .count: return Format.grouped(Int64(value.rounded()))
                case .ratio: return Format.percent(value)
                default:
                    // Grouped whole part, up to two decimals.
                    var decimals = Format.fixed(abs(value) - abs(value).rounded(.down), decimals: 2).dropFirst(1)
                    while decimals.hasSuffix("0") || decimals == "." { decimals = decimals.dropLast() }
                    if decimals.hasPrefix("1") { decimals = "" }  // rounding reached the next whole number
                    let whole = Format.grouped(Int64((value < 0 ? -1 : 1) * abs(value).rounded(.down)))
                    return whole + (decimals.hasPrefix(".") ? String(decimals) : "")
                }
            })
        }
        return table.render()
    }
}
