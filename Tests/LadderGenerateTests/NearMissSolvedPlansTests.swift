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

    /// The near misses of `firms` generated firms by the search as shipped and by one with `changed` applied.
    static func compare(firms count: Int, seed: UInt64, _ changed: (inout NearMissSearch) -> Void) throws
        -> (shipped: [NearMiss], changed: [NearMiss], firms: Int)
    {
        let text = text(of: try Shipped.generator(firms: count, seed: seed, year: 2025))
        var firms: [Enterprise] = []
        var day: Day?
        _ = try RegistryImporter().importDocument(text, name: "generated.xml", onHeader: { day = $0.exportedAt }) {
            if case .enterprise(let firm) = $0 { firms.append(firm) }
        }
        let asOf = try #require(day)
        let ladder = try #require(Shipped.ladder)
        let shipped = NearMissSearch(ladder: ladder.copy())
        var other = NearMissSearch(ladder: ladder.copy())
        changed(&other)
        var a: [NearMiss] = [], b: [NearMiss] = []
        for firm in firms {
            let assessment = ladder.assess(firm, asOf: asOf)
            a += shipped.nearMisses(for: firm, assessment: assessment)
            b += other.nearMisses(for: firm, assessment: assessment)
        }
        return (a, b, firms.count)
    }

    @Test("plans, amounts and steps are identical with and without solving, re-using, bounding, sharing and carrying", arguments: [UInt64(1), 7])
    func sameAsProbing(seed: UInt64) throws {
        let (solving, probing, firms) = try Self.compare(firms: 250, seed: seed) { probing in
            probing.solvesAmounts = false
            probing.reusesResults = false
            probing.boundsDistances = false
            probing.sharesRuns = false
            probing.carriesSteps = false
        }
        #expect(firms == 250)
        #expect(probing.contains { $0.outcome == .reachable && !$0.steps.isEmpty })
        #expect(Self.lines(solving) == Self.lines(probing))
    }

    @Test("each shortcut alone leaves the plans as they are", arguments: ["carriesSteps", "boundsDistances", "sharesRuns"])
    func eachShortcutAlone(_ shortcut: String) throws {
        let (all, without, _) = try Self.compare(firms: 200, seed: 3) { search in
            switch shortcut {
            case "carriesSteps": search.carriesSteps = false
            case "boundsDistances": search.boundsDistances = false
            default: search.sharesRuns = false
            }
        }
        #expect(without.contains { $0.outcome == .reachable && $0.steps.count > 1 })
        #expect(without.contains { $0.outcome == .undetermined && !$0.steps.isEmpty })
        #expect(Self.lines(all) == Self.lines(without))
    }
}
