import LadderCore
import LadderImport
import LadderRules
import Testing

@Suite("Probes (near-miss search) agree with full assessments")
struct ProbeTests {
    @Test("a probe gives the verdict, failing conditions, failing pass marks and score a full assessment gives, on every rung of every SampleData firm")
    func probeMatchesAssessment() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let ladder = try Ladder.load(directory: root + "/Rules")
        let probing = ladder.copy()
        var firms: [Enterprise] = []
        var date: Day?
        _ = try RegistryImporter().importFile(root + "/SampleData/registry-2025.xml", onHeader: { date = $0.exportedAt }) {
            if case .enterprise(let firm) = $0 { firms.append(firm) }
        }
        let day = try #require(date)
        var compared = 0
        for firm in firms {
            for tier in Tier.allCases {
                let full = try #require(ladder.assess(firm, asOf: day, tiers: [tier])[tier])
                let probe = try #require(probing.probe(firm, asOf: day, tier: tier))
                let conditions = full.criteria.filter { ($0.criterion.kind == .gate || $0.criterion.kind == .prerequisite) && $0.verdict == .fail }.count
                let pass = full.criteria.filter { $0.criterion.kind == .pass && $0.verdict == .fail }.count
                #expect(probe.verdict == full.verdict && probe.failingConditions == conditions && probe.failingPass == pass
                        && probe.score == full.score, "\(firm.id) \(tier)")
                compared += 1
            }
        }
        #expect(compared == firms.count * 3 && firms.count > 1000)
    }

    @Test("one rung assessed alone (the rungs below only when read, for their verdicts) is the rung of a full assessment, criterion by criterion, on every SampleData firm")
    func singleRungMatchesAssessment() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let ladder = try Ladder.load(directory: root + "/Rules")
        let single = ladder.copy()
        var firms: [Enterprise] = []
        var date: Day?
        _ = try RegistryImporter().importFile(root + "/SampleData/registry-2025.xml", onHeader: { date = $0.exportedAt }) {
            if case .enterprise(let firm) = $0 { firms.append(firm) }
        }
        let day = try #require(date)
        func text(_ rung: TierAssessment) -> String {
            let criteria = rung.criteria.map {
                "\($0.id) \($0.verdict) \(String(describing: $0.value)) \(String(describing: $0.threshold)) \(String(describing: $0.points)) \(String(describing: $0.band)) \($0.missing)"
            }
            return "\(rung.tier) \(rung.verdict) \(String(describing: rung.score)) \(String(describing: rung.route)) \(rung.dataYear) \(rung.missing) \(rung.flags) \(criteria)"
        }
        var leadingQualified = 0
        for firm in firms {
            for tier in Tier.allCases {
                let full = try #require(ladder.assess(firm, asOf: day, tiers: [tier])[tier])
                let alone = try #require(single.assess(firm, asOf: day, tier: tier))
                #expect(text(alone) == text(full), "\(firm.id) \(tier)")
                if tier == .leading && full.verdict == .qualified { leadingQualified += 1 }
            }
        }
        // Leading reads high-tech's verdict: some firms qualify only through it.
        #expect(leadingQualified > 0)
    }
}
