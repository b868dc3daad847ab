/// CSV writing: RFC 4180 quoting, a UTF-8 byte-order mark so Excel reads Chinese, and neutralised
/// formula cells (CSV injection).
public enum CSV {
    /// The UTF-8 byte-order mark that starts every CSV file.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell: a leading `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe so spreadsheets do
    /// not run it as a formula; then quoted when it holds a comma, quote, CR or LF (quotes doubled).
    ///
    /// Numbers the tool itself writes (e.g. a negative gap) go through `number(_:)` and are not neutralised.
    public static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
        }
        return value
    }

    /// A number cell (not neutralised: a minus sign here is the tool's own).
    public static func number(_ value: some BinaryInteger) -> String { String(value) }

    /// Lines joined with CRLF, prefixed with the byte-order mark.
    public static func document(_ rows: [[String]]) -> String {
        byteOrderMark + rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}

extension TallyRows {
    /// The tally as CSV: a header row, one row per group, the total row; UTF-8 with BOM, CRLF lines.
    /// Eligible columns are empty when eligibility was not computed.
    public func csv() -> String {
        let header = ["code", "name", "certified", "tech-sme", "high-tech", "leading", "eligible", "eligible-tech-sme",
                      "eligible-high-tech", "eligible-leading", "pipeline", "pipeline-uncertified", "audit-risk",
                      "target", "share", "gap", "as-of", "by"]
        var lines = [header]
        let computed = tally.eligibilityComputed
        for row in all {
            let f = row.figures
            func eligible(_ value: Int) -> String { computed ? CSV.number(value) : "" }
            lines.append([
                CSV.cell(row.code), CSV.cell(row.name),
                CSV.number(f.certified.total), CSV.number(f.certified.techSME), CSV.number(f.certified.highTech),
                CSV.number(f.certified.leading),
                eligible(f.eligible.total), eligible(f.eligible.techSME), eligible(f.eligible.highTech),
                eligible(f.eligible.leading), eligible(f.pipeline.total), eligible(f.pipelineUncertified),
                eligible(f.auditRisk.total),
                row.target.map { CSV.number($0.units) } ?? "",
                row.share.map { Format.fixed($0, decimals: 4) } ?? "",
                row.gap.map { CSV.number($0) } ?? "",
                tally.asOf.description, tally.grouping.rawValue,
            ])
        }
        return CSV.document(lines)
    }
}
