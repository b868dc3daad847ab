import LadderCore
import LadderReports
import LadderRules
import Testing

@Suite("Rule-version comparison")
struct RuleDiffTests {
    /// The shipped ladder with the tech-SME rulebook pinned to one version.
    func pinned(_ version: String) throws -> Ladder {
        let base = try shippedLadder()
        let book = try #require(base.rulebook(for: .techSME))
        let pinned = try #require(book.pinned(to: version))
        return Ladder(rulebooks: base.rulebooks.map { $0 === book ? pinned : $0 })
    }

    @Test("a deemed-tax firm qualifies under 2017 and not under 2022, and the tax gate is named")
    func taxGateFlips() throws {
        let xml = Fixture.sme(id: Fixture.code("370212", 1))
            .replacingOccurrences(of: "<TaxAssessment>actual-profit</TaxAssessment>", with: "<TaxAssessment>deemed</TaxAssessment>")
        let firm = try #require(try importDocument(registry(xml)).firms.first)
        let old = try pinned("2017"), new = try pinned("2022")
        var diff = RuleDiff()
        diff.add(firm, from: old.assess(firm, asOf: asOf2025), to: new.assess(firm, asOf: asOf2025))
        let entry = try #require(diff.entries.first)
        #expect(diff.entries.count == 1)
        #expect(entry.tier == .techSME)
        #expect(entry.fromVerdict == .qualified && entry.toVerdict == .notQualified)
        #expect(entry.fromEligible == .techSME && entry.toEligible == nil)
        #expect(entry.flipped.map(\.id) == ["tax"])
        #expect(entry.flipped.first?.from == nil && entry.flipped.first?.to == .fail)
        #expect(diff.rungChanges == 1)
    }

    @Test("a firm the versions agree on is not listed, and the criteria changes are named")
    func agreeing() throws {
        let firm = try #require(try importDocument(registry(Fixture.sme(id: Fixture.code("370212", 2)))).firms.first)
        var diff = RuleDiff()
        diff.add(firm, from: try pinned("2017").assess(firm, asOf: asOf2025), to: try pinned("2022").assess(firm, asOf: asOf2025))
        #expect(diff.entries.isEmpty)
        let book = try #require(try shippedLadder().rulebook(for: .techSME))
        let a = try #require(book.versions.first { $0.id == "2017" }), b = try #require(book.versions.first { $0.id == "2022" })
        let changes = RuleDiff.criteriaChanges(from: a, to: b)
        #expect(changes.contains { $0.hasPrefix("added Gate tax") })
        #expect(changes.contains { $0.hasPrefix("removed Gate catalogue") })
    }
}
