import LadderCore
import LadderRules
import Testing

@testable import LadderReports

/// The near-miss solver works out, from the criteria's expressions, the amounts where a move can
/// change a rung; the search then probes one amount per stretch between them. Plans must be exactly
/// those of probing every amount (`NearMissSearch.solvesAmounts` off).
@Suite("Near-miss amounts solved from the rules")
struct NearMissSolverTests {
    /// A tech SME candidate: 100 staff of whom 12 in technology, sales 5000万, R&D 100万 (2%).
    static func firm(totalCost: String = "<TotalCost>4000</TotalCost>") throws -> Enterprise {
        let xml = registry("""
            <Enterprise id="91370212MA3C4L0X5W"><Name>青岛海纳光电科技有限公司</Name><District code="370212"/>
              <Industry code="I6513"/><RegisteredOn>2016-05-18</RegisteredOn><Resident>true</Resident>
              <TaxAssessment>actual-profit</TaxAssessment>
              <Finance year="2024" unit="wan-yuan"><Employees>100</Employees><TechStaff>12</TechStaff>
                <Revenue>5000</Revenue>\(totalCost)<TotalAssets>9000</TotalAssets><RDExpense>100</RDExpense></Finance>
            </Enterprise>
            """)
        return try #require(try importDocument(xml).firms.first)
    }

    static func techSME() throws -> RuleVersion {
        try #require(try shippedLadder().rulebook(for: .techSME)?.version(on: asOf2025))
    }

    static func solver(_ move: NearMissMove, _ version: RuleVersion) throws -> NearMissSolver {
        let reach = NearMissReach(version: version, moves: NearMissMove.moves(for: version))
        return try #require(NearMissSolver(version: version, move: move, reach: reach))
    }

    @Test("a share crosses its threshold where the amount makes up the difference")
    func workedCrossings() {
        // (R&D + a) / sales ≥ 3%: 1,000,000 yuan of R&D on 50,000,000 of sales needs 500,000 more.
        let share = AmountForm(1_000_000, slope: 1) / .constant(50_000_000)
        let rdRoots = share.map { AmountForm.crossings($0, .constant(0.03)) } ?? []
        #expect(rdRoots.count == 1 && abs(rdRoots[0] - 500_000) < 1e-6)
        // (tech staff + a) / (staff + a) ≥ 15% with 12 of 100: a = 3 / 0.85, and the base's zero at a = −100.
        let staffShare = AmountForm(12, slope: 1) / AmountForm(100, slope: 1)
        let roots = staffShare.map { AmountForm.crossings($0, .constant(0.15)) } ?? []
        #expect(roots.contains { abs($0 - 3 / 0.85) < 1e-9 })
        #expect(roots.contains(-100))
        // staff + a ≤ 500 with 450 on the books: 50 more reach the limit.
        #expect(AmountForm.crossings(AmountForm(450, slope: 1), .constant(500)) == [50])
        // Two constants never cross.
        #expect(AmountForm.crossings(.constant(1), .constant(2)).isEmpty)
    }

