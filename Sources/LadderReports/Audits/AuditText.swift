import LadderCore
import LadderRules

/// Renders assessments as aligned text tables (Chinese and English labels, aligned by display width)
/// and as CSV rows.
public enum AuditText {
    /// Columns of the per-criterion table.
    static let widths = [20, 34, 40, 16, 18, 12, 9, 9]

    /// The margin column: how far past the threshold (negative: short by that much); for a score,
    /// `↑` and what the value still needs to reach the next band up (the JSON keeps the signed margin).
    static func marginText(_ result: CriterionResult) -> String {
        guard let margin = result.margin else { return "" }
        if result.criterion.kind == .score { return "↑" + ValueFormat.text(-margin, unit: result.criterion.unit) }
        return ValueFormat.text(margin, unit: result.criterion.unit)
    }

    /// One firm: a header, then per rung the verdict line and every criterion.
    public static func render(_ firm: FirmAssessment) -> String {
        var lines: [String] = []
        lines.append("\(firm.name)  \(firm.id)  district \(firm.district)\(District.name(of: firm.district).map { " \($0)" } ?? "")")
        lines.append("  as of \(firm.asOf)  certified: \(firm.certified?.rawValue ?? "none")  eligible: \(firm.eligible?.rawValue ?? "none")")
        for rung in firm.rungs {
            lines.append("")
            var head = "  [\(rung.tier.rawValue)] \(rung.rulebook.name) / \(rung.rulebook.nameEn): \(rung.verdict.rawValue.uppercased())"
            if let score = rung.score { head += "  score \(ValueFormat.text(score, unit: .number))" }
            if let route = rung.route { head += "  route \(route)" }
            if let version = rung.version { head += "  rules \(rung.rulebook.id)@\(version.id) (data year \(rung.dataYear))" }
            lines.append(head)
            lines.append("    " + row(["id", "名称", "criterion", "value", "threshold", "margin", "points", "verdict"]) + "citation")
            for result in rung.criteria {
                let unit = result.criterion.unit
                lines.append("    " + row([
                    result.id, result.name, result.nameEn,
                    result.value.map { ValueFormat.text($0, unit: unit) } ?? "",
                    result.thresholdText ?? "",
                    marginText(result),
                    result.points.map { ValueFormat.text($0, unit: .number) } ?? "",
                    result.verdict.rawValue,
                ]) + result.citation)
            }
            let missing = rung.missingNames
            if !missing.isEmpty { lines.append("    to collect: " + missing.joined(separator: ", ")) }
            for note in rung.notes { lines.append("    note: " + note) }
        }
        return lines.joined(separator: "\n")
    }

    static func row(_ cells: [String]) -> String {
        var out = ""
        for (index, cell) in cells.enumerated() {
            out += DisplayWidth.pad(DisplayWidth.clip(cell, to: widths[index] - 1), to: widths[index] - 1) + " "
        }
        return out
    }

    /// The CSV header (one row per firm, rung and criterion).
    public static let csvHeader = [
        "id", "name", "district", "asOf", "certified", "eligible", "tier", "tierVerdict", "scoreMin", "scoreMax",
        "route", "ruleVersion", "criterion", "criterionName", "criterionNameEn", "verdict", "value", "threshold",
        "margin", "pointsMin", "pointsMax", "citation", "missing",
    ]

    /// The CSV rows of one firm (RFC 4180 quoting; cells starting with = + - @ are neutralised with a
    /// leading apostrophe so spreadsheets do not run them as formulas).
    public static func csvRows(_ firm: FirmAssessment) -> [String] {
        csvCells(firm).map(csvLine)
    }

    /// The cells of `csvRows`, unquoted: one array per rung and criterion.
    public static func csvCells(_ firm: FirmAssessment) -> [[String]] {
        var rows: [[String]] = []
        for rung in firm.rungs {
            let missing = rung.missingNames.joined(separator: " ")
            for result in rung.criteria {
                rows.append([
                    firm.id, firm.name, firm.district, firm.asOf.description, firm.certified?.rawValue ?? "",
                    firm.eligible?.rawValue ?? "", rung.tier.rawValue, rung.verdict.rawValue,
                    rung.score.map { AuditJSON.number($0.lo) } ?? "", rung.score.map { AuditJSON.number($0.hi) } ?? "",
                    rung.route ?? "", rung.ruleVersion ?? "", result.id, result.name, result.nameEn,
                    result.verdict.rawValue, result.value.map { ValueFormat.text($0, unit: .number) } ?? "",
                    result.thresholdText ?? "", result.margin.map { ValueFormat.text($0, unit: .number) } ?? "",
                    result.points.map { AuditJSON.number($0.lo) } ?? "", result.points.map { AuditJSON.number($0.hi) } ?? "",
                    result.citation, missing,
                ])
            }
        }
        return rows
    }

    /// One CSV line from cells.
    public static func csvLine(_ cells: [String]) -> String {
        cells.map(csvCell).joined(separator: ",")
    }

    /// One CSV cell (see `CSV.cell`): measured values such as `-4.5` stay numbers.
    public static func csvCell(_ raw: String) -> String {
        CSV.cell(raw, keepingNegativeNumbers: true)
    }
}
