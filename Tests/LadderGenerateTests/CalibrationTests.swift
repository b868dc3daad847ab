import LadderCore
import LadderReports
import LadderRules
import Testing

@testable import LadderGenerate

/// The tally of a generated export, as `techladder tally` computes it.
func tally(of text: String, asOf: Day, ladder: Ladder, by grouping: Grouping = .district) throws -> Tally {
    let ladder = ladder.copy()  // one Ladder per thread: tests run in parallel
    var tally = Tally(asOf: asOf, by: grouping)
    for record in try records(of: text) {
        tally.add(record) { Eligibility(ladder.verdicts($0, asOf: asOf)) }
    }
    return tally
}

@Suite("Calibration")
struct CalibrationTests {
    /// A twentieth of the city, drawn once for the tests below.
    static let twentieth = try? Shipped.generator(scale: 0.05, seed: 1)
    static let twentiethText = twentieth.map(text(of:))

    @Test("at a twentieth of the city the tally reproduces a twentieth of the published counts within 5%")
    func twentieth() throws {
        let generator = try #require(Self.twentieth)
        let ladder = try #require(Shipped.ladder)
        let tally = try tally(of: try #require(Self.twentiethText), asOf: generator.exportedAt, ladder: ladder)
        let total = tally.total
        let highTech = Double(total.certified.highTech + total.certified.leading)
        let sme = Double(total.certified.techSME)
        #expect(abs(highTech / (8_683 * 0.05) - 1) <= 0.05, "HNTE \(highTech)")
        #expect(abs(sme / (9_776 * 0.05) - 1) <= 0.05, "tech SMEs \(sme)")
        // Audit risk 3–10% of certified firms whose data decides; ≥ 85% of decided HNTE qualify.
        let decided = Double(total.certified.total - total.undeterminedCertified)
        let risk = Double(total.auditRisk.total) / decided
        #expect(risk >= 0.03 && risk <= 0.10, "audit risk \(risk)")
        let hnteQualify = 1 - Double(total.auditRisk.highTech) / Double(total.certified.highTech)
        #expect(hnteQualify >= 0.85, "HNTE qualify \(hnteQualify)")
        let brokers = Double(tally.brokers.counted)
        #expect(abs(brokers / (2_480 * 0.05) - 1) <= 0.02)
    }

    @Test("about 45% of HNTE firms are in advanced manufacturing")
    func advancedManufacturing() throws {
        let generator = try #require(Self.twentieth)
        let tally = try tally(of: try #require(Self.twentiethText), asOf: generator.exportedAt,
                              ladder: try #require(Shipped.ladder), by: .domain)
        let all = Double(tally.total.certified.highTech + tally.total.certified.leading)
        let advanced = tally.group("advanced-manufacturing")
        let share = Double(advanced.certified.highTech + advanced.certified.leading) / all
        #expect(share > 0.40 && share < 0.50, "share \(share)")
    }

    @Test("entry rates are solved from the published counts and fit the registry")
    func plan() throws {
        let rates = try Plan(try #require(Shipped.calibration))
        let highTech = rates.highTechEntry.reduce(0) { $0 + $1.chance }
        let sme = rates.smeEntry.reduce(0) { $0 + $1.chance }
        #expect(highTech > 0.2 && sme > 0.2 && highTech + sme + rates.candidates <= 1)
        // 2023 jumped from 5,554 to 7,920: that year has the most HNTE entrants.
        let peak = try #require(rates.highTechEntry.max { $0.chance < $1.chance })
        #expect(peak.year == 2023)
    }

    @Test("a calibration file is checked: status, sources and required figures, errors with line and column")
    func loaderErrors() throws {
        let head = "<Calibration xmlns=\"urn:techladder:calibration:1\" id=\"t\" year=\"2025\">\n"
        #expect(throws: CalibrationError.self) {
            try Calibration.parse(head + "  <Figure id=\"x\" value=\"1\" status=\"guessed\"/>\n</Calibration>", name: "t.xml")
        }
        do {
            _ = try Calibration.parse(head + "  <Figure id=\"x\" value=\"1\" status=\"published\"/>\n</Calibration>", name: "t.xml")
            Issue.record("a published figure without a source was accepted")
        } catch {
            #expect(error.line == 2 && error.column > 0 && error.message.contains("source"))
        }
        do {
            _ = try Calibration.parse(head + "</Calibration>", name: "t.xml")
            Issue.record("an empty calibration was accepted")
        } catch {
            #expect(error.message.contains("registry.firms"))
        }
    }
}
