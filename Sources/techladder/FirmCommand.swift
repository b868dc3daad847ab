import ArgumentParser
import Foundation
import LadderCore
import LadderReports
import LadderStore

/// `techladder firm ID`: one firm's report (企业体检报告) from the registry database.
struct Firm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One firm's report: identity, certificates, every rung's criteria, what it would take to reach the next rung, history.",
        discussion: "A firm in no snapshot exits 1.\n\n" + ExitStatus.helpTable)

    @Argument(help: "The firm's unified social credit code (统一社会信用代码).")
    var id: String

    @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "Output format: text, html (a printable A4 page) or json.")
    var format: FirmFormat = .text

    @Option(help: "Directory of rulebooks.", completion: .directory)
    var rules: String?

    @OptionGroup var out: OutputOptions

    func run() throws {
        let store = try RegistryStore.openExisting(db)
        guard let history = try store.history(of: id),
            let latest = history.entries.last(where: { $0.enterprise != nil }), let record = latest.enterprise
        else {
            var message = "firm \(id) is in no snapshot of \(db)"
            if let problem = CreditCode.problem(in: id) { message += " (the id \(problem))" }
            throw CommandFailure(.findings, message)
        }
        let ladder = try DataFolders.ladder(rules)
        let day = latest.snapshot.exportedAt
        let assessment = ladder.assess(record, asOf: day)
        let nearMisses = NearMissSearch(ladder: ladder.copy()).nearMisses(for: record, assessment: assessment)
        let dated = history.entries.map { entry in
            FirmReport.Dated(
                date: entry.snapshot.exportedAt, listed: entry.enterprise != nil,
                certified: entry.enterprise?.certifiedTier(on: entry.snapshot.exportedAt),
                verdicts: Dictionary(entry.assessments.map { ($0.tier, $0.verdict) }, uniquingKeysWith: { a, _ in a }),
                ruleVersions: Dictionary(entry.assessments.map { ($0.tier, $0.ruleVersion) }, uniquingKeysWith: { a, _ in a }),
                changes: entry.changes.map { $0.line(out.language.resolved) })
        }
        let report = FirmReport(firm: record, assessment: assessment, nearMisses: nearMisses, history: dated,
                                language: out.language.resolved)
        switch format {
        case .text: try out.emit(report.text())
        case .html: try out.emit(report.html())
        case .json: try out.emit(report.json())
        }
    }
}

/// The output formats of a firm report.
enum FirmFormat: String, ExpressibleByArgument, CaseIterable {
    case text, html, json
}
