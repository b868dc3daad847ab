import LadderCore
import LadderReports
import LadderRules

/// Firms as the rows of a firm table (`firmtable.mustache` places them): written here rather than in
/// the template, because 200 rows through Mustache's dynamic lookups took ~40 ms of a district page.
/// Every value is escaped as Mustache's `{{…}}` escapes it.
enum FirmRowView {
    static func html(_ rows: [FirmRow], lang: Lang, keep: String) -> String {
        var out = ""
        out.reserveCapacity(rows.count * 640)
        let tags = FirmStatuses.named.map { name, status in (status, "<span class=\"tag \(name)\">\(HTMLText.escape(lang.t(name)))</span> ") }
        for row in rows {
            out += "<tr><td><a href=\""
            out += HTMLText.escape(lang.link("/firms/\(PageRoutes.encode(row.id))?\(keep)"))
            out += "\">"
            out += HTMLText.escape(row.name)
            out += "</a></td><td class=\"code\">"
            out += HTMLText.escape(row.id)
            out += "</td><td>"
            out += HTMLText.escape(GroupNames.name(of: row.district, by: .district))
            out += "</td><td data-sort=\"\(row.certified?.rung ?? 0)\">"
            out += HTMLText.escape(row.certified.map { Labels.tier($0, lang) } ?? "")
            out += "</td><td data-sort=\"\(row.eligible?.rung ?? 0)\">"
            out += HTMLText.escape(row.eligible.map { Labels.tier($0, lang) } ?? "")
            out += "</td><td>"
            for (status, tag) in tags where row.statuses.contains(status) { out += tag }
            out += "</td></tr>\n"
        }
        return out
    }
}

/// HTML escaping of one value, as Mustache's `{{…}}` does it (`& < > " '`), over UTF-8 bytes: a
/// value without those characters is returned as it is.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A rung's criteria as the rows of the firm page's criteria table (`firm.mustache` places them),
/// written here for the same reason: about fifty rows a firm through Mustache were most of the page's time.
/// Names, results, values, thresholds and margins are the firm report's cells (`FirmReport.criteria`).
enum CriterionRowView {
    static func html(_ rung: TierAssessment, report: FirmReport, lang: Lang) -> String {
        var out = ""
        out.reserveCapacity(rung.criteria.count * 400)
        // The report's cells: name, result, value, threshold, margin, citation.
        for (result, cells) in zip(rung.criteria, report.criteria(rung)) {
            let verdict = HTMLText.escape(result.verdict.rawValue)
            out += "<tr class=\"\(verdict)\"><td><a href=\""
            out += HTMLText.escape(lang.link("/rules/\(PageRoutes.encode(rung.rulebook.id))#\(PageRoutes.encode(result.id))"))
            out += "\">"
            out += HTMLText.escape(cells[0])
            out += "</a> <span class=\"muted\">"
            out += HTMLText.escape(result.id)
            out += "</span></td><td>"
            out += HTMLText.escape(cells[2])
            out += "</td><td>"
            out += HTMLText.escape(cells[3])
            out += "</td><td>"
            out += HTMLText.escape(cells[4])
            out += "</td><td>"
            out += HTMLText.escape(result.points.map { ValueFormat.text($0, unit: .number) } ?? "")
            out += "</td><td class=\"verdict \(verdict)\">\(HTMLText.escape(cells[1]))</td><td class=\"cite\">"
            out += HTMLText.escape(cells[5])
            out += "</td></tr>\n"
        }
        return out
    }
}