    @Test("hiring's boundaries are the staff-score bands and the 500-staff limit")
    func hiringBoundaries() throws {
        let version = try Self.techSME()
        let boundaries = try #require(try Self.solver(.techStaff, version).boundaries(try Self.firm(), dataYear: 2024,
                                                                                      asOf: asOf2025))
        // 15%: (12 + a) / (100 + a) at a = 3.53 → 4; 20% → 10; 25% → 17.3 → 18; 30% → 25.7 → 26; 500 staff at 400.
        for amount: Int64 in [4, 10, 18, 26, 400] { #expect(boundaries.contains(amount)) }
        #expect(boundaries == boundaries.sorted())
        #expect(boundaries.allSatisfy { $0 >= 1 })
    }

    @Test("the rung's probe is the same within a stretch and changes only at a boundary")
    func probeIsConstantWithinStretches() throws {
        let version = try Self.techSME()
        let firm = try Self.firm()
        let ladder = try shippedLadder()
        let boundaries = try #require(try Self.solver(.techStaff, version).boundaries(firm, dataYear: 2024, asOf: asOf2025))
        func probe(_ amount: Int64) throws -> RungProbe? {
            ladder.probe(try #require(NearMissMove.techStaff.applied(amount, to: firm, dataYear: 2024)), asOf: asOf2025,
                         tier: .techSME)
        }
        var changes = 0
        for amount: Int64 in 2...450 where try probe(amount) != probe(amount - 1) {
            changes += 1
            #expect(boundaries.contains(amount), "the probe changes at \(amount), not a boundary")
        }
        #expect(changes >= 4)  // four staff bands and the staff limit
    }

    @Test("an unrecorded figure the move's criteria read leaves the move to probing")
    func unrecordedFigureIsNotSolved() throws {
        let version = try Self.techSME()
        let firm = try Self.firm(totalCost: "")
        // R&D / total costs with the costs unrecorded is a range, not a figure.
        #expect(try Self.solver(.rdExpense, version).boundaries(firm, dataYear: 2024, asOf: asOf2025) == nil)
        #expect(try Self.solver(.techStaff, version).boundaries(firm, dataYear: 2024, asOf: asOf2025) != nil)
    }

    @Test("yes/no moves are probed; waiting is solved at each earlier year's start")
    func switchesProbedWaitingSolved() throws {
        let version = try Self.techSME()
        let reach = NearMissReach(version: version, moves: NearMissMove.moves(for: version))
        #expect(NearMissSolver(version: version, move: .actualProfitTax, reach: reach) == nil)
        #expect(NearMissSolver(version: version, move: .highTechCertificate, reach: reach) == nil)
        // Registered 2016-05-18: 139 days back it was registered in 2015, and 2015 joins its windows.
        let boundaries = try #require(try Self.solver(.waitDays, version).boundaries(try Self.firm(), dataYear: 2024,
                                                                                     asOf: asOf2025))
        #expect(boundaries.contains(139))
        #expect(boundaries.contains(139 + 365))
    }

    @Test("leading's amounts are solved through high-tech's boundaries, and its probe changes only at a boundary")
    func leadingSolvedThroughHighTech() throws {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/registry-2025.xml")
        let ladder = try shippedLadder()
        let leading = try #require(ladder.rulebook(for: .leading)?.version(on: day))
        let highTech = try #require(ladder.rulebook(for: .highTech)?.version(on: day))
        let lower = try #require(NearMissSolver(version: highTech, move: .rdExpense,
                                                reach: NearMissReach(version: highTech, moves: NearMissMove.allCases)))
        let solver = try Self.solver(.rdExpense, leading)
        var solved = 0, checked = 0
        for firm in firms.prefix(400) {
            let dataYear = leading.dataYear(of: firm, asOf: day)
            guard firm.finance(in: dataYear)?.revenue != nil else { continue }
            // Without high-tech's boundaries leading cannot be solved: it reads high-tech's verdict.
            #expect(solver.boundaries(firm, dataYear: dataYear, asOf: day) == nil)
            guard let boundaries = solver.boundaries(firm, dataYear: dataYear, asOf: day, lower: { tier in
                tier == .highTech ? lower.boundaries(firm, dataYear: dataYear, asOf: day) : nil
            }) else { continue }
            solved += 1
            if let theirs = lower.boundaries(firm, dataYear: dataYear, asOf: day) {
                #expect(Set(theirs).isSubset(of: Set(boundaries)))
            }
            guard checked < 12 else { continue }
            checked += 1
            // Amounts around every boundary and between them: the probe changes only at a boundary.
            let amounts = Set(boundaries.flatMap { [$0 - 1, $0, $0 + 1] } + [1, 1_000, 100_000, 10_000_000]).filter { $0 >= 1 }.sorted()
            var previous: (Int64, RungProbe?)?
            for amount in amounts {
                let probe = NearMissMove.rdExpense.applied(amount, to: firm, dataYear: dataYear)
                    .flatMap { ladder.probe($0, asOf: day, tier: .leading) }
                if let (before, was) = previous, was != probe {
                    #expect(NearMissSearch.stretch(of: before, in: boundaries) != NearMissSearch.stretch(of: amount, in: boundaries),
                            "\(firm.id): the leading probe changes between \(before) and \(amount) within one stretch")
                }
                previous = (amount, probe)
            }
        }
        #expect(solved > 0 && checked > 0)
    }

    @Test("solved amounts give the same plans as probing every amount",
          arguments: ["registry-2025.xml", "registry-2024.xml"])
    func sameAsProbing(file: String) throws {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/" + file)
        let ladder = try shippedLadder()
        let solving = NearMissSearch(ladder: ladder.copy())
        var probing = NearMissSearch(ladder: ladder.copy())
        probing.solvesAmounts = false
        var a: [NearMiss] = [], b: [NearMiss] = []
        for firm in firms.prefix(200) {
            let assessment = ladder.assess(firm, asOf: day)
            a += solving.nearMisses(for: firm, assessment: assessment)
            b += probing.nearMisses(for: firm, assessment: assessment)
        }
        let (solved, probed) = (NearMissReachTests.lines(a), NearMissReachTests.lines(b))
        #expect(probed.contains { $0.contains(" reachable ") })
        #expect(solved == probed)
    }

    @Test("boundaries are exactly those of the reference walk, for every rung, move and SampleData firm",
          arguments: ["registry-2023.xml", "registry-2024.xml", "registry-2025.xml", "shapes.xml"])
    func sameAsReference(file: String) throws {
        let (firms, day, _) = try importFirms(repositoryRoot + "/SampleData/" + file)
        let ladder = try shippedLadder()
        var solvers: [String: (NearMissSolver?, ReferenceSolver?)] = [:]
        // The solvers of a move under a rung's version in force on `asOf`, made as the search makes them.
        func pair(_ tier: Tier, _ move: NearMissMove, _ asOf: Day) -> (RuleVersion, NearMissSolver?, ReferenceSolver?)? {
            guard let version = ladder.rulebook(for: tier)?.version(on: asOf) else { return nil }
            let key = "\(ObjectIdentifier(version).hashValue) \(move)"
            if let known = solvers[key] { return (version, known.0, known.1) }
            let named = NearMissMove.moves(for: version)
            let reach = NearMissReach(version: version, moves: named.contains(move) ? named : [move])
            let made = (NearMissSolver(version: version, move: move, reach: reach),
                        ReferenceSolver(version: version, move: move, reach: reach))
            solvers[key] = made
            return (version, made.0, made.1)
        }
        // A rung read through `eligible(…)`: its own boundaries when it reads the same data year.
        func lower(_ tier: Tier, _ move: NearMissMove, _ firm: Enterprise, _ dataYear: Int, _ asOf: Day,
                   reference: Bool) -> [Int64]? {
            guard let (version, solver, referenceSolver) = pair(tier, move, asOf),
                version.dataYear(of: firm, asOf: asOf) == dataYear
            else { return nil }
            let below = { (next: Tier) in lower(next, move, firm, dataYear, asOf, reference: reference) }
            return reference ? referenceSolver?.boundaries(firm, dataYear: dataYear, asOf: asOf, lower: below)
                : solver?.boundaries(firm, dataYear: dataYear, asOf: asOf, lower: below)
        }
        var solved = 0, compared = 0
        for asOf in [day, Day(ordinal: day.ordinal + 400)] {
            for firm in firms {
                for tier in Tier.allCases {
                    for move in NearMissMove.allCases {
                        guard let (version, solver, referenceSolver) = pair(tier, move, asOf) else { continue }
                        #expect((solver == nil) == (referenceSolver == nil))
                        guard let solver, let referenceSolver else { continue }
                        let dataYear = version.dataYear(of: firm, asOf: asOf)
                        let new = solver.boundaries(firm, dataYear: dataYear, asOf: asOf) {
                            lower($0, move, firm, dataYear, asOf, reference: false)
                        }
                        let old = referenceSolver.boundaries(firm, dataYear: dataYear, asOf: asOf) {
                            lower($0, move, firm, dataYear, asOf, reference: true)
                        }
                        compared += 1
                        if new != nil { solved += 1 }
                        #expect(new == old, "\(file) \(firm.id) \(tier) \(move) as of \(asOf)")
                    }
                }
            }
        }
        #expect(solved > compared / 4)
    }
}
