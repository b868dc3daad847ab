import LadderCore
import LadderImport
import LadderReports
import LadderRules
import Testing

@testable import LadderGenerate

/// On generated registries, the near-miss search with amounts solved from the rules
/// (`NearMissSearch.solvesAmounts`) and probes that keep unchanged steps' results
/// (`NearMissSearch.reusesResults`), searching moves by their bounds (`boundsDistances`), sharing the
/// greedy runs (`sharesRuns`) and carrying steps between a run's steps (`carriesSteps`) finds exactly the
/// plans of probing every amount of every move on changed copies, both runs in full, every step anew.
@Suite("Near-miss solved amounts on generated firms")
struct NearMissSolvedPlansTests {
    /// One line per near miss: every part a report shows.
    static func lines(_ entries: [NearMiss]) -> [String] {
        entries.map { entry in
            let steps = entry.steps.map { "\($0.move.rawValue) \($0.amount) \($0.year ?? 0) \($0.criteria) \($0.text) \($0.distance)" }
            return "\(entry.firmID) \(entry.tier) \(entry.outcome) \(entry.score.map { "\($0.lo)-\($0.hi)" } ?? "-") \(steps) \(entry.reasons) \(entry.reasonsZh)"
        }
    }

    @Test("plans, amounts and steps are identical with and without solving, re-using, bounding, sharing and carrying", arguments: [UInt64(1), 7])
    func sameAsProbing(seed: UInt64) throws {
        let text = text(of: try Shipped.generator(firms: 250, seed: seed, year: 2025))
        var firms: [Enterprise] = []
        var day: Day?
        _ = try RegistryImporter().importDocument(text, name: "generated.xml", onHeader: { day = $0.exportedAt }) {
            if case .enterprise(let firm) = $0 { firms.append(firm) }
        }
        let asOf = try #require(day)
        let ladder = try #require(Shipped.ladder)
        let solving = NearMissSearch(ladder: ladder.copy())
        var probing = NearMissSearch(ladder: ladder.copy())
        probing.solvesAmounts = false
        probing.reusesResults = false
        probing.boundsDistances = false
        probing.sharesRuns = false
        probing.carriesSteps = false
        var a: [NearMiss] = [], b: [NearMiss] = []
        for firm in firms {
            let assessment = ladder.assess(firm, asOf: asOf)
            a += solving.nearMisses(for: firm, assessment: assessment)
            b += probing.nearMisses(for: firm, assessment: assessment)
        }
        #expect(firms.count == 250)
        #expect(b.contains { $0.outcome == .reachable && !$0.steps.isEmpty })
        #expect(Self.lines(a) == Self.lines(b))
    }

    @Test("each shortcut alone leaves the plans as they are", arguments: ["carriesSteps", "boundsDistances", "sharesRuns"])
    func eachShortcutAlone(_ shortcut: String) throws {
        let text = text(of: try Shipped.generator(firms: 200, seed: 3, year: 2025))
        var firms: [Enterprise] = []
        var day: Day?
        _ = try RegistryImporter().importDocument(text, name: "generated.xml", onHeader: { day = $0.exportedAt }) {
            if case .enterprise(let firm) = $0 { firms.append(firm) }
        }
        let asOf = try #require(day)
        let ladder = try #require(Shipped.ladder)
        let all = NearMissSearch(ladder: ladder.copy())
        var without = NearMissSearch(ladder: ladder.copy())
        switch shortcut {
        case "carriesSteps": without.carriesSteps = false
        case "boundsDistances": without.boundsDistances = false
        default: without.sharesRuns = false
        }
        var a: [NearMiss] = [], b: [NearMiss] = []
        for firm in firms {
            let assessment = ladder.assess(firm, asOf: asOf)
            a += all.nearMisses(for: firm, assessment: assessment)
            b += without.nearMisses(for: firm, assessment: assessment)
        }
        #expect(b.contains { $0.outcome == .reachable && $0.steps.count > 1 })
        #expect(b.contains { $0.outcome == .undetermined && !$0.steps.isEmpty })
        #expect(Self.lines(a) == Self.lines(b))
    }
}
