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
