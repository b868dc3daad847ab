import LadderCore
import LadderRules
import Testing

/// What a change of the registration date can alter, read from the compiled steps: the near-miss search
/// skips waiting where it cannot help (`RuleVersion.criteriaReadingRegistration`).
@Suite("Criteria reading the registration date")
struct RegistrationReadersTests {
    @Test("the high-tech rules' age gate and three-year R&D window read it; the staff and income shares do not")
    func highTechReaders() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let ladder = try Ladder.load(directory: root + "/Rules")
        let day = try #require(Day("2025-06-30"))
        let version = try #require(ladder.rulebook(for: .highTech)?.version(on: day))
        let readers = Set(try #require(version.criteriaReadingRegistration).map(\.id))
        #expect(readers.contains("age"))
        #expect(readers.contains("rd.intensity"))
        #expect(!readers.contains("tech.share"))
        #expect(!readers.contains("hightech.revenue"))
        #expect(!readers.contains("domain"))
        #expect(readers.count < version.criteria.count)
    }
}
