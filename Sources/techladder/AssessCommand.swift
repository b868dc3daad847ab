import ArgumentParser
import Foundation
import LadderCore
import LadderRules
import LadderStore

/// `techladder assess`: compute every firm's verdicts for a snapshot (an export date, all its files)
/// and store them in the database.
struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess every firm of a snapshot on every rung and store the verdicts in the registry database.",
        discussion: """
            Verdicts (pass, fail, unknown) are computed on the snapshot's export date with the rulebooks in \
            --rules and stored with the rule versions used, replacing the snapshot's earlier verdicts in one \
            transaction. `tally` then counts eligible firms from them in SQL, and `firm ID` shows them. \
            A rulebook that cannot be read exits 2.

            \(ExitStatus.helpTable)
            """
    )

    @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "The snapshot exported on this date (default: the latest).")
    var snapshot: String?

    @Option(help: "Directory of rulebooks.", completion: .directory)
    var rules: String?

    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    func validate() throws {
        if let snapshot, Day(snapshot) == nil { throw ValidationError("--snapshot must be a date YYYY-MM-DD, not '\(snapshot)'") }
    }

    func run() throws {
        let ladder = try DataFolders.ladder(rules)
        let store = try RegistryStore.openExisting(db)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: db)
        let clock = ContinuousClock()
        let start = clock.now
        let day = chosen.exportedAt
        var summary = AssessSummary(files: chosen.parts.map(\.fileName), exportedAt: day.description, database: db,
                                    ruleVersions: ladder.rulebooks.map { StoreVerdicts.ruleVersion($0, on: day) })
        // Firms are read back and verdicts written on this thread; a second thread assesses.
        let worker = ladder.copy()
        let pipeline = Pipeline<[Enterprise], [Assessment]>(capacity: 8) { firms, _, _ in
            firms.flatMap { StoreVerdicts.assessments(worker.assess($0, asOf: day, evidence: false)) }
        }
        pipeline.startWorker(as: 1)
        var batch: [Enterprise] = []
        batch.reserveCapacity(256)
        var firms = 0
        var eligible: [Tier: Int] = [:]
        func save(_ verdicts: [Assessment], _ writer: AssessmentWriter) throws {
            for verdict in verdicts {
                try writer.save(verdict)
                if verdict.verdict == .pass { eligible[verdict.tier, default: 0] += 1 }
            }
        }
        do {
            summary.verdicts = try store.replaceAssessments(in: chosen) { writer in
                try writer.forEachEnterprise { firm in
                    firms += 1
                    batch.append(firm)
                    guard batch.count == 256 else { return }
                    try pipeline.put(batch) { try save($0, writer) }
                    batch.removeAll(keepingCapacity: true)
                }
                if !batch.isEmpty { try pipeline.put(batch) { try save($0, writer) } }
                try pipeline.finish { try save($0, writer) }
            }
        } catch {
            pipeline.cancel()
            pipeline.waitForThreads()
            throw error
        }
        summary.firms = firms
        // The audit trail says who stored verdicts for which snapshot (issue 19).
        try store.appendEvent(actor: AccountOptions.cliActor, action: "assess", target: chosen.fileNames,
                              detail: "snapshot of \(chosen.exportedAt): \(firms) firms, \(summary.verdicts) verdicts")
        summary.firms = firms
        summary.passing = Dictionary(uniqueKeysWithValues: eligible.map { ($0.key.rawValue, $0.value) })
        summary.seconds = (clock.now - start).seconds
        switch format {
        case .json: print(try JSONOutput.encode(summary))
        case .text: print(summary.text)
        }
    }
}

/// What `assess` did (text and JSON).
struct AssessSummary: Encodable {
    /// The files that make the snapshot assessed.
    var files: [String]
    var exportedAt: String
    var database: String
    var ruleVersions: [String]
    var firms = 0
    var verdicts = 0
    /// Firms passing each rung's rulebook (not the highest rung only).
    var passing: [String: Int] = [:]
    var seconds = 0.0

    var text: String {
        let rungs = Tier.allCases.map { "\($0.rawValue) \(passing[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        return """
            assessed \(firms) firms of the snapshot of \(exportedAt) (\(files.count) file(s)) on \(exportedAt) \
            with \(ruleVersions.joined(separator: ", "))
            stored \(verdicts) verdicts in \(database) in \(String(format: "%.1f", seconds)) s; passing per rung: \(rungs)
            """
    }
}

/// Converting rules-engine results into stored verdicts, and finding snapshots, for `assess` and `audit`.
enum StoreVerdicts {
    /// The version label stored with a verdict, e.g. `high-tech@2016` (`@none` when no version is in force).
    static func ruleVersion(_ rulebook: Rulebook, on day: Day) -> String {
        "\(rulebook.id)@\(rulebook.version(on: day)?.id ?? "none")"
    }

    /// One stored verdict per rung of an assessment.
    static func assessments(_ firm: FirmAssessment) -> [Assessment] {
        firm.rungs.map { rung in
            let verdict: Verdict = switch rung.verdict {
            case .qualified: .pass
            case .notQualified: .fail
            case .undetermined: .unknown
            }
            return Assessment(firmID: firm.id, tier: rung.tier, verdict: verdict,
                              ruleVersion: "\(rung.rulebook.id)@\(rung.ruleVersion ?? "none")")
        }
    }

    /// The snapshot of an export date (every file of that date), or the latest; a command error when
    /// there is none.
    static func snapshot(_ store: RegistryStore, on day: Day?, path: String) throws -> DatedSnapshot {
        if let day {
            guard let found = try store.snapshot(dated: day) else {
                throw StoreCommandError("no snapshot exported on \(day) in \(path); see `techladder snapshots --db \(path)`")
            }
            return found
        }
        guard let latest = try store.latestSnapshotDate() else {
            throw StoreCommandError("no snapshots in \(path); import an export first: techladder import FILE --db \(path)")
        }
        return latest
    }
}
