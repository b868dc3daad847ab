import LadderCore
import LadderImport
import LadderReports
import LadderRules
import Testing

/// The repository root, found from this source file.
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/LadderReportsTests/File.swift
    return parts.joined(separator: "/")
}()

/// The shipped ladder, loaded fresh (a ladder is one per thread).
func shippedLadder() throws -> Ladder { try Ladder.load(directory: repositoryRoot + "/Rules") }

/// Every firm of a registry file, with the file's export date and the import report.
func importFirms(_ path: String) throws -> (firms: [Enterprise], exportedAt: Day, report: ImportReport) {
    var firms: [Enterprise] = []
    var date: Day?
    let report = try RegistryImporter().importFile(path, onHeader: { date = $0.exportedAt }) { record in
        if case .enterprise(let firm) = record { firms.append(firm) }
    }
    return (firms, try #require(date), report)
}

/// Firms from a registry document held in memory (named `name` in positions).
func importDocument(_ xml: String, name: String = "fixture.xml") throws -> (firms: [Enterprise], report: ImportReport) {
    var firms: [Enterprise] = []
    let report = try RegistryImporter().importDocument(xml, name: name) { record in
        if case .enterprise(let firm) = record { firms.append(firm) }
    }
    return (firms, report)
}

/// A registry document around enterprise elements, exported on 2025-12-31.
func registry(_ enterprises: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31" region="370200">
    \(enterprises)
    </Registry>
    """
}

let asOf2025 = Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0)
