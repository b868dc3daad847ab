import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads back what `XlsxWriter` wrote, as a spreadsheet program would: unzip, then parse the shared
/// strings, the workbook's sheet names and each worksheet's cells.
struct XlsxReading {
    /// A cell as stored: its type attribute (`s` shared string, nil number), style and resolved value.
    struct Cell: Equatable {
        var type: String?
        var style: Int
        var text: String?
        var number: Double?
    }

    var sheetNames: [String] = []
    /// Per sheet, cells by reference (`A1`).
    var sheets: [[String: Cell]] = []
    /// Per sheet, the raw XML (for the frozen pane and column widths).
    var sheetXML: [String] = []
    var partNames: [String] = []

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        func part(_ path: String) throws -> Data {
            guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            return bytes
        }
        partNames = archive.map(\.path)
        let strings = try Elements(try part("xl/sharedStrings.xml"), collect: ["t"]).texts
        let workbook = try Elements(try part("xl/workbook.xml"), collect: [])
        sheetNames = workbook.elements.filter { $0.name == "sheet" }.compactMap { $0.attributes["name"] }
        for number in 1...sheetNames.count {
            let xml = try part("xl/worksheets/sheet\(number).xml")
            sheetXML.append(String(decoding: xml, as: UTF8.self))
            let parsed = try Elements(xml, collect: ["v"])
            var cells: [String: Cell] = [:]
            var valueIndex = 0
            for element in parsed.elements where element.name == "c" {
                let type = element.attributes["t"]
                let raw = element.hasValue ? parsed.texts[valueIndex] : nil
                if element.hasValue { valueIndex += 1 }
                var cell = Cell(type: type, style: Int(element.attributes["s"] ?? "0") ?? 0, text: nil, number: nil)
                if type == "s", let raw, let index = Int(raw) { cell.text = strings[index] } else { cell.number = raw.flatMap(Double.init) }
                cells[element.attributes["r"] ?? ""] = cell
            }
            sheets.append(cells)
        }
    }
}

/// A flat list of elements with attributes, and the text of chosen elements in document order.
private final class Elements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var hasValue = false
    }
    var elements: [Element] = []
    var texts: [String] = []
    private let collect: Set<String>
    private var current: String?
    private var openCell: Int?

    init(_ data: Data, collect: Set<String>) throws {
        self.collect = collect
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
        if name == "c" { openCell = elements.count - 1 }
        if name == "v", let openCell { elements[openCell].hasValue = true }
        if collect.contains(name) { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if collect.contains(name), let text = current {
            texts.append(text)
            current = nil
        }
        if name == "c" { openCell = nil }
    }
}
