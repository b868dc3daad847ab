import Foundation
import Testing

@Suite("report and firm report from files and from the database", .serialized)
struct ReportCommandTests {
    /// SampleData's registry, and a copy dated a year earlier (the same firms, certificates read on another date).
    static func twoDates(in dir: String) throws -> [String] {
        let current = CommandRunner.root.appendingPathComponent("SampleData/registry-2025.xml").path
        let text = try String(contentsOfFile: current, encoding: .utf8)
        let earlier = dir + "/registry-2024.xml"
        try text.replacingOccurrences(of: "exportedAt=\"2025-12-31\"", with: "exportedAt=\"2024-12-31\"")
            .write(toFile: earlier, atomically: false, encoding: .utf8)
        return [earlier, current]
    }

    @Test("the report from a database without stored verdicts is the report from the files: counts, firm lists, movement")
    func databaseEqualsFiles() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try Self.twoDates(in: dir)
        let fromFiles = try CommandRunner.run(["report"] + files + ["--output", dir + "/files.html"])
        #expect(fromFiles.status == 0, "\(fromFiles.stderr)")
        #expect(try CommandRunner.run(["import"] + files + ["--db", dir + "/r.sqlite"]).status == 0)
        let fromDB = try CommandRunner.run(["report", "--db", dir + "/r.sqlite", "--output", dir + "/db.html"])
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        let page = try String(contentsOfFile: dir + "/files.html", encoding: .utf8)
        #expect(page == (try String(contentsOfFile: dir + "/db.html", encoding: .utf8)))
        #expect(!page.contains("未计算"), "verdicts are computed for the report")
        #expect(page.contains("梯队变动（2024-12-31 → 2025-12-31）"))
        #expect(page.contains("各区市需走访的企业") && page.contains("等 "))
        for word in ["techladder", "snapshot", "快照", ".xml", ".sqlite"] {
            #expect(!page.contains(word), "the report names \(word)")
        }
    }

    @Test("firm ID writes a firm report in text, html and json with money in 万元")
    func firmReport() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/r.sqlite"
        #expect(try CommandRunner.run(["import", "SampleData/shapes.xml", "--db", db]).status == 0)
        let id = "91370212MA3C4L0X5W"
        let text = try CommandRunner.run(["firm", id, "--db", db])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("企业体检报告") && text.stdout.contains("统一社会信用代码  \(id)"))
        #expect(text.stdout.contains("万元"), "money in 万元")
        #expect(!text.stdout.contains(".00\n"), "no raw yuan")
        let html = try CommandRunner.run(["firm", id, "--db", db, "--format", "html", "--output", dir + "/f.html"])
        #expect(html.status == 0)
        let page = try String(contentsOfFile: dir + "/f.html", encoding: .utf8)
        #expect(page.contains("@page { size: A4"))
        #expect(page.contains("各层级判定"))
        let json = try CommandRunner.run(["firm", id, "--db", db, "--format", "json", "--lang", "en"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == id)
        #expect((object["rungs"] as? [[String: Any]])?.count == 3)
        // What it would take, in Chinese: the near-miss plan's change, not its English text.
        let near = try CommandRunner.run(["firm", "91370215MA3G2W9H6N", "--db", db])
        #expect(near.stdout.contains("达到科技型中小企业：2024 年研发费用 +48万元"), "\(near.stdout)")
    }
}
