import Foundation
import Testing

@Suite("The command line over SampleData/", .serialized)
struct CommandLineTests {
    @Test("import --format json summarises the hand-written sample")
    func importJSON() throws {
        let run = try CommandRunner.run(["import", "--dry-run", "--format", "json", "SampleData/shapes.xml"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["file"] as? String == "SampleData/shapes.xml")
        #expect(json["records"] as? Int == 21)
        #expect(json["imported"] as? Int == 21)
        #expect(json["rejected"] as? Int == 0)
        #expect(json["warnings"] as? Int == 2)
        let districts = try #require(json["districts"] as? [String: Int])
        #expect(districts.values.reduce(0, +) == 13)
        #expect(json["seconds"] is Double)
        #expect(json["mbPerSecond"] is Double)
        let warnings = try #require(json["warningDetails"] as? [[String: Any]])
        #expect(warnings.count == 2)
        for warning in warnings {
            let english = try #require(warning["reason"] as? String), chinese = try #require(warning["reasonZh"] as? String)
            #expect(english != chinese && chinese.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(english) / \(chinese)")
        }
    }

    @Test("a truncated file exits 2 with its position and imports nothing")
    func truncated() throws {
        let path = NSTemporaryDirectory() + "cut-\(UUID().uuidString).xml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try String(contentsOf: CommandRunner.root.appendingPathComponent("SampleData/shapes.xml"), encoding: .utf8)
        try String(whole.prefix(5000)).write(toFile: path, atomically: false, encoding: .utf8)
        let run = try CommandRunner.run(["import", "--dry-run", "--lang", "en", path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("could not be read; nothing from it was imported"))
        #expect(run.stdout.contains("\(path):"))
        #expect(run.stdout.contains("^"), "the offending line is shown with a caret")
    }

    @Test("rejected records give exit code 1 and their reasons")
    func rejects() throws {
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).xml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31">
            <Enterprise id="91370212MA3C4L0X5W"><Name>甲</Name><District code="370212"/><RegisteredOn>2025-02-30</RegisteredOn></Enterprise>
            </Registry>
            """.write(toFile: path, atomically: false, encoding: .utf8)
        let run = try CommandRunner.run(["import", "--dry-run", path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\(path):2:"))
        #expect(run.stdout.contains("成立日期 '2025-02-30' 不是 YYYY-MM-DD 形式的有效日期"))
        let english = try CommandRunner.run(["import", "--dry-run", "--lang", "en", path])
        #expect(english.stdout.contains("RegisteredOn '2025-02-30' is not a real date"))
    }

    @Test("audit --format jsonl writes one object per firm with every rung")
    func auditJSONL() throws {
        let run = try CommandRunner.run(["audit", "--format", "jsonl", "SampleData/shapes.xml"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 13)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let tiers = try #require(object["tiers"] as? [String: Any])
            #expect(Set(tiers.keys) == ["tech-sme", "high-tech", "leading"])
            #expect(object["asOf"] as? String == "2025-12-31")
        }
    }

    @Test("every rulebook example holds")
    func rulesTest() throws {
        let run = try CommandRunner.run(["rules", "test"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 failed"))
    }

    @Test("the generator is deterministic from the command line")
    func generate() throws {
        let first = try CommandRunner.run(["generate", "--firms", "20", "--seed", "7"])
        let second = try CommandRunner.run(["generate", "--firms", "20", "--seed", "7"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.components(separatedBy: "<Enterprise ").count == 21)
    }
}
