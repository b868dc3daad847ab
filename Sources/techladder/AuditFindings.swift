import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules

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
        var failed = false
        var inDistrict: Set<String> = []  // with --district: the district's firms, for their import issues
        for file in files {
            var date = fixedDate
            if findings.nearMiss {
                do {
                    try nearMisses(in: file, ladder: ladder, tiers: tiers, wanted: wanted, asOf: fixedDate) { header in
                        if reportDate == nil { reportDate = fixedDate ?? header.exportedAt }
                    } into: { nearMissReport.add($0.firm, $0.assessment, $0.nearMisses) }
                } catch let error as XMLError {
                    FileHandle.standardError.write(Data("\(error.renderedForTerminal(of: error.file))\n".utf8))
                    failed = true
                }
                continue
            }
            do {
                let report = try RegistryLayout.detect(file: file).importFile(file, onHeader: { header in
                    if date == nil { date = header.exportedAt }
                    if reportDate == nil { reportDate = date }
                }, onRecord: { record in
                    guard case .enterprise(let enterprise) = record else { return }
                    if !wanted.isEmpty && !wanted.contains(enterprise.id) { return }
                    if let scope = districtFilter {
                        guard scope.contains(enterprise.district) else { return }
                        inDistrict.insert(enterprise.id)
                    }
                    let day = date ?? Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0)
                    switch findings.selected {
                    case "data-quality":
                        qualityFindings += checker.check(enterprise, asOf: day)
                    case "discrepancies":
                        discrepancyAudit.add(enterprise, ladder.assess(enterprise, asOf: day, tiers: tiers))
                    default: break
                    }
                })
                if findings.dataQuality {
                    for (issues, rejected) in [(report.rejects, true), (report.warnings, false)] {
                        for issue in issues where wanted.isEmpty || issue.recordID.map(wanted.contains) == true {
                            if districtFilter != nil && issue.recordID.map(inDistrict.contains) != true { continue }
                            if let finding = checker.importIssue(recordID: issue.recordID, element: issue.element,
                                                                 reason: issue.reason, position: issue.position,
                                                                 rejected: rejected) {
                                qualityFindings.append(finding)
                            }
                        }
                    }
                }
            } catch let error as XMLError {
                FileHandle.standardError.write(Data("\(error.renderedForTerminal(of: error.file))\n".utf8))
                failed = true
            }
        }
        if failed {
            if let output = out.output, output != "-" {
                FileHandle.standardError.write(Data("nothing was written to \(output) (an input could not be read)\n".utf8))
            }
            throw ExitCode(ExitStatus.unreadableInput.rawValue)
        }
        try emitFindings(FindingResults(date: reportDate, discrepancies: discrepancyAudit, nearMisses: nearMissReport,
                                        checker: checker, quality: qualityFindings))
    }

    /// Renders what a finding audit found, over files or a snapshot alike, in the chosen format and
    /// language, to standard output or `--output`.
    func emitFindings(_ results: FindingResults) throws {
        let dateText = results.date?.description ?? "export date"
        let language = out.language.resolved
        if format == .xlsx {
            let workbook: Workbook = switch findings.selected {
            case "data-quality": AuditRender.workbook(results.quality, checker: results.checker, asOf: dateText, language: language)
            case "discrepancies": AuditRender.workbook(results.discrepancies, asOf: dateText, language: language)
            default: AuditRender.workbook(results.nearMisses, asOf: dateText, language: language)
            }
            try out.emit(workbook)
            return
        }
        let render = AuditRenderFormat(rawValue: format.rawValue) ?? .text
        let output: String = switch findings.selected {
        case "data-quality":
            AuditRender.render(results.quality, checker: results.checker, asOf: dateText, format: render, language: language)
        case "discrepancies": AuditRender.render(results.discrepancies, asOf: dateText, format: render, language: language)
        default: AuditRender.render(results.nearMisses, asOf: dateText, format: render, language: language)
        }
        try out.emit(output)
    }
}

/// What a finding audit found, over files or a snapshot of the database, ready to render.
struct FindingResults {
    var date: Day?
    var discrepancies = DiscrepancyAudit()
    var nearMisses: NearMissReport
    var checker = DataQualityChecker()
    var quality: [DataQualityFinding] = []
}

extension Audit {
    /// The near-miss search over one file: the searches (thousands of assessments per firm) run on both
    /// threads, the parsing thread taking batches over while this one is busy; results come back in
    /// file order.
    func nearMisses(
        in file: String, ladder: Ladder, tiers: Set<Tier>?, wanted: Set<String>, asOf fixedDate: Day?,
        onHeader: (RegistryHeader) -> Void, into add: (NearMissFirm) -> Void
    ) throws {
        let workers = [NearMissWorker(ladder: ladder.copy()), NearMissWorker(ladder: ladder.copy())]
        let scope = districtFilter
        _ = try RegistryLayout.detect(file: file).importFilePipelined(file, onHeader: onHeader, prepare: { header, records, worker in
            let day = fixedDate ?? header.exportedAt
            var found: [NearMissFirm] = []
            for record in records {
                guard case .enterprise(let firm) = record, wanted.isEmpty || wanted.contains(firm.id) else { continue }
                if let scope, !scope.contains(firm.district) { continue }
                found.append(workers[worker].search(firm, asOf: day, tiers: tiers))
            }
            return found
        }, emit: { found in found.forEach(add) })
    }
}

/// One firm's near-miss result, made on a worker thread.
struct NearMissFirm {
    var firm: Enterprise
    var assessment: FirmAssessment
    var nearMisses: [NearMiss]
}

/// A ladder and a search of its own, for one thread.
final class NearMissWorker {
    private let ladder: Ladder
    private let search: NearMissSearch

    init(ladder: Ladder) {
        self.ladder = ladder
        search = NearMissSearch(ladder: ladder.copy())
    }

    func search(_ firm: Enterprise, asOf day: Day, tiers: Set<Tier>?) -> NearMissFirm {
        let assessment = ladder.assess(firm, asOf: day, tiers: tiers)
        return NearMissFirm(firm: firm, assessment: assessment, nearMisses: search.nearMisses(for: firm, assessment: assessment))
    }
}
