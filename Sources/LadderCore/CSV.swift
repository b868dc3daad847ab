/// CSV writing shared by every CSV output: RFC 4180 quoting, a UTF-8 byte-order mark so Excel reads
/// Chinese, and neutralised formula cells (CSV injection).
public enum CSV {
    /// The UTF-8 byte-order mark that starts every CSV file.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell: a leading `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe so spreadsheets do
    /// not run it as a formula; then quoted when it holds a comma, quote, CR or LF (quotes doubled).
    /// - Parameters:
    ///   - text: the cell's text.
    ///   - keepingNegativeNumbers: leave a cell that parses as a number (e.g. `-4.5`) as it is, for
    ///     outputs that write measured values as text.
    public static func cell(_ text: String, keepingNegativeNumbers: Bool = false) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first),
            !(keepingNegativeNumbers && first == "-" && Double(value) != nil)
        {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            var quoted = "\""
            for character in value {
                if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
            }
            return quoted + "\""
        }
        return value
    }

    /// A number cell (not neutralised: a minus sign here is the tool's own).
    public static func number(_ value: some BinaryInteger) -> String { String(value) }

    /// Lines of already-made cells joined with CRLF, prefixed with the byte-order mark.
    public static func document(_ rows: [[String]]) -> String {
        byteOrderMark + rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
