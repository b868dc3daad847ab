import LadderCore
import LadderRules

extension FirmReport {
    /// The report as aligned text (display width).
    public func text() -> String {
        let l = language
        var out = ["\(firm.name)  \(l.pick("企业体检报告", "firm report"))", ""]
        let labelWidth = identity.map { DisplayWidth.of($0.0) }.max() ?? 0
        out += identity.map { DisplayWidth.pad($0.0, to: labelWidth) + "  " + $0.1 }
        out += ["", l.pick("证书", "Certificates")]
        var certs = TextTable(headers: l == .zh ? ["层级", "证书编号", "颁发", "有效至", "状态"]
                                                 : ["Rung", "Number", "Issued", "Valid to", "State"])
        certificates.forEach { certs.add($0) }
        out.append(certificates.isEmpty ? l.pick("  无", "  none") : certs.render())
        for rung in assessment.rungs {
            var title = "\(rungName(rung.tier) ?? "")：\(verdictName(rung.verdict))"
            if let score = rung.score { title += l.pick("，得分 ", ", score ") + ValueFormat.text(score, unit: .number) }
            out += ["", title]
            var table = TextTable(headers: criterionHeadings)
            criteria(rung).forEach { table.add($0) }
            out.append(table.render())
        }
        if !nextSteps.isEmpty { out += ["", l.pick("怎样能上一个台阶", "What it would take")] + nextSteps.map { "  " + $0 } }
        if !missingData.isEmpty { out += ["", l.pick("待补数据", "Missing data")] + missingData.map { "  " + $0 } }
        if !history.isEmpty {
            out += ["", l.pick("历次统计", "History")]
            for dated in history { out.append("  " + historyLine(dated)) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func historyLine(_ dated: FirmReport.Dated) -> String {
        let l = language
        let cells = historyCells(dated)
        guard dated.listed else { return "\(cells[0])  \(cells[1])" }
        var line = "\(cells[0])  " + l.pick("认定：", "certified: ") + cells[1]
        if !cells[2].isEmpty { line += l.pick("；规则判定：", "; rules: ") + cells[2] }
        if !cells[3].isEmpty { line += l.pick("；变化：", "; changes: ") + cells[3] }
        return line
    }

    /// One counting date as the history table shows it: date, certified rung, stored verdicts (with
    /// their rule versions), what changed.
    func historyCells(_ dated: FirmReport.Dated) -> [String] {
        let l = language
        guard dated.listed else { return [dated.date.description, l.pick("本期未报送该企业", "not in this export"), "", ""] }
        let verdicts = Tier.allCases.compactMap { tier in
            dated.verdicts[tier].map { "\(rungName(tier) ?? "") \(resultName($0))" + (dated.ruleVersions[tier].map { "（\($0)）" } ?? "") }
        }
        return [dated.date.description, rungName(dated.certified) ?? l.pick("无", "none"),
                verdicts.joined(separator: l.pick("，", ", ")), dated.changes.joined(separator: l.pick("；", "; "))]
    }

    /// The report as one printable HTML page (A4, print CSS), every value escaped.
    public func html() -> String {
        let e = HTML.escape
        let l = language
        var page = ["<!DOCTYPE html>", "<html lang=\"\(l.pick("zh-CN", "en"))\"><head><meta charset=\"utf-8\">",
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                    "<title>\(e(firm.name)) \(e(l.pick("企业体检报告", "firm report")))</title>",
                    "<style>\(HTML.style)\(Self.printStyle)</style></head><body class=\"firm\">",
                    "<h1>\(e(firm.name))</h1><p class=\"sub\">\(e(l.pick("企业体检报告", "Firm report"))) · \(e(firm.id))</p>",
                    "<dl class=\"identity\">"]
        page += identity.map { "<dt>\(e($0.0))</dt><dd>\(e($0.1))</dd>" }
        page.append("</dl><section class=\"part\"><h2>\(e(l.pick("证书", "Certificates")))</h2>")
        if certificates.isEmpty {
            page.append("<p class=\"muted\">\(e(l.pick("无证书记录", "No certificates")))</p>")
        } else {
            page.append(Self.table(l == .zh ? ["层级", "证书编号", "颁发", "有效至", "状态"]
                                              : ["Rung", "Number", "Issued", "Valid to", "State"], certificates, css: "certs"))
        }
        // History right after the certificates: both say where the firm has stood.
        if !history.isEmpty {
            page.append("</section><section class=\"part\"><h2>\(e(l.pick("历次统计", "History")))</h2>")
            page.append(Self.table(l == .zh ? ["统计日", "现有认定", "规则判定", "变化"] : ["Date", "Certified", "Rules", "Changes"],
                                   history.map(historyCells), css: "history"))
        }
        page.append("</section><h2>\(e(l.pick("各层级判定", "Verdict per rung")))</h2>")
        for rung in assessment.rungs {
            let css = rung.verdict == .qualified ? "met" : rung.verdict == .notQualified ? "late" : "muted"
            var title = "\(rungName(rung.tier) ?? "")：<span class=\"\(css)\">\(e(verdictName(rung.verdict)))</span>"
            if let score = rung.score { title += e(l.pick("，得分 ", ", score ") + ValueFormat.text(score, unit: .number)) }
            page.append("<section class=\"rung\"><h3>\(title)</h3>")
            page.append(Self.table(criterionHeadings, criteria(rung), css: "criteria") + "</section>")
        }
        if !nextSteps.isEmpty {
            page.append("<section class=\"part\"><h2>\(e(l.pick("怎样能上一个台阶", "What it would take")))</h2><ul>")
            page += nextSteps.map { "<li>\(e($0))</li>" }
            page.append("</ul></section>")
        }
        if !missingData.isEmpty {
            page.append("<section class=\"part\"><h2>\(e(l.pick("待补数据", "Missing data")))</h2><ul>")
            page += missingData.map { "<li>\(e($0))</li>" }
            page.append("</ul></section>")
        }
        let caveat = l.pick(
            "判定依据登记数据按政策条件逐条计算，属估算；申报或核查前请以企业材料为准。金额单位：万元/亿元。",
            "Verdicts apply the policy conditions to the registry's figures: estimates to confirm from the firm's documents.")
        page.append("<p class=\"muted small\">\(e(caveat))</p>")
        page.append("</body></html>")
        return page.joined(separator: "\n") + "\n"
    }

    static func table(_ headings: [String], _ rows: [[String]], css: String) -> String {
        let e = HTML.escape
        return "<table class=\"\(css)\"><thead><tr>" + headings.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    /// A4 pages: small margins, compact tables, no section split across a page (one page for a firm
    /// with a few counting dates of history: `scripts/firm-report-pages.sh` prints one and counts pages).
    static let printStyle = """
        body.firm { max-width: 900px; }
        body.firm table td, body.firm table th { text-align: left; white-space: normal; }
        body.firm h3 { font-size: 15px; margin: 16px 0 6px; }
        .identity { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
        .identity dt { color: var(--muted); } .identity dd { margin: 0; }
        .small { font-size: 12px; }
        body.firm table.criteria td:nth-child(n+2):nth-child(-n+5), body.firm table.certs td,
          body.firm table.history td:nth-child(-n+2) { white-space: nowrap; }
        @page { size: A4; margin: 8mm 9mm; }
        @media print {
          body.firm { max-width: none; margin: 0; padding: 0; font-size: 9px; line-height: 1.25; }
          body.firm h1 { font-size: 16px; margin: 0; } body.firm .sub { margin: 1px 0 4px; }
          body.firm h2 { font-size: 11px; margin: 5px 0 2px; padding-bottom: 1px; }
          body.firm h3 { font-size: 9.5px; margin: 4px 0 1px; }
          body.firm h2, body.firm h3 { break-after: avoid; }
          body.firm table { font-size: 8px; line-height: 1.1; margin: 0; } body.firm th { white-space: nowrap; }
          body.firm td, body.firm th { padding: 0 4px; }
          body.firm tr, body.firm section.rung, body.firm section.part { break-inside: avoid; }
          .identity { gap: 0 12px; margin: 3px 0; grid-template-columns: max-content 1fr max-content 1fr; }
          body.firm ul { margin: 1px 0; padding-left: 14px; } body.firm .small { font-size: 8px; margin: 4px 0 0; }
        }
        """

    /// The report as JSON (keys in English, values as shown).
    public func json() -> String {
        var json = AuditJSONWriter()
        json.beginObject()
        json.string("id", firm.id)
        json.string("name", firm.name)
        json.string("district", firm.district)
        json.string("asOf", assessment.asOf.description)
        json.string("certified", assessment.certified?.rawValue ?? "")
        json.string("eligible", assessment.eligible?.rawValue ?? "")
        json.beginArray("certificates")
        for (certificate, row) in zip(firm.certifications.sorted { $0.issued < $1.issued }, certificates) {
            var item = AuditJSONWriter()
            item.beginObject()
            item.string("tier", certificate.kind.rawValue)
            item.string("number", certificate.number ?? "")
            item.string("issued", certificate.issued.description)
            item.string("validTo", certificate.lastValidDay.description)
            item.string("state", row[4])
            item.endObject()
            json.raw(item.text)
        }
        json.endArray()
        json.beginArray("rungs")
        for rung in assessment.rungs {
            var item = AuditJSONWriter()
            item.beginObject()
            item.string("tier", rung.tier.rawValue)
            item.string("verdict", rung.verdict.rawValue)
            item.beginArray("criteria")
            for cells in criteria(rung) {
                var criterion = AuditJSONWriter()
                criterion.beginObject()
                for (key, value) in zip(["name", "result", "value", "threshold", "margin", "citation"], cells) {
                    criterion.string(key, value)
                }
                criterion.endObject()
                item.raw(criterion.text)
            }
            item.endArray()
            item.endObject()
            json.raw(item.text)
        }
        json.endArray()
        json.strings("nextSteps", nextSteps)
        json.strings("missingData", missingData)
        json.strings("history", history.map(historyLine))
        json.endObject()
        return json.text + "\n"
    }
}
