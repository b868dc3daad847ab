import Foundation
import LadderCore
import LadderReports
import LadderRules
import Testing

@Suite("Renderers show the golden numbers")
struct RenderTests {
    func rows() throws -> TallyRows {
        let (tally, _) = try GoldenRegistry.tally()
        return TallyRows(tally, targets: try GoldenRegistry.targets())
    }

    /// The cells of the 崂山区 row, 市北区 row and total, as every renderer must show them.
    let laoshan = ["崂山区", "370212", "5", "1", "3", "1", "5", "3", "1"]
    let shibei = ["市北区", "370203", "2", "1", "0", "1", "2", "0", "1"]
    let total = ["全市合计", "370200", "8", "3", "3", "2", "7", "3", "2"]

    @Test("the table aligns by display width and carries the golden numbers")
    func table() throws {
        let text = try rows().table()
        let lines = text.split(separator: "\n").map(String.init)
        for expected in [laoshan, shibei, total] {
            let line = try #require(lines.first { $0.hasPrefix(expected[0]) })
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(Array(cells.prefix(9)) == expected)
        }
        let header = try #require(lines.first { $0.hasPrefix("区市") })
        let laoshanLine = try #require(lines.first { $0.hasPrefix("崂山区") })
        #expect(DisplayWidth.of(header) == DisplayWidth.of(laoshanLine))
        #expect(text.contains("0.0%") || text.contains("%"))
        #expect(text.contains("按最高有效层级只计一次"), "the counting rules in Chinese")
        #expect(try rows().table(.en).contains("counted once at its highest valid rung"), "and in English on request")
        #expect(text.contains("21,992"), "gap of the total: 22,000 − 8")
    }

    @Test("CSV has a BOM, CRLF lines and the golden numbers; the target only where it is the row's own")
    func csv() throws {
        let text = try rows().csv()
        #expect(text.hasPrefix("\u{FEFF}code,name,certified,tech-sme,high-tech,leading,eligible,"))
        let lines = text.dropFirst().components(separatedBy: "\r\n")
        #expect(lines.count == 1 + 10 + 1 + 1)  // header, ten districts, total, final empty
        // A district without its own target has no target cell (the city's is the total row's).
        #expect(lines.contains { $0.hasPrefix("370212,崂山区,5,1,3,1,5,1,3,1,3,2,1,,,") })
        #expect(lines.contains { $0.hasPrefix("370203,市北区,2,1,0,1,2,1,1,0,0,0,1,,,") })
        #expect(lines.contains { $0.hasPrefix("370200,City total,8,3,3,2,7,2,4,1,3,2,2,22000,0.0004,1.0000,21992,2025-12-31,district") })
        let chinese = try rows().csv(.zh)
        #expect(chinese.hasPrefix("\u{FEFF}代码,区市,科技型企业,科技型中小企业,高新技术企业,科技领军企业,符合条件,"))
        #expect(chinese.contains("\r\n370200,全市合计,8,3,3,2,7,2,4,1,3,2,2,22000,0.0004,1.0000,21992,2025-12-31,district"))
    }

    @Test("JSON has the public shape and the golden numbers")
    func json() throws {
        let text = try rows().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["asOf"] as? String == "2025-12-31")
        #expect(object["target"] as? Int == 22000)
        let total = try #require(object["total"] as? [String: Any])
        let certified = try #require(total["certified"] as? [String: Int])
        #expect(certified == ["total": 8, "tech-sme": 3, "high-tech": 3, "leading": 2])
        #expect(total["eligible"] as? [String: Int] == ["total": 7, "tech-sme": 2, "high-tech": 4, "leading": 1])
        let districts = try #require(object["districts"] as? [[String: Any]])
        #expect(districts.count == 10)
        let laoshan = try #require(districts.first { $0["code"] as? String == "370212" })
        #expect(laoshan["name"] as? String == "崂山区")
        #expect(laoshan["certified"] as? [String: Int] == ["total": 5, "tech-sme": 1, "high-tech": 3, "leading": 1])
        #expect(laoshan["eligible"] as? [String: Int] == ["total": 5, "tech-sme": 1, "high-tech": 3, "leading": 1])
        #expect(laoshan["auditRisk"] as? [String: Int] == ["total": 1, "tech-sme": 0, "high-tech": 1, "leading": 0])
        let jimo = try #require(districts.first { $0["code"] as? String == "370215" })
        #expect(jimo["certified"] as? [String: Int] == ["total": 1, "tech-sme": 1, "high-tech": 0, "leading": 0])
    }

    @Test("JSON marks eligibility as not computed without a rules engine")
    func jsonNotComputed() throws {
        let (tally, _) = try GoldenRegistry.tally(eligibility: false)
        let text = try TallyRows(tally, targets: nil).json()
        #expect(text.contains("\"eligibility\" : \"not-computed\""))
        #expect(text.contains("\"eligible\" : null"))
        #expect(TallyRows(tally, targets: nil).table().contains("未计算"))
    }

    @Test("the Markdown table carries the golden numbers")
    func markdown() throws {
        let text = try rows().markdown()
        #expect(text.contains("| 崂山区 | 370212 | 5 | 1 | 3 | 1 | 5 | 3 | 1 |"))
        #expect(text.contains("| **全市合计** | 370200 | **8** | 3 | 3 | 2 | 7 | 3 | 2 |"))
    }

    @Test("the HTML report carries the golden numbers and loads nothing from outside")
    func html() throws {
        let rows = try rows()
        let progress = Progress(latest: rows.tally.snapshot, targets: try GoldenRegistry.targets())
        let html = HTMLReport(rows: rows, progress: progress).render()
        for expected in [laoshan, shibei, total] {
            let cells = expected.map { "<td>\($0)</td>" }.joined()
            #expect(html.contains("<tr>" + cells) || html.contains("<tr class=\"total\">" + cells), "\(expected)")
        }
        #expect(html.contains("<svg"))
        #expect(html.contains("梯度培育漏斗"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(!html.contains("@font-face"))
        // The only URL is the SVG namespace name, which browsers never fetch.
        let urls = html.components(separatedBy: "http").dropFirst().map { $0.prefix(24) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") })
    }
}

