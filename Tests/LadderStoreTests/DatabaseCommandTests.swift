import Foundation
import LadderCore
import LadderStore
import Testing

/// The reporting commands over a database give the same numbers as over the export file they came from.
@Suite("tally, progress, audit and assess over the registry database", .serialized)
struct DatabaseCommandTests {
    static let sample = "SampleData/registry-2025.xml"

    /// A tally's JSON without the footer (which names the database and where eligibility came from).
    static func figures(_ run: CommandRun) throws -> [String: Any] {
        var json = try run.json()
        json["countingRules"] = nil
        return json
    }

    @Test("tally --db equals tally over the file: certified at once, eligible after assess")
    func tallyMatchesFile() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/t.sqlite"
        #expect(try CommandRunner.run(["import", "--db", db, Self.sample]).status == 0)

        let file = try CommandRunner.run(["tally", "--format", "json", Self.sample])
        #expect(file.status == 0)
        let expected = try Self.figures(file)

        // Before assess: certified figures from SQL, eligibility reported as not stored.
        let early = try CommandRunner.run(["tally", "--db", db, "--format", "json"])
        #expect(early.status == 0, "\(early.stderr)")
        let earlyJSON = try early.json()
        #expect(earlyJSON["eligibility"] as? String == "not-computed")
        #expect(early.stdout.contains("请先运行 `techladder assess"))
        #expect(early.stderr.contains("run `techladder assess"))
        let earlyTotal = try #require(earlyJSON["total"] as? [String: Any])
        let fileTotal = try #require(expected["total"] as? [String: Any])
        #expect(earlyTotal["certified"] as? NSDictionary == fileTotal["certified"] as? NSDictionary)
        #expect(earlyTotal["eligible"] is NSNull)
        let table = try CommandRunner.run(["tally", "--db", db])
        #expect(table.stdout.contains("请先运行 `techladder assess"), "the table says eligibility is not stored")
        // Notes follow --lang, as headers and labels do.
        let english = try CommandRunner.run(["tally", "--db", db, "--lang", "en"])
        #expect(english.stdout.contains("Eligibility not stored yet") && !english.stdout.contains("尚未存储"))
        #expect(!table.stdout.contains("Eligibility not stored yet"))

