import Foundation
import Testing

/// The audit's JSON keys are an interface (other systems read them): each is named here and checked for
/// the value it must carry, on the first firm of the sample.
@Suite("audit --format json names every field")
struct AuditJSONFieldTests {
    @Test("a firm's audit has id, asOf, certified, eligible and per rung verdict, ruleVersion, dataYear and criteria")
    func firmFields() throws {
        let firm = try firstFirm()
        for key in ["id", "name", "district", "asOf", "certified", "eligible", "tiers"] {
            #expect(firm.keys.contains(key), "missing \(key)")
        }
        let tiers = try #require(firm["tiers"] as? [String: Any])
        #expect(Set(tiers.keys) == ["tech-sme", "high-tech", "leading"])
        for (tier, value) in tiers {
            let rung = try #require(value as? [String: Any], "\(tier)")
            #expect(["qualified", "not-qualified", "undetermined"].contains(rung["verdict"] as? String), "\(tier)")
            #expect(rung["ruleVersion"] is String, "\(tier)")
            #expect(rung["dataYear"] is Int, "\(tier)")
            let criteria = try #require(rung["criteria"] as? [[String: Any]], "\(tier)")
            #expect(!criteria.isEmpty)
            for criterion in criteria {
                for key in ["id", "comparison", "citation", "verdict", "value", "threshold", "margin", "points"] {
                    #expect(criterion.keys.contains(key), "\(tier) criterion lacks \(key)")
                }
                #expect(!((criterion["citation"] as? String) ?? "").isEmpty, "\(tier) \(criterion["id"] ?? "?")")
            }
        }
    }

    @Test("a compared criterion's margin is its value's distance past the threshold, in the comparison's direction")
    func marginMatchesValueAndThreshold() throws {
        let tiers = try #require(try firstFirm()["tiers"] as? [String: Any])
        var checked = 0
        for case let rung as [String: Any] in tiers.values {
            for criterion in rung["criteria"] as? [[String: Any]] ?? [] {
                guard let value = criterion["value"] as? Double, let threshold = criterion["threshold"] as? Double,
                      let margin = criterion["margin"] as? Double, let comparison = criterion["comparison"] as? String
                else { continue }
                let expected = comparison == "≤" || comparison == "<" ? threshold - value : value - threshold
                #expect(abs(margin - expected) < 1e-6 * max(1, abs(expected)), "\(criterion["id"] ?? "?")")
                #expect((margin >= 0) == (criterion["verdict"] as? String == "pass") || margin == 0,
                        "\(criterion["id"] ?? "?"): margin \(margin), verdict \(criterion["verdict"] ?? "?")")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// The first firm of `audit --format jsonl` over the sample, as a JSON object.
    private func firstFirm() throws -> [String: Any] {
        let run = try CommandRunner.run(["audit", "SampleData/registry-2025.xml", "--format", "jsonl"])
        let line = try #require(run.stdout.split(separator: "\n").first, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
