import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import Testing

/// The `techladder` binary of this build, beside the test bundle (never another build's, which may be stale).
let techladderBinary: String? = {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    return [besideTests + "/techladder"].first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs the binary and returns one of its streams (the other is discarded) and its exit status.
func runCapturing(_ arguments: [String], standardError: Bool = false) throws -> (text: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(techladderBinary))
    process.arguments = arguments
    let captured = Pipe()
    process.standardOutput = standardError ? FileHandle.nullDevice : captured
    process.standardError = standardError ? captured : FileHandle.nullDevice
    try process.run()
    let data = captured.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
}

/// Runs the binary and returns its standard error.
func runTechladder(_ arguments: [String]) throws -> String { try runCapturing(arguments, standardError: true).text }

/// The kinds the generator plants (`PlantedProblem` in LadderGenerate), as data-quality kinds.
let plantedKinds: Set<DataQualityKind> = [
    .creditCodeCheckDigit, .techStaffExceedsEmployees, .domesticRDExceedsRD, .districtRetired,
    .certificateNumberFormat,
]

/// Data-quality findings for a registry file, as `techladder audit --data-quality` computes them.
func dataQualityFindings(_ path: String) throws -> [DataQualityFinding] {
    var checker = DataQualityChecker()
    let (firms, date, report) = try importFirms(path)
    var findings = firms.flatMap { checker.check($0, asOf: date) }
    for issue in report.warnings {
        if let finding = checker.importIssue(recordID: issue.recordID, element: issue.element, reason: issue.reason,
                                             position: issue.position, rejected: false) {
            findings.append(finding)
        }
    }
    return findings
}

@Suite("Audits of SampleData")
struct SampleDataAuditTests {
    static let sample = repositoryRoot + "/SampleData/registry-2025.xml"

    @Test("every problem the generator plants is reported, and nothing else of those kinds")
    func plantedProblemsAllReported() throws {
        // Regenerate the sample with the command in SampleData/README.md; the generator counts what it plants.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(getpid()).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let summary = try runTechladder([
            "generate", "--calibration", "qingdao-2025", "--scale", "0.05", "--seed", "2025", "--year", "2025", "--output", path,
        ])
        let words = summary.split(separator: " ")
        let index = try #require(words.firstIndex { $0 == "planted" })
        let planted = try #require(Int(words[index - 1]))
        let findings = try dataQualityFindings(path).filter { plantedKinds.contains($0.kind) }
        #expect(findings.count == planted, "generator planted \(planted): \(summary)")
        for kind in plantedKinds { #expect(findings.contains { $0.kind == kind }, "\(kind) found") }
        #expect(findings.allSatisfy { $0.position != nil })
        // SampleData holds exactly this generation.
        #expect(try dataQualityFindings(Self.sample).filter { plantedKinds.contains($0.kind) }.count == planted)
    }

    @Test("the near-miss list is ordered by the distance it prints")
    func nearMissOrdered() throws {
        let ladder = try shippedLadder()
        let (firms, date, _) = try importFirms(Self.sample)
        let search = NearMissSearch(ladder: ladder.copy())
        var report = NearMissReport(within: 0.5)
        // Enough firms for a list worth ordering: the calibrated sample has about 3 near misses per 100 firms.
        for firm in firms.prefix(800) {
            let assessment = ladder.assess(firm, asOf: date)
            report.add(firm, assessment, search.nearMisses(for: firm, assessment: assessment))
        }
        let json = AuditRender.render(report, asOf: date.description, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let listed = try #require(object["firms"] as? [[String: Any]])
        let distances = listed.compactMap { $0["distance"] as? Double }
        #expect(distances.count == listed.count && distances.count > 10)
        #expect(distances == distances.sorted())
        #expect(distances.allSatisfy { $0 <= 0.5 })
        // The text column prints the same order.
        let text = AuditRender.render(report, asOf: date.description, format: .text)
        let printed = text.split(separator: "\n").compactMap { line -> Double? in
            let cells = line.split(separator: " ", omittingEmptySubsequences: true)
            guard cells.count > 2, Int(cells[0]) != nil else { return nil }
            return Double(cells[1])
        }
        #expect(printed.count == distances.count)
        #expect(printed == printed.sorted())
    }
}
