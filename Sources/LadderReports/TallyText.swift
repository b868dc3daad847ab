import LadderCore

/// Terminal table and Markdown renderings of a tally.
extension TallyRows {
    /// Column headings shared by the table, Markdown and HTML renderers (Chinese).
    public var headings: [String] { headings(.zh) }

    /// Column headings in a language.
    public func headings(_ language: Language) -> [String] {
        language == .zh
            ? [tally.grouping.heading, "代码", "科技型企业", Tier.techSME.chineseName, Tier.highTech.chineseName,
               Tier.leading.chineseName, "符合条件", "符合未认定", "认定不符", "占全市", "占目标", "差距"]
            : [tally.grouping.englishHeading, "Code", "Tech enterprises", "Tech SME", "High-tech", "Leading",
               "Eligible", "Pipeline", "Audit risk", "Of city", "Of target", "Gap"]
    }

    /// The printed cells of a row, in `headings` order (Chinese).
    public func cells(_ row: Row) -> [String] { cells(row, .zh) }

    /// The printed cells of a row in a language.
    public func cells(_ row: Row, _ language: Language) -> [String] {
        let figures = row.figures
        let computed = tally.eligibilityComputed
        let notComputed = language.pick("未计算", "n/a")
        func eligibleCell(_ value: Int) -> String { computed ? Format.grouped(value) : notComputed }
        return [
            rowName(row, language), row.code,
            Format.grouped(figures.certified.total), Format.grouped(figures.certified.techSME),
            Format.grouped(figures.certified.highTech), Format.grouped(figures.certified.leading),
            eligibleCell(figures.eligible.total), eligibleCell(figures.pipeline.total),
            eligibleCell(figures.auditRisk.total),
            Format.percent(row.shareOfCity), row.share.map { Format.percent($0) } ?? "—",
            row.gap.map { Format.grouped($0) } ?? "—",
        ]
    }

    /// A row's name: the group's Chinese name, the total row's in the language (the city's, or the
    /// district's under `--district`).
    func rowName(_ row: Row, _ language: Language) -> String {
        guard row.code == total.code && row.name == total.name else { return row.name }
        if let scopeName { return language.pick(scopeName + "合计", scopeName + " total") }
        return language.pick("全市合计", "City total")
    }

    /// The title line in a language.
    public func title(_ language: Language) -> String {
        let year = targetYear.map(String.init) ?? ""
        switch language {
        case .zh:
            let target = cityTarget.map { "，目标 \(year) 年超过 \($0)" } ?? ""
            return "科技型企业统计（按\(tally.grouping.heading)，截至 \(tally.asOf)\(target)）"
        case .en:
            let target = cityTarget.map { "; target for \(year): more than \($0)" } ?? ""
            return "Technology enterprises by \(tally.grouping.englishHeading.lowercased()), as of \(tally.asOf)\(target)"
        }
    }

    /// A plain-text table aligned by display width, with a total row and the counting rules below.
    public func table(_ language: Language = .zh) -> String {
        let headings = headings(language)
        var table = TextTable(headers: headings, rightAligned: Set(2..<headings.count))
        for row in rows { table.add(cells(row, language)) }
        table.add(cells(total, language))
        return ([title(language), "", table.render(), ""] + footer(language)).joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table with the counting rules as a list below.
    public func markdown(_ language: Language = .zh) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(Markdown.escape).joined(separator: " | ") + " |"
        }
        let headings = headings(language)
        var lines = ["## " + Markdown.escape(title(language)), ""]
        lines.append(line(headings))
        lines.append("|" + headings.indices.map { $0 < 2 ? " --- |" : " ---: |" }.joined())
        for row in rows { lines.append(line(cells(row, language))) }
        var totalCells = cells(total, language).map(Markdown.escape)
        totalCells[0] = "**\(totalCells[0])**"
        totalCells[2] = "**\(totalCells[2])**"
        lines.append("| " + totalCells.joined(separator: " | ") + " |")
        lines.append("")
        lines += footer(language).map { "- " + Markdown.escape($0) }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Grouping {
    /// The English heading of the group column.
    public var englishHeading: String {
        switch self {
        case .district: "District"
        case .zone: "Zone"
        case .industry: "Industry"
        case .domain: "Domain"
        }
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
