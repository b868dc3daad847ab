import LadderCore
import LadderRules
import Testing

@testable import LadderReports

/// What the search reads to search less: which moves share a gate or prerequisite (a step found for one
/// carries over a step taken with the other, `NearMissSearch.carriesSteps`), and how many points a move
/// can add at most (a bound on its gain once no condition fails).
@Suite("Near-miss shared conditions and headroom")
struct NearMissBoundsTests {
    static func highTech() throws -> (version: RuleVersion, reach: NearMissReach) {
        let version = try #require(try shippedLadder().rulebook(for: .highTech)?.version(on: asOf2025))
        return (version, NearMissReach(version: version, moves: NearMissMove.moves(for: version)))
    }

    @Test("moves share a condition when one gate reads what both write")
    func sharedConditions() throws {
        let (_, reach) = try Self.highTech()
        // R&D intensity reads R&D and sales; the 3-year window reads the registration date.
        #expect(reach.shareConditions(.rdExpense, .revenue))
        #expect(reach.shareConditions(.waitDays, .rdExpense))
        #expect(reach.shareConditions(.techStaff, .techStaff))
        // Tech staff share and high-tech revenue share read different figures; conversions reach no gate.
        #expect(!reach.shareConditions(.techStaff, .highTechRevenue))
        #expect(!reach.shareConditions(.classOneIP, .techStaff))
        #expect(!reach.shareConditions(.conversions, .rdExpense))
    }

    @Test("a move's boundaries stand after any step that changes nothing its solve reads, on every rung")
    func boundariesCarried() throws {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/registry-2025.xml")
        let ladder = try shippedLadder()
        var kept = 0, changedWhereAffected = 0
        for tier in Tier.allCases {
            let version = try #require(ladder.rulebook(for: tier)?.version(on: day))
            let moves = NearMissMove.moves(for: version)
            let reach = NearMissReach(version: version, moves: moves)
            let solvers = moves.compactMap { NearMissSolver(version: version, move: $0, reach: reach) }
            for firm in firms.prefix(40) {
                guard let dataYear = ladder.assess(firm, asOf: day, tier: tier)?.dataYear else { continue }
                for taken in NearMissMove.allCases where !taken.isSwitch {
                    let amount: Int64 = taken.isMoney ? 1_000_000 : (taken == .waitDays ? 400 : 3)
                    guard let changed = taken.applied(amount, to: firm, dataYear: dataYear) else { continue }
                    for solver in solvers {
                        let before = solver.boundaries(firm, dataYear: dataYear, asOf: day)
                        let after = solver.boundaries(changed, dataYear: dataYear, asOf: day)
                        if solver.unaffected(by: taken) {
                            #expect(after == before, "\(tier) \(solver.move) after \(taken) on \(firm.id)")
                            kept += 1
                        } else if after != before {
                            changedWhereAffected += 1
                        }
                    }
                }
            }
        }
        #expect(kept > 500)
        // The comparison can tell: where a step does change what a solve reads, boundaries move.
        #expect(changedWhereAffected > 50)
    }

    @Test("a step's turned criteria by position are those a set of failing ids gives")
    func turnedByPosition() throws {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/registry-2025.xml")
        let ladder = try shippedLadder()
        var turned = 0
        for firm in firms.prefix(120) {
            for tier in Tier.allCases {
                guard let before = ladder.assess(firm, asOf: day, tier: tier) else { continue }
                for move in [NearMissMove.rdExpense, .techStaff, .highTechRevenue, .conversions, .classOneIP] {
                    guard let changed = move.applied(move.isMoney ? 5_000_000 : 20, to: firm, dataYear: before.dataYear),
                        let after = ladder.assess(changed, asOf: day, tier: tier)
                    else { continue }
                    let failed = Set(before.criteria.filter { $0.verdict == .fail }.map(\.id))
                    let bySet = after.criteria.filter { $0.verdict == .pass && failed.contains($0.id) }.map(\.id)
                    #expect(NearMissSearch.turned(from: before, to: after) == bySet)
                    if !bySet.isEmpty { turned += 1 }
                }
            }
        }
        #expect(turned > 50)
    }

    @Test("a move's index is its place among all moves (the search's memo keys decode by it)")
    func moveIndex() {
        for (place, move) in NearMissMove.allCases.enumerated() { #expect(move.index == place) }
    }

    @Test("no amount of a move adds more points than its headroom")
    func headroomBoundsGains() throws {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/registry-2025.xml")
        let ladder = try shippedLadder()
        let version = try #require(ladder.rulebook(for: .highTech)?.version(on: day))
        let reach = NearMissReach(version: version, moves: NearMissMove.moves(for: version))
        var checked = 0, gained = 0
        for firm in firms.prefix(150) {
            guard let rung = ladder.assess(firm, asOf: day, tier: .highTech), rung.version === version,
                let before = rung.score?.lo
            else { continue }
            let picture = reach.picture(of: rung)
            for move in [NearMissMove.conversions, .revenue, .classOneIP, .techStaff] {
                let headroom = try #require(reach.headroom(move, picture))
                // The transfer score alone can rise by 30 − its points for conversions.
                if move == .conversions, let points = rung.criteria.first(where: { $0.id == "conversion" })?.points {
                    #expect(headroom >= 30 - points.lo)
                }
                for amount: Int64 in [1, 3, 10, 1_000, 100_000_000] {
                    guard let changed = move.applied(amount, to: firm, dataYear: rung.dataYear),
                        let after = ladder.assess(changed, asOf: day, tier: .highTech)?.score?.lo
                    else { continue }
                    #expect(after - before <= headroom + 1e-9, "\(firm.id) \(move) \(amount)")
                    checked += 1
                    if after > before { gained += 1 }
                }
            }
        }
        #expect(checked > 500)
        #expect(gained > 20)
    }
}
