import Foundation
import LadderCore
import LadderImport
import Testing
import XMLStream

/// Inputs the fuzzers found crashes with (Tests/LadderImportTests/Fixtures/fuzz-crashes): each must now
/// end in a clean reject or a positioned error.
@Suite("Fuzzer findings stay fixed")
struct FuzzCrashTests {
    @Test("a 万元 amount with dozens of decimals is rejected, not an arithmetic overflow")
    func profileMoneyOverflow() throws {
        let url = try #require(Bundle.module.url(forResource: "profile-money-overflow", withExtension: "xml",
                                                 subdirectory: "Fixtures/fuzz-crashes"))
        let profilePath = try #require(ProjectFiles.locate("Profiles/district-bureau.xml"))
        let profile = try Profile.load(file: profilePath)
        do {
            let report = try ProfileImporter(profile: profile).importFile(url.path) { _ in }
            #expect(report.imported + report.rejected == report.records)
        } catch let error as XMLError {
            #expect(error.line > 0)
        }
    }
}