        let assess = try CommandRunner.run(["assess", "--db", db])
        #expect(assess.status == 0, "\(assess.stderr)")
        for grouping in ["district", "zone", "industry", "domain"] {
            let fromFile = try Self.figures(try CommandRunner.run(["tally", "--by", grouping, "--format", "json", Self.sample]))
            let fromDB = try CommandRunner.run(["tally", "--db", db, "--by", grouping, "--format", "json"])
            #expect(fromDB.status == 0)
            #expect(NSDictionary(dictionary: try Self.figures(fromDB)) == NSDictionary(dictionary: fromFile),
                    "tally --by \(grouping) from the database differs from the file")
            #expect(fromDB.stdout.contains("符合条件取自 `techladder assess` 存储的结论"))
        }

        // Stored verdicts are for the export date: another --as-of leaves eligibility not computed.
        let other = try CommandRunner.run(["tally", "--db", db, "--as-of", "2025-06-30", "--format", "json"])
        #expect(try other.json()["eligibility"] as? String == "not-computed")
        let otherFile = try CommandRunner.run(["tally", "--as-of", "2025-06-30", "--format", "json", Self.sample])
        let otherTotal = try #require(try other.json()["total"] as? [String: Any])
        let otherFileTotal = try #require(try otherFile.json()["total"] as? [String: Any])
        #expect(otherTotal["certified"] as? NSDictionary == otherFileTotal["certified"] as? NSDictionary)
    }

    @Test("assess stores one verdict per firm and rung with rule versions; again replaces them")
    func assessStoresVerdicts() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/a.sqlite"
        #expect(try CommandRunner.run(["import", "--db", db, "SampleData/shapes.xml"]).status == 0)
        let first = try CommandRunner.run(["assess", "--db", db, "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try first.json()
        let store = try RegistryStore(path: db)
        let snapshot = try #require(try store.latestSnapshot())
        let verdicts = try store.assessments(in: snapshot)
        #expect(verdicts.count == snapshot.counts.enterprises * 3)
        #expect(summary["verdicts"] as? Int == verdicts.count)
        #expect(Set(verdicts.map(\.ruleVersion)) == Set(try #require(summary["ruleVersions"] as? [String])))
        #expect(verdicts.allSatisfy { $0.ruleVersion.contains("@") })

        // The verdicts agree with audit over the file: a pass exactly where the rung is qualified.
        let audit = try CommandRunner.run(["audit", "--format", "jsonl", "SampleData/shapes.xml"])
        let passes = Set(verdicts.filter { $0.verdict == .pass }.map { "\($0.firmID) \($0.tier.rawValue)" })
        var qualified: Set<String> = []
        for line in audit.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let tiers = try #require(object["tiers"] as? [String: [String: Any]])
            for (tier, result) in tiers where result["verdict"] as? String == "qualified" {
                qualified.insert("\(object["id"] as? String ?? "") \(tier)")
            }
        }
        #expect(passes == qualified)

        let again = try CommandRunner.run(["assess", "--db", db])
        #expect(again.status == 0)
        #expect(try store.assessments(in: snapshot) == verdicts)
        let firm = try #require(verdicts.first?.firmID)
        let history = try CommandRunner.run(["firm", firm, "--db", db])
        #expect(history.stdout.contains(try #require(verdicts.first?.ruleVersion)))
    }

    @Test("progress over two snapshots in the database gives a trend, as over the two files")
    func progressTrend() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/p.sqlite"
        let files = ["2024", "2025"].map { dir + "/g\($0).xml" }
        for (year, file) in zip(["2024", "2025"], files) {
            #expect(try CommandRunner.run(["generate", "--firms", "300", "--year", year, "-o", file]).status == 0)
        }
        #expect(try CommandRunner.run(["import", "--db", db] + files).status == 0)
        let fromDB = try CommandRunner.run(["progress", "--db", db, "--format", "json"])
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        let fromFiles = try CommandRunner.run(["progress", "--format", "json"] + files)
        #expect(NSDictionary(dictionary: try fromDB.json()) == NSDictionary(dictionary: try fromFiles.json()))
        let indicators = try #require(try fromDB.json()["indicators"] as? [[String: Any]])
        let firms = try #require(indicators.first { $0["indicator"] as? String == "tech-enterprises" })
        #expect(firms["trend"] is [String: Any], "two snapshots give a trend")

        // --snapshot picks the older one: no earlier snapshot, so no trend.
        let older = try CommandRunner.run(["progress", "--db", db, "--snapshot", "2024-12-31", "--format", "json"])
        #expect(try older.json()["asOf"] as? String == "2024-12-31")
        let missing = try CommandRunner.run(["tally", "--db", db, "--snapshot", "2023-12-31"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no snapshot exported on 2023-12-31"))
    }

    @Test("audit --db gives the same evidence as audit over the file")
    func auditFromDatabase() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/u.sqlite"
        #expect(try CommandRunner.run(["import", "--db", db, "SampleData/shapes.xml"]).status == 0)
        let fromDB = try CommandRunner.run(["audit", "--db", db, "--format", "jsonl"])
        let fromFile = try CommandRunner.run(["audit", "--format", "jsonl", "SampleData/shapes.xml"])
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        #expect(fromDB.stdout == fromFile.stdout)
        let one = try CommandRunner.run(["audit", "--db", db, "--format", "jsonl", "--firm", "91370212MA3C4L0X5W"])
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(fromFile.stdout.split(separator: "\n").contains { $0 == lines.first })
        let both = try CommandRunner.run(["audit", "--db", db, "SampleData/shapes.xml"])
        #expect(both.status != 0, "files and --db together are refused")
    }
}