@Suite("Hostile names are neutralised")
struct InjectionTests {
    @Test("CSV cells starting with a formula character get an apostrophe", arguments: [
        ("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "\"'\rCR\""),
        ("崂山区", "崂山区"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
    ])
    func csvCell(input: String, expected: String) {
        #expect(CSV.cell(input) == expected)
    }

    @Test("a hostile district name is neutralised in CSV, HTML, Markdown")
    func hostileRow() throws {
        let (tally, _) = try GoldenRegistry.tally()
        var rows = TallyRows(tally, targets: nil)
        rows.rows[0].name = "=HYPERLINK(\"http://x\")<script>alert(1)</script>"
        rows.rows[1].name = "@evil"
        let csv = rows.csv()
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")<script>alert(1)</script>\","))
        #expect(csv.contains(",'@evil,"))
        let progress = Progress(latest: tally.snapshot, targets: try GoldenRegistry.targets())
        let html = HTMLReport(rows: rows, progress: progress).render()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!rows.markdown().contains("<script>"))
    }

    @Test("hostile text in a targets file is escaped in the HTML report")
    func hostileTargets() throws {
        let text = try String(contentsOfFile: try #require(Targets.locateDefault()), encoding: .utf8)
            .replacingOccurrences(of: "name=\"科技型企业\"", with: "name=\"&lt;script&gt;x()&lt;/script&gt;\"")
            .replacingOccurrences(of: "plan=\"", with: "plan=\"&lt;img onerror=x&gt;")
        let targets = try Targets.parse(text, name: "hostile.xml")
        let (tally, _) = try GoldenRegistry.tally()
        let html = HTMLReport(rows: TallyRows(tally, targets: targets),
                              progress: Progress(latest: tally.snapshot, targets: targets)).render()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;x()&lt;/script&gt;"))
    }
}

