import LadderCore
import LadderImport
import LadderReports
import Testing

@Suite("The firms behind the report's figures and the ladder movement")
struct RosterTests {
    @Test("each district lists exactly the firms its pipeline and audit-risk figures count")
    func listsAgreeWithTally() throws {
        var tally = Tally(asOf: GoldenRegistry.asOf, by: .district, eligibilityComputed: true)
        var roster = LadderRoster()
        _ = try RegistryImporter().importDocument(GoldenRegistry.document, name: "golden.xml") { record in
            tally.add(record, eligibility: GoldenRegistry.eligibility(of:))
            if case .enterprise(let firm) = record {
                roster.add(firm, eligibility: GoldenRegistry.eligibility(of: firm), on: GoldenRegistry.asOf)
            }
        }
        let day = GoldenRegistry.asOf
        for key in tally.orderedKeys {
            #expect((roster.pipeline[day]?[key] ?? []).count == tally.group(key).pipeline.total, "\(key)")
            #expect((roster.auditRisk[day]?[key] ?? []).count == tally.group(key).auditRisk.total, "\(key)")
        }
        #expect(tally.total.pipeline.total == 3 && tally.total.auditRisk.total == 2, "the golden figures are not all zero")
        // 崂山区: F01 (tech SME → high-tech), F03 and F08 (uncertified) in the pipeline; F02 at risk.
        let laoshan = LadderRoster.ordered(roster.pipeline[day]?["370212"] ?? [], byEligible: true)
        #expect(laoshan.first?.eligible == .highTech && laoshan.first?.certified == nil, "higher rung, uncertified first")
        #expect(laoshan.last?.eligible == .techSME)
    }

    @Test("movement counts firms that entered, moved up or down, lapsed and left each rung")
    func movement() throws {
        let before: [String: LadderRoster.Standing] = [
            "a": .on(.techSME), "b": .on(.highTech), "c": .on(.highTech), "d": .on(.techSME), "e": .on(.techSME),
            "f": .off, "g": .on(.leading),
        ]
        let after: [String: LadderRoster.Standing] = [
            "a": .on(.highTech), "b": .on(.techSME), "c": .on(.highTech), "d": .off, "e": .deregistered,
            "f": .on(.techSME), "h": .on(.techSME),
        ]
        let move = LadderMovement(from: try #require(Day("2024-12-31")), before: before,
                                  to: try #require(Day("2025-12-31")), after: after)
        let sme = try #require(move.rows.first { $0.tier == .techSME })
        let high = try #require(move.rows.first { $0.tier == .highTech })
        let leading = try #require(move.rows.first { $0.tier == .leading })
        #expect(sme.before == 3 && sme.after == 3)
        #expect(sme.entered == 2, "f from off the ladder, h new")
        #expect(sme.movedDown == 1 && sme.lapsed == 1 && sme.left == 1)
        #expect(high.before == 2 && high.after == 2 && high.movedUp == 1)
        #expect(leading.before == 1 && leading.left == 1, "g no longer exported")
        #expect(move.flows[LadderMovement.Key(before: .highTech, after: .highTech)] == 1)
        #expect(move.flows.values.reduce(0, +) == 8)
    }
}
