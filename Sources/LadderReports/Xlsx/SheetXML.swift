import LadderCore

/// The XML parts of an Office Open XML workbook (SpreadsheetML), written as text: workbook, styles,
/// shared strings and one worksheet per table. `XlsxWriter` zips them.
struct SheetXML {
    /// Shared strings in first-use order, with their index.
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]

    /// Style ids in `styles` below: 1 bold header; 2 text (`@`); 3 count `#,##0`; 4 ratio `0.0%`;
    /// 5 number (General); 6 money in 万元 `#,##0.00`; 7 long text, wrapped.
    static func style(for kind: ColumnKind) -> Int {
        switch kind {
        case .text, .id, .code, .date: 2
        case .count: 3
        case .ratio: 4
        case .number: 5
        case .money: 6
        }
    }

    /// A worksheet: frozen bold header row, column widths from the display width of the contents.
    mutating func worksheet(_ table: ReportTable, language: Language) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        let widths = columnWidths(table, language: language)
        xml += #"<sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (number, width) in widths.enumerated() {
            xml += #"<col min="\#(number + 1)" max="\#(number + 1)" width="\#(width)" customWidth="1"/>"#
        }
        xml += "</cols><sheetData>"
        xml += "<row r=\"1\">"
        // Text longer than the widest column wraps (style 7) instead of running across the sheet.
        let wraps = widths.map { $0 >= 80 }
        for (column, heading) in table.columns.enumerated() {
            xml += "<c r=\"\(Self.reference(column: column, row: 1))\" s=\"1\" t=\"s\"><v>\(share(heading.label(language)))</v></c>"
        }
        xml += "</row>"
        // Per column, once: the letters and the style; text cells of numeric kinds are strings.
        let letters = table.columns.indices.map { Self.letters($0) }
        let styles = table.columns.indices.map { wraps[$0] ? 7 : Self.style(for: table.columns[$0].kind) }
        xml.reserveCapacity(table.rows.count * table.columns.count * 24)
        for (offset, row) in table.rows.enumerated() {
            let number = offset + 2
            xml += "<row r=\"\(number)\">"
            for (column, cell) in row.enumerated() where column < table.columns.count {
                let reference = letters[column] + String(number)
                let style = styles[column]
                switch cell {
                case .empty: continue
                case .number(let value) where ![.id, .code, .text, .date].contains(table.columns[column].kind):
                    xml += "<c r=\"\(reference)\" s=\"\(style)\"><v>\(Self.number(value))</v></c>"
                case .number, .text:
                    let text = cell.plainText
                    xml += "<c r=\"\(reference)\" s=\"\(style)\" t=\"s\"><v>\(share(text))</v></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// Widths in Excel's units (about one per narrow character): the widest header or cell (of the
    /// first 5,000 rows) by display width (a Chinese character counts two), plus padding, between 6 and 80.
    func columnWidths(_ table: ReportTable, language: Language) -> [Int] {
        table.columns.enumerated().map { column, heading in
            var widest = DisplayWidth.of(heading.label(language)) + 2  // bold header
            for row in table.rows.prefix(5_000) where column < row.count {  // a sample is enough for a width
                let cell = row[column]
                let shown: String = switch (cell, heading.kind) {
                case (.number(let value), .count): Format.grouped(Int64(value))
                case (.number(let value), .ratio): Format.percent(value)
                case (.number(let value), .money): Format.fixed(value, decimals: 2) + "00"
                default: cell.plainText
                }
                widest = max(widest, DisplayWidth.of(shown))
            }
            return min(max(widest + 2, 6), 80)
        }
    }

    /// The index of a shared string, adding it on first use (cut to Excel's 32,767 characters).
    private mutating func share(_ text: String) -> Int {
        let text = text.count > 32_767 ? String(text.prefix(32_767)) : text
        if let found = index[text] { return found }
        index[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    /// The shared-strings part.
    func sharedStrings() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        for text in strings { xml += #"<si><t xml:space="preserve">\#(Self.escape(text))</t></si>"# }
        return xml + "</sst>"
    }

    /// The workbook part naming the sheets.
    static func workbook(sheetNames: [String]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (number, name) in sheetNames.enumerated() {
            xml += #"<sheet name="\#(escape(name))" sheetId="\#(number + 1)" r:id="rId\#(number + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for number in 1...max(sheets, 1) {
            xml += #"<Relationship Id="rId\#(number)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(number).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        xml += #"<Relationship Id="rId\#(sheets + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return xml + "</Relationships>"
    }

    static func contentTypes(sheets: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for number in 1...max(sheets, 1) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(number).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        xml += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        return xml + "</Types>"
    }

    static let packageRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// Fonts: regular and bold. Formats: 164 money. Cell styles in the order `style(for:)` uses.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + ##"<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>"##
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="8">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#
        + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    /// `A1`-style reference, columns A…Z, AA….
    static func reference(column: Int, row: Int) -> String { letters(column) + String(row) }

    /// A column's letters: A…Z, AA….
    static func letters(_ column: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// A number as SpreadsheetML writes it: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Escapes text for XML and drops the control characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        // Most text needs nothing: check the bytes first.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
