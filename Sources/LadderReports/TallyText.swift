import LadderCore

/// Terminal table and Markdown renderings of a tally.
extension TallyRows {
    /// Column headings shared by the table, Markdown and CSV renderers.
    public var headings: [String] {
        [tally.grouping.heading, "代码", "科技型企业", Tier.techSME.chineseName, Tier.highTech.chineseName,
         Tier.leading.chineseName, "符合条件", "符合未认定", "认定不符", "占目标", "差距"]
    }

    /// The printed cells of a row, in `headings` order.
    public func cells(_ row: Row) -> [String] {
        let figures = row.figures
        let computed = tally.eligibilityComputed
        func eligibleCell(_ value: Int) -> String { computed ? Format.grouped(value) : "未计算" }
        return [
            row.name, row.code,
            Format.grouped(figures.certified.total), Format.grouped(figures.certified.techSME),
            Format.grouped(figures.certified.highTech), Format.grouped(figures.certified.leading),
            eligibleCell(figures.eligible.total), eligibleCell(figures.pipeline.total),
            eligibleCell(figures.auditRisk.total),
            Format.percent(row.share), row.gap.map { Format.grouped($0) } ?? "—",
        ]
    }

    /// A plain-text table aligned by display width, with a total row and the counting rules below.
    public func table() -> String {
        var table = TextTable(headers: headings, rightAligned: Set(2..<headings.count))
        for row in rows { table.add(cells(row)) }
        table.add(cells(total))
        let target = cityTarget.map { "，目标 \(targetYear.map(String.init) ?? "") 年超过 \($0)" } ?? ""
        let title = "科技型企业统计（按\(tally.grouping.heading)，截至 \(tally.asOf)\(target)）"
        return ([title, "", table.render(), ""] + footer).joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table with the counting rules as a list below.
    public func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(Markdown.escape).joined(separator: " | ") + " |"
        }
        var lines = ["## 科技型企业统计（按\(tally.grouping.heading)，截至 \(tally.asOf)）", ""]
        lines.append(line(headings))
        lines.append("|" + headings.indices.map { $0 < 2 ? " --- |" : " ---: |" }.joined())
        for row in rows { lines.append(line(cells(row))) }
        var totalCells = cells(total).map(Markdown.escape)
        totalCells[0] = "**\(totalCells[0])**"
        totalCells[2] = "**\(totalCells[2])**"
        lines.append("| " + totalCells.joined(separator: " | ") + " |")
        lines.append("")
        lines += footer.map { "- " + Markdown.escape($0) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Markdown escaping for table cells and list items.
public enum Markdown {
    /// Escapes characters that would end a cell, start markup, or inject HTML.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\\(character)"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