@Suite("Report trend chart")
struct TrendChartTests {
    @Test("each snapshot's trend point lies at its date between the year-start ticks")
    func pointsAtTheirDates() throws {
        let targets = try GoldenRegistry.targets()
        let dates = ["2024-12-31", "2025-06-30", "2025-12-31"]
        let snapshots = try dates.enumerated().map { index, text in
            IndicatorSnapshot(asOf: try #require(Day(text)), values: [.techEnterprises: .count(10_000 + 500 * index)])
        }
        let progress = Progress(latest: snapshots[2], history: Array(snapshots.prefix(2)), targets: targets)
        let (tally, _) = try GoldenRegistry.tally()
        let html = HTMLReport(rows: TallyRows(tally, targets: targets), progress: progress).render()
        // The technology-enterprise chart is the first trend chart.
        let chart = try #require(html.range(of: "data-date=\"2024-12-31\"")).lowerBound
        let svgStart = try #require(html[..<chart].range(of: "<svg", options: .backwards)).lowerBound
        let svg = String(html[svgStart...])
        let svgText = String(svg[..<(try #require(svg.range(of: "</svg>")).upperBound)])
        func attribute(_ name: String, _ element: Substring) -> Double? {
            guard let range = element.range(of: "\(name)=\"") else { return nil }
            return Double(element[range.upperBound...].prefix { $0 != "\"" })
        }
        var ticks: [Int: Double] = [:]
        for piece in svgText.components(separatedBy: "<line class=\"tick\" data-date=\"").dropFirst() {
            let year = try #require(Int(piece.prefix(4)))
            ticks[year] = attribute("x1", Substring(piece))
        }
        for text in dates {
            let date = try #require(Day(text))
            let piece = try #require(svgText.components(separatedBy: "class=\"point\" data-date=\"\(text)\"").dropFirst().first)
            let cx = try #require(attribute("cx", Substring(piece)))
            let start = try #require(ticks[date.year]), end = try #require(ticks[date.year + 1])
            let yearStart = try #require(Day(year: date.year, month: 1, day: 1))
            let nextStart = try #require(Day(year: date.year + 1, month: 1, day: 1))
            let fraction = Double(date.ordinal - yearStart.ordinal) / Double(nextStart.ordinal - yearStart.ordinal)
            #expect(abs(cx - (start + fraction * (end - start))) < 0.2, "\(text) drawn at \(cx)")
            #expect(cx < end, "\(text) lies before the next year's tick")
        }
    }
}

@Suite("Report charts in the report's language")
struct ChartLanguageTests {
    /// Every label the charts draw: `<text>` contents, `<title>` tips and `aria-label`s, inside `<svg>`.
    static func chartLabels(_ html: String) -> [String] {
        var labels: [String] = []
        for svg in html.components(separatedBy: "<svg").dropFirst() {
            let body = svg.components(separatedBy: "</svg>")[0]
            for tag in ["<text", "<title"] {
                for piece in body.components(separatedBy: tag).dropFirst() {
                    guard let open = piece.firstIndex(of: ">") else { continue }
                    labels.append(String(piece[piece.index(after: open)...].prefix { $0 != "<" }))
                }
            }
            if let range = body.range(of: "aria-label=\"") {
                labels.append(String(body[range.upperBound...].prefix { $0 != "\"" }))
            }
        }
        return labels
    }

    static func report(_ language: Language) throws -> (String, [String]) {
        let (tally, _) = try GoldenRegistry.tally()
        let targets = try GoldenRegistry.targets()
        let rows = TallyRows(tally, targets: targets)
        let html = HTMLReport(rows: rows, progress: Progress(latest: tally.snapshot, targets: targets), language: language).render()
        return (html, rows.rows.map(\.name))
    }

    @Test("the English report's axis labels, legends and funnel labels are English; only district names stay Chinese")
    func englishCharts() throws {
        let (html, names) = try Self.report(.en)
        let labels = Self.chartLabels(html)
        #expect(labels.count > 30, "the charts were found")
        for label in labels {
            // A bar's tip is "<district> <rung> <count>": the district name is a name, the rest must be English.
            var rest = label
            for name in names where rest.hasPrefix(name) { rest.removeFirst(name.count) }
            #expect(!rest.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "Chinese in an English chart: \(label)")
        }
        #expect(labels.contains { $0.hasPrefix("High-tech and above") }, "the funnel is labelled in English")
        #expect(labels.contains("Pipeline (to certify)"))
    }

    @Test("the Chinese report keeps Chinese chart labels")
    func chineseCharts() throws {
        let labels = Self.chartLabels(try Self.report(.zh).0)
        #expect(labels.contains("符合未认定（可培育）"))
        #expect(labels.contains { $0.hasPrefix("高新技术企业及以上") })
        #expect(labels.contains("目标"))
    }
}

@Suite("The firm report prints on one A4 page")
struct FirmReportPrintTests {
    @Test("history is a compact table of one row per date, and no section or row splits across pages")
    func printStructure() throws {
        let firm = try #require(try importDocument(registry(Fixture.sme(id: Fixture.code("370212", 7)))).firms.first)
        let ladder = try shippedLadder()
        let dates = ["2023-12-31", "2024-12-31", "2025-12-31"].compactMap(Day.init)
        let history = dates.enumerated().map { index, day in
            FirmReport.Dated(date: day, listed: true, certified: index == 0 ? nil : .techSME,
                             verdicts: [.techSME: .pass, .highTech: .fail], ruleVersions: [.techSME: "tech-sme@2022"],
                             changes: index == 0 ? [] : ["研发费用 2024：280万元 → 330万元"])
        }
        let report = FirmReport(firm: firm, assessment: ladder.assess(firm, asOf: asOf2025), nearMisses: [],
                                history: history, language: .zh)
        let html = report.html()
        let table = try #require(html.range(of: "<table class=\"history\">"))
        let historyTable = html[table.lowerBound...]
        let body = String(historyTable[..<(try #require(historyTable.range(of: "</table>")).lowerBound)])
        #expect(body.components(separatedBy: "<tr>").count - 2 == 3, "one row per date after the heading row")
        #expect(body.contains("<td>2024-12-31</td><td>科技型中小企业</td>"))
        #expect(html.components(separatedBy: "<section class=\"rung\">").count - 1 == report.assessment.rungs.count)
        let css = html  // the print CSS is inline in the page
        #expect(css.contains("@page { size: A4"))
        #expect(css.contains("section.rung, body.firm section.part { break-inside: avoid; }"))
        #expect(css.contains("h3 { break-after: avoid; }"))
        // History sits before the long criterion tables, beside the certificates it explains.
        let verdicts = try #require(html.range(of: "各层级判定"))
        #expect(table.lowerBound < verdicts.lowerBound)
        #expect(report.text().contains("2024-12-31  认定：科技型中小企业；规则判定：科技型中小企业 满足（tech-sme@2022）"))
    }
}
