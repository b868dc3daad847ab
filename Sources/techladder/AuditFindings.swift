import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import XMLStream

/// The audit flags that find work: discrepancies, near misses and data quality.
struct AuditFindingOptions: ParsableArguments {
    @Flag(help: "Certified firms failing a condition, lapsed certificates, uncertified firms that qualify.")
    var discrepancies = false

    @Flag(help: "For each firm not on a rung, the smallest change that would put it there.")
    var nearMiss = false

    @Option(help: "With --near-miss: only plans at most this distance (relative change, e.g. 0.25).")
    var within: Double?

    @Flag(help: "Registry errors: check digits, districts, impossible figures, duplicates, certificate numbers.")
    var dataQuality = false

    /// The audit asked for, if any.
    var selected: String? {
        [(discrepancies, "discrepancies"), (nearMiss, "near-miss"), (dataQuality, "data-quality")]
            .first { $0.0 }?.1
    }

    func validate() throws {
        let count = [discrepancies, nearMiss, dataQuality].filter { $0 }.count
        if count > 1 { throw ValidationError("choose one of --discrepancies, --near-miss, --data-quality per run") }
        if within != nil && !nearMiss { throw ValidationError("--within goes with --near-miss") }
        if let within, !(within >= 0) { throw ValidationError("--within must be a distance ≥ 0, not \(within)") }
    }
}

extension Audit {
    /// Runs the audit chosen by the finding flags over every file and prints its report.
    func runFindings() throws {
        let ladder = try DataFolders.ladder(rules)
        let tiers: Set<Tier>? = tier.isEmpty ? nil : Set(tier.compactMap(Tier.init(rawValue:)))
        let wanted = Set(firm)
        let fixedDate = asOf.flatMap { Day($0) }
        var reportDate = fixedDate
        var discrepancyAudit = DiscrepancyAudit()
        var nearMissReport = NearMissReport(within: findings.within)
        var checker = DataQualityChecker()
        var qualityFindings: [DataQualityFinding] = []
        let search = NearMissSearch(ladder: ladder.copy())
        var failed = false
        for file in files {
            var date = fixedDate
            do {
                let report = try RegistryLayout.detect(file: file).importFile(file, onHeader: { header in
                    if date == nil { date = header.exportedAt }
                    if reportDate == nil { reportDate = date }
                }, onRecord: { record in
                    guard case .enterprise(let enterprise) = record else { return }
                    if !wanted.isEmpty && !wanted.contains(enterprise.id) { return }
                    let day = date ?? Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0)
                    switch findings.selected {
                    case "data-quality":
                        qualityFindings += checker.check(enterprise, asOf: day)
                    case "discrepancies":
                        discrepancyAudit.add(enterprise, ladder.assess(enterprise, asOf: day, tiers: tiers))
                    default:
                        let assessment = ladder.assess(enterprise, asOf: day, tiers: tiers)
                        nearMissReport.add(enterprise, assessment, search.nearMisses(for: enterprise, assessment: assessment))
                    }
                })
                if findings.dataQuality {
                    for (issues, rejected) in [(report.rejects, true), (report.warnings, false)] {
                        for issue in issues where wanted.isEmpty || issue.recordID.map(wanted.contains) == true {
                            if let finding = checker.importIssue(recordID: issue.recordID, element: issue.element,
                                                                 reason: issue.reason, position: issue.position,
                                                                 rejected: rejected) {
                                qualityFindings.append(finding)
                            }
                        }
                    }
                }
            } catch let error as XMLError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        let dateText = reportDate?.description ?? "export date"
        let render = AuditRenderFormat(rawValue: format.rawValue) ?? .text
        let output: String = switch findings.selected {
        case "data-quality": AuditRender.render(qualityFindings, checker: checker, asOf: dateText, format: render)
        case "discrepancies": AuditRender.render(discrepancyAudit, asOf: dateText, format: render)
        default: AuditRender.render(nearMissReport, asOf: dateText, format: render)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if failed { throw ExitCode(2) }
    }
}
