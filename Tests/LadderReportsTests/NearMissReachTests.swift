import LadderCore
import LadderReports
import LadderRules
import Testing

/// The search skips moves that cannot reach a goal at any amount (`NearMissSearch.skipsUnreachableMoves`);
/// skipping must never change a plan, since the same search probing every move finds the same ones.
@Suite("Near-miss move skipping")
struct NearMissReachTests {
    /// One line per near miss: every part a report shows.
    static func lines(_ entries: [NearMiss]) -> [String] {
        entries.map { entry in
            let steps = entry.steps.map { "\($0.move.rawValue) \($0.amount) \($0.year ?? 0) \($0.criteria) \($0.text) \($0.distance)" }
            return "\(entry.firmID) \(entry.tier) \(entry.outcome) \(steps) \(entry.reasons)"
        }
    }

    static func compare(_ file: String, firms count: Int) throws -> (skipping: [String], probing: [String]) {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/" + file)
        let ladder = try shippedLadder()
        let skipping = NearMissSearch(ladder: ladder.copy())
        var probing = NearMissSearch(ladder: ladder.copy())
        probing.skipsUnreachableMoves = false
        var a: [NearMiss] = [], b: [NearMiss] = []
        for firm in firms.prefix(count) {
            let assessment = ladder.assess(firm, asOf: day)
            a += skipping.nearMisses(for: firm, assessment: assessment)
            b += probing.nearMisses(for: firm, assessment: assessment)
        }
        return (lines(a), lines(b))
    }

    @Test("skipping moves that cannot reach a goal finds the same plans as probing every move",
          arguments: ["registry-2025.xml", "registry-2024.xml"])
    func sameAsProbingEveryMove(file: String) throws {
        let (skipping, probing) = try Self.compare(file, firms: 150)
        #expect(probing.count > 0)
        #expect(probing.contains { $0.contains(" reachable ") })
        // Leading entries short of the proxies no move changes: the search is skipped as stuck, not run.
        #expect(probing.contains { $0.contains(" leading noPlan ") })
        #expect(skipping == probing)
    }
}
