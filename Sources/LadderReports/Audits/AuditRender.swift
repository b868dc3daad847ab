import LadderCore
import LadderRules

/// The formats every audit renders to.
public enum AuditRenderFormat: String, CaseIterable, Sendable {
    /// Aligned text tables (display width, Chinese labels).
    case text
    /// One JSON document.
    case json
    /// One JSON object per finding, one per line.
    case jsonl
    /// CSV with a UTF-8 byte order mark; cells that a spreadsheet would run as formulas are neutralised.
    case csv
}

/// Renders audit reports as text, JSON, JSON lines or CSV. Renderers return strings; commands print.
public enum AuditRender {
    /// A CSV document: byte order mark, header in `language`, rows, CRLF line ends (see `ReportTable.csv`).
    static func csv(header: [String], rows: [[String]], language: Language) -> String {
        AuditColumns.table(name: "", header: header, rows: rows).csv(language)
    }

    /// A title line with its Chinese and English names and a rule under it.
    static func title(_ chinese: String, _ english: String) -> String {
        let line = "\(chinese) / \(english)"
        return line + "\n" + String(repeating: "═", count: DisplayWidth.of(line))
    }

    /// Shortens text to a display width, ending with `…`.
    static func clip(_ text: String, _ width: Int) -> String { DisplayWidth.clip(text, to: width) }

    /// A firm's name and credit code in one cell of at most `width` columns: the name is shortened,
    /// never the code (it is the key people copy).
    static func firmCell(_ name: String, _ id: String, _ width: Int = 44) -> String {
        let room = width - DisplayWidth.of(id) - 1
        guard room >= 2 else { return id }
        return clip(name, room) + " " + id
    }

    /// A distance with three decimals.
    static func distance(_ value: Double?) -> String {
        guard let value else { return "" }
        return Decimals.format(value, 3)
    }
}

/// Fixed-decimal formatting without Foundation.
enum Decimals {
    /// A double with a number of decimals, e.g. `format(0.12345, 3)` → `0.123`.
    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let digits = String(Int64(abs(scaled)))
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        guard decimals > 0 else { return (negative ? "-" : "") + padded }
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return (negative ? "-" : "") + String(padded[..<split]) + "." + String(padded[split...])
    }
}
