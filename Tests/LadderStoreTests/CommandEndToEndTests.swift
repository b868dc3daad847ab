import Foundation
import Testing

/// End-to-end runs of the commands that had none: validate, diff-rules, profile check and export.
@Suite("validate, diff-rules, profile and export as a user runs them")
struct CommandEndToEndTests {
    @Test("validate accepts the sample and names file, line and column of a schema violation with exit code 1")
    func validate() throws {
        let good = try CommandRunner.run(["validate", "SampleData/registry-2025.xml"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("valid (registry format 1)"))
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/bad.xml"
        try """
            <?xml version="1.0"?>
            <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31"><Enterprise id="x"/></Registry>
            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["validate", bad])
        #expect(run.status == 1)
        #expect((run.stdout + run.stderr).contains("\(bad):2:"))
        #expect((run.stdout + run.stderr).contains("Missing child element"))
    }

    @Test("diff-rules lists only verdicts that change, and its 'to' verdicts are what audit says under the shipped rules")
    func diffRules() throws {
        let run = try CommandRunner.run(["diff-rules", "--from", "tech-sme@2017", "--to", "tech-sme@2022",
                                         "SampleData/registry-2025.xml", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try run.json()
        let changes = try #require(result["changes"] as? [[String: Any]])
        #expect(!changes.isEmpty)
        for change in changes { #expect(change["fromVerdict"] as? String != change["toVerdict"] as? String) }
        let eligibleMoves = Set(changes.filter { ($0["fromEligible"] as? String) != ($0["toEligible"] as? String) }
            .compactMap { $0["id"] as? String })
        #expect(result["rungChanges"] as? Int == eligibleMoves.count)
        // Tech-sme@2022 is the version in force on the export date, so audit must agree with the 'to' side.
        for change in changes.prefix(3) {
            let id = try #require(change["id"] as? String)
            let audit = try CommandRunner.run(["audit", "SampleData/registry-2025.xml", "--firm", id, "--format", "json"])
            let text = audit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            let firm = try #require((object as? [[String: Any]])?.first ?? (object as? [String: Any]))
            let tiers = try #require(firm["tiers"] as? [String: Any])
            let rung = try #require(tiers["tech-sme"] as? [String: Any])
            #expect(rung["verdict"] as? String == change["toVerdict"] as? String, "\(id)")
        }
    }

    @Test("profile check accepts the shipped profile and shows the sample's first records mapped to format 1")
    func profileCheck() throws {
        let run = try CommandRunner.run(["profile", "check", "Profiles/district-bureau.xml", "SampleData/district-gb18030.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("valid profile 'district-bureau'"))
        #expect(run.stdout.contains("\"崂山区\" → \"370212\""))
        #expect(run.stdout.contains("<Registry xmlns=\"urn:techladder:registry:1\""))
    }

    @Test("export writes a profile file as format 1 that validates and tallies exactly as the original")
    func export() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let converted = dir + "/converted.xml"
        let run = try CommandRunner.run(["export", "SampleData/district-gb18030.xml", "--output", converted])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CommandRunner.run(["validate", converted]).status == 0)
        let original = try CommandRunner.run(["tally", "SampleData/district-gb18030.xml", "--format", "json"])
        let copy = try CommandRunner.run(["tally", converted, "--format", "json"])
        #expect(original.status == 0 && copy.status == 0)
        #expect(!original.stdout.isEmpty)
        #expect(original.stdout == copy.stdout)
    }
}
