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

    @Test("a move's boundaries stand after a step that changes nothing its solve reads")
    func boundariesCarried() throws {
        let (version, reach) = try Self.highTech()
        let conversions = try #require(NearMissSolver(version: version, move: .conversions, reach: reach))
        // Staff and IP are not read where conversions count; sales are (the R&D band reads them), and
        // waiting moves every multi-year window.
        #expect(conversions.unaffected(by: .techStaff))
        #expect(conversions.unaffected(by: .classOneIP))
        #expect(!conversions.unaffected(by: .revenue))
        #expect(!conversions.unaffected(by: .conversions))
        #expect(!conversions.unaffected(by: .waitDays))
        let staff = try #require(NearMissSolver(version: version, move: .techStaff, reach: reach))
        #expect(!staff.unaffected(by: .techStaff))
        #expect(staff.unaffected(by: .conversions))
        // The same boundaries, solved on the firm before and after a step that leaves them standing.
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/registry-2025.xml")
        var compared = 0
        for firm in firms.prefix(200) {
            guard let before = conversions.boundaries(firm, dataYear: 2024, asOf: day),
                let changed = NearMissMove.techStaff.applied(3, to: firm, dataYear: 2024)
            else { continue }
            #expect(conversions.boundaries(changed, dataYear: 2024, asOf: day) == before)
            compared += 1
        }
        #expect(compared > 20)
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
