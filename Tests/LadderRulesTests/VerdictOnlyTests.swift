import Foundation
import LadderCore
import LadderImport
import LadderRules
import Testing

@Suite("Verdict-only assessments (tallies) agree with full ones (audits)")
struct VerdictOnlyTests {
    @Test("same verdicts, scores and eligible rung on every sample firm, without the evidence or (verdicts) without the assessments")
    func agree() throws {
        let ladder = try Ladder.load(directory: rulesDirectory)
        let sample = try #require(ProjectFiles.locate("SampleData/registry-2025.xml"))
        var compared = 0
        _ = try RegistryImporter().importFile(sample) { record in
            guard case .enterprise(let firm) = record else { return }
            let asOf = Day(year: 2025, month: 12, day: 31)!
            let full = ladder.assess(firm, asOf: asOf)
            let lean = ladder.assess(firm, asOf: asOf, evidence: false)
            #expect(lean.eligible == full.eligible)
            #expect(lean.certified == full.certified)
            #expect(lean.rungs.map(\.verdict) == full.rungs.map(\.verdict))
            #expect(lean.rungs.map(\.score) == full.rungs.map(\.score))
            #expect(lean.rungs.allSatisfy { $0.criteria.isEmpty })
            #expect(full.rungs.allSatisfy { !$0.criteria.isEmpty })
            let verdicts = ladder.verdicts(firm, asOf: asOf)
            #expect(verdicts.eligible == full.eligible)
            #expect(verdicts.undetermined == Set(full.rungs.filter { $0.verdict == .undetermined }.map(\.tier)))
            compared += 1
        }
        // Every firm of the sample, however many the generator wrote into it.
        let written = try String(contentsOfFile: sample, encoding: .utf8).components(separatedBy: "<Enterprise ").count - 1
        #expect(compared == written && written > 1_000)
    }
}
