import LadderCore
import LadderImport
import LadderReports
import LadderRules
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

@Suite("The report's firm lists ordered by how close each firm is")
struct ClosenessOrderTests {
    /// A tech SME scoring 90 (pass mark 60: +50%) with `staff` employees, 38% of them technical, so the
    /// size limit of 500 staff leaves (500 − staff) / 500 of headroom; sales 5,800万 and assets 9,000万
    /// leave 71% and 55% under their 2亿 limits.
    static func sme(_ serial: Int, staff: Int, certificate: String = "") -> String {
        let tech = staff * 38 / 100
        let finance = Fixture.smeFinance.replacingOccurrences(of: "<Employees>120</Employees><TechStaff>46</TechStaff>",
                                                              with: "<Employees>\(staff)</Employees><TechStaff>\(tech)</TechStaff>")
        return Fixture.sme(id: Fixture.code("370212", serial), name: "企业\(serial)", finance: finance, extra: certificate)
    }

    static func roster(_ enterprises: [String]) throws -> (LadderRoster, [LadderRoster.Firm], [LadderRoster.Firm]) {
        let ladder = try shippedLadder()
        var roster = LadderRoster()
        for firm in try importDocument(registry(enterprises.joined(separator: "\n"))).firms {
            roster.add(firm, eligibility: Eligibility(ladder.verdicts(firm, asOf: asOf2025)), on: asOf2025, ladder: ladder)
        }
        let pipeline = LadderRoster.ordered(roster.pipeline[asOf2025]?["370212"] ?? [], byEligible: true)
        let risk = LadderRoster.ordered(roster.auditRisk[asOf2025]?["370212"] ?? [], byEligible: false)
        return (roster, pipeline, risk)
    }

    @Test("pipeline firms come safest first: by the smallest margin over their rung's conditions, largest first")
    func pipelineByHeadroom() throws {
        let (_, pipeline, _) = try Self.roster([Self.sme(1, staff: 480), Self.sme(2, staff: 120), Self.sme(3, staff: 400)])
        #expect(pipeline.map(\.name) == ["企业2", "企业3", "企业1"])
        let headroom = pipeline.map { $0.closeness ?? .nan }
        #expect(abs(headroom[0] - 0.5) < 1e-9, "score 90 over the pass mark 60 is the narrowest: \(headroom)")
        #expect(abs(headroom[1] - 0.2) < 1e-9, "400 staff under the 500 limit: \(headroom)")
        #expect(abs(headroom[2] - 0.04) < 1e-9, "480 staff under the 500 limit: \(headroom)")
        #expect(Closeness.text(pipeline[2].closeness, shortfall: false, language: .zh) == "+4.0%")
    }

    @Test("audit-risk firms come most clearly failing first: by how far their worst condition misses")
    func riskByShortfall() throws {
        let certificate = "<Certification kind=\"tech-sme\" number=\"2025370212A0001234\" issued=\"2025-04-10\"/>"
        let (_, _, risk) = try Self.roster([Self.sme(4, staff: 550, certificate: certificate),
                                            Self.sme(5, staff: 750, certificate: certificate),
                                            Self.sme(6, staff: 600, certificate: certificate)])
        #expect(risk.map(\.name) == ["企业5", "企业6", "企业4"])
        let shortfall = risk.map { $0.closeness ?? .nan }
        #expect(abs(shortfall[0] - 0.5) < 1e-9 && abs(shortfall[1] - 0.2) < 1e-9 && abs(shortfall[2] - 0.1) < 1e-9, "\(shortfall)")
        #expect(Closeness.text(risk[0].closeness, shortfall: true, language: .en) == "−50.0%")
    }

    @Test("the report shows each list's measure in a column, in the order of the lists, and explains it")
    func reportShowsTheMeasure() throws {
        let (roster, _, _) = try Self.roster([Self.sme(1, staff: 480), Self.sme(2, staff: 120), Self.sme(3, staff: 400)])
        let (tally, _) = try GoldenRegistry.tally()
        let targets = try GoldenRegistry.targets()
        var report = HTMLReport(rows: TallyRows(tally, targets: targets),
                                progress: Progress(latest: tally.snapshot, history: [], targets: targets))
        report.roster = roster
        let html = report.render()
        let table = try #require(html.range(of: "data-order=\"headroom\""))
        let rows = html[table.upperBound...]
        let first = try #require(rows.range(of: "企业2")), second = try #require(rows.range(of: "企业3"))
        let third = try #require(rows.range(of: "企业1"))
        #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        #expect(html.contains("<th>余量</th>") && html.contains("<td>+50.0%</td>") && html.contains("<td>+4.0%</td>"))
        #expect(html.contains("余量（符合未认定名单）"), "数据说明 defines the measure")
    }
}
