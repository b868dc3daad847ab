import Foundation
import LadderCore
import ZIPFoundation

/// Writes a `Workbook` as an Office Open XML spreadsheet (.xlsx): our own sheet XML (`SheetXML`) in a
/// zip made by ZIPFoundation. One sheet per table; the bytes come back for the caller to write
/// atomically.
public enum XlsxWriter {
    /// Excel's row limit, header included.
    public static let maxRows = 1_048_576

    /// Why a workbook cannot be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workbook's bytes.
    /// - Throws: `Failure` when a table has more rows than a sheet holds, or the zip cannot be made.
    public static func data(_ workbook: Workbook, language: Language) throws -> Data {
        var xml = SheetXML()
        var parts: [(String, String)] = []
        for (number, table) in workbook.sheets.enumerated() {
            guard table.rows.count < maxRows else {
                throw Failure(description: "the table \(table.name) has \(table.rows.count) rows; a spreadsheet holds at most \(maxRows - 1) below its header (write CSV instead)")
            }
            parts.append(("xl/worksheets/sheet\(number + 1).xml", xml.worksheet(table, language: language)))
        }
        let names = sheetNames(workbook.sheets.map(\.name))
        parts = [
            ("[Content_Types].xml", SheetXML.contentTypes(sheets: names.count)),
            ("_rels/.rels", SheetXML.packageRelationships),
            ("xl/workbook.xml", SheetXML.workbook(sheetNames: names)),
            ("xl/_rels/workbook.xml.rels", SheetXML.workbookRelationships(sheets: names.count)),
            ("xl/styles.xml", SheetXML.styles),
            ("xl/sharedStrings.xml", xml.sharedStrings()),
        ] + parts
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed date: the same tables give the same bytes.
            let date = Date(timeIntervalSince1970: 946_684_800)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: date, compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure(description: "the zip archive was not made") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot make the xlsx archive: \(error)")
        }
    }

    /// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, unique, not empty.
    static func sheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { number, name in
            var clean = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if clean.isEmpty { clean = "Sheet\(number + 1)" }
            var candidate = clean
            var suffix = 2
            while used.contains(candidate.lowercased()) {
                candidate = String(clean.prefix(28)) + "(\(suffix))"
                suffix += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
