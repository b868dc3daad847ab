import Foundation
import Testing

@Suite("--lang on import and snapshots")
struct LanguageOptionTests {
    @Test("import's summary is Chinese by default and with --lang zh, English with --lang en")
    func importSummary() throws {
        let plain = try CommandRunner.run(["import", "--dry-run", "--no-progress", "SampleData/shapes.xml"])
        let zh = try CommandRunner.run(["import", "--dry-run", "--no-progress", "--lang", "zh", "SampleData/shapes.xml"])
        let en = try CommandRunner.run(["import", "--dry-run", "--no-progress", "--lang", "en", "SampleData/shapes.xml"])
        #expect(zh.status == 0 && en.status == 0)
        #expect(zh.stdout.withoutTiming == plain.stdout.withoutTiming, "zh is the default")
        for label in ["导出日期 2025-12-31", "记录 ", "导入 ", "拒收 ", "企业 13", "区市", "代码", "企业数", "崂山区"] {
            #expect(zh.stdout.contains(label), "zh: \(label)\n\(zh.stdout)")
        }
        #expect(!zh.stdout.contains("records ") && !zh.stdout.contains("enterprises "))
        for label in ["(exported 2025-12-31)", "records ", "imported ", "enterprises 13", "District", "Code", "Firms", "崂山区"] {
            #expect(en.stdout.contains(label), "en: \(label)\n\(en.stdout)")
        }
        #expect(!en.stdout.contains("记录") && !en.stdout.contains("企业数"))
    }

    @Test("snapshots lists in Chinese by default and with --lang zh, in English with --lang en")
    func snapshotsTable() throws {
        let dir = NSTemporaryDirectory() + "lang-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/s.sqlite"
        let imported = try CommandRunner.run(["import", "--no-progress", "--db", db, "SampleData/shapes.xml"])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("已存入 \(db) 中 2025-12-31 的快照"), "\(imported.stdout)")
        let plain = try CommandRunner.run(["snapshots", "--db", db])
        let zh = try CommandRunner.run(["snapshots", "--db", db, "--lang", "zh"])
        let en = try CommandRunner.run(["snapshots", "--db", db, "--lang", "en"])
        #expect(zh.status == 0 && en.status == 0 && plain.stdout == zh.stdout)
        for label in ["导出日期", "来源", "文件", "导入时间（UTC）", "技术合同", "2025-12-31：1 个文件，13 家企业"] {
            #expect(zh.stdout.contains(label), "zh: \(label)\n\(zh.stdout)")
        }
        for label in ["Exported", "Source", "File", "Imported at (UTC)", "Contracts", "2025-12-31: 1 file(s), 13 firms"] {
            #expect(en.stdout.contains(label), "en: \(label)\n\(en.stdout)")
        }
        #expect(!en.stdout.contains("导出日期"))
        let empty = dir + "/empty.sqlite"
        _ = try CommandRunner.run(["import", "--no-progress", "--db", empty, dir + "/none.xml"])
        let none = try CommandRunner.run(["snapshots", "--db", empty, "--lang", "en"])
        #expect(none.stdout.contains("No snapshots in \(empty)"), "\(none.stdout)\(none.stderr)")
        #expect(try CommandRunner.run(["snapshots", "--db", empty]).stdout.contains("中没有快照"))
    }
}

private extension String {
    /// The output without its timing line (two runs differ only there).
    var withoutTiming: String { split(separator: "\n").filter { !$0.contains("MB/s") }.joined(separator: "\n") }
}
