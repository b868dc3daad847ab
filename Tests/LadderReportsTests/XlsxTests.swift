import Foundation
import LadderCore
import LadderReports
import Testing

@Suite("xlsx workbooks and typed CSV")
struct XlsxTests {
    /// A table with a credit code made only of digits, a district code, counts, a ratio and money.
    static let table = ReportTable(name: "企业", columns: [
        TableColumn("id", "统一社会信用代码", "id", .id), TableColumn("district", "区市代码", "district", .code),
        TableColumn("name", "企业名称", "name"), TableColumn("firms", "企业数", "firms", .count),
        TableColumn("share", "占比", "share", .ratio), TableColumn("rd", "研发费用（万元）", "R&D (10k yuan)", .money),
    ], textRows: [
        ["913702000000000001", "370212", "青岛<海纳>&\u{1}光电", "12", "0.25", "1125.655"],
        ["91370212MA3C4L0X5W", "370203", "=cmd()", "3", "", "-4.5"],
    ])

    @Test("credit codes of digits only stay text equal to the input; counts, ratios and money are numbers")
    func typedCells() throws {
        let book = try XlsxReading(try XlsxWriter.data(Workbook([Self.table]), language: .zh))
        let cells = book.sheets[0]
        #expect(cells["A2"] == XlsxReading.Cell(type: "s", style: 2, text: "913702000000000001", number: nil))
        #expect(cells["A3"]?.text == "91370212MA3C4L0X5W")
        #expect(cells["B2"]?.type == "s" && cells["B2"]?.text == "370212", "district codes are text")
        #expect(cells["D2"]?.number == 12 && cells["D2"]?.type == nil)
        #expect(cells["E2"]?.number == 0.25)
        #expect(cells["E3"] == nil, "an empty cell is not written")
        #expect(cells["F2"]?.number == 1125.655 && cells["F2"]?.style == 6, "money with the 万元 number format")
        #expect(cells["F3"]?.number == -4.5)
        #expect(cells["C2"]?.text == "青岛<海纳>&光电", "markup escaped, control characters dropped")
        #expect(cells["C3"]?.text == "=cmd()" && cells["C3"]?.type == "s", "text never becomes a formula")
    }

    @Test("the header row is bold, frozen and in the chosen language; columns fit Chinese text")
    func header() throws {
        for language in Language.allCases {
            let book = try XlsxReading(try XlsxWriter.data(Workbook([Self.table]), language: language))
            let header = book.sheets[0]["A1"]
            #expect(header?.style == 1)
            #expect(header?.text == language.pick("统一社会信用代码", "id"))
            #expect(book.sheetXML[0].contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        }
        let xml = try XlsxReading(try XlsxWriter.data(Workbook([Self.table]), language: .zh)).sheetXML[0]
        // 统一社会信用代码: 8 Chinese characters = 16 columns (+2 bold, +2 padding) > an 18-character code + 2.
        #expect(xml.contains(#"<col min="1" max="1" width="20" customWidth="1"/>"#))
        #expect(xml.contains(#"<col min="3" max="3" width="17" customWidth="1"/>"#), "青岛<海纳>&光电 is 15 columns wide, plus 2")
    }

    @Test("the tally workbook has the tally, counting rules and notes sheets with the total row")
    func tallyWorkbook() throws {
        let (tally, _) = try GoldenRegistry.tally()
        let rows = TallyRows(tally, targets: nil)
        let book = try XlsxReading(try XlsxWriter.data(rows.workbook(.zh), language: .zh))
        #expect(book.sheetNames == ["科技型企业统计", "统计口径", "备注"])
        let sheet = book.sheets[0]
        let last = rows.all.count + 1
        #expect(sheet["B\(last)"]?.text == "全市合计")
        #expect(sheet["C\(last)"]?.number == Double(tally.total.certified.total))
        let laoshan = try #require(rows.all.firstIndex { $0.code == "370212" }) + 2
        #expect(sheet["A\(laoshan)"]?.text == "370212")
        #expect(sheet["C\(laoshan)"]?.number == Double(tally.group("370212").certified.total))
        #expect(book.sheets[1]["A2"]?.text?.hasPrefix("口径") == true)
        let english = try XlsxReading(try XlsxWriter.data(rows.workbook(.en), language: .en))
        #expect(english.sheetNames == ["Tally", "Counting rules", "Notes"])
        #expect(english.sheets[0]["C1"]?.text == "certified")
    }

    @Test("a table longer than a sheet is refused with its size")
    func tooManyRows() {
        let rows = [[TableCell]](repeating: [.text("x")], count: XlsxWriter.maxRows)
        let table = ReportTable(name: "big", columns: [TableColumn("x", "x")], rows: rows)
        #expect(throws: XlsxWriter.Failure.self) { try XlsxWriter.data(Workbook([table]), language: .zh) }
    }

    @Test("sheet names are cut to 31 characters, cleaned of []:*?/\\ and made unique")
    func sheetNames() throws {
        let long = String(repeating: "表", count: 40)
        let tables = [long, long, "a/b", ""].map { ReportTable(name: $0, columns: [TableColumn("x", "x")]) }
        let book = try XlsxReading(try XlsxWriter.data(Workbook(tables), language: .zh))
        #expect(book.sheetNames.count == 4)
        #expect(book.sheetNames[0] == String(repeating: "表", count: 31))
        #expect(book.sheetNames[1] != book.sheetNames[0] && book.sheetNames[1].count <= 31)
        #expect(book.sheetNames[2] == "ab")
        #expect(book.sheetNames[3] == "Sheet4")
    }

    @Test("CSV keeps credit codes as text with a leading tab and writes headers in the chosen language")
    func csv() {
        let chinese = Self.table.csv(.zh)
        let lines = chinese.dropFirst().split(separator: "\r\n").map(String.init)
        #expect(chinese.hasPrefix(CSV.byteOrderMark + "统一社会信用代码,区市代码,企业名称,企业数,占比,研发费用（万元）"))
        #expect(lines[1].hasPrefix("\t913702000000000001,370212,"))
        #expect(lines[2].contains(",'=cmd(),"), "formula-like text is neutralised")
        #expect(lines[2].hasSuffix(",-4.5"), "a negative number stays a number")
        #expect(Self.table.csv(.en).dropFirst().hasPrefix("id,district,name,firms,share,R&D (10k yuan)"))
    }
}
