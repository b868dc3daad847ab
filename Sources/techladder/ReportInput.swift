import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import XMLStream

/// The inputs shared by `tally`, `progress` and `report`: registry files or a database, the date,
/// the targets file and the rules used for eligibility.
struct ReportInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Registry XML files (format 1). Files with the same export date are parts of one snapshot; different export dates give a trend (progress, report)."), completion: .file())
    var files: [String] = []

    @Option(help: "Read snapshots from the registry database instead of files.", completion: .file())
    var db: String?

    @Option(help: "With --db: the snapshot exported on this date (default: the latest).")
    var snapshot: String?

    @Option(help: "Count certificates valid on this date YYYY-MM-DD (default: the export date).")
    var asOf: String?

    @Option(help: "The targets file (default: Rules/targets.xml).", completion: .file())
    var targets: String?

    @Option(help: "Directory of rulebooks used for eligibility (default: Rules).", completion: .directory)
    var rules: String?

    @Flag(help: "Skip the rules engine: eligible, pipeline and audit-risk figures show as not computed.")
    var noEligibility = false

    @Flag(help: "Never show a progress bar.")
    var noProgress = false

    func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'") }
        if let snapshot, Day(snapshot) == nil { throw ValidationError("--snapshot must be a date YYYY-MM-DD, not '\(snapshot)'") }
        if db != nil {
            throw ValidationError("--db is not available yet: the registry database (LadderStore) has not landed in "
                + "this build. Pass registry XML files instead.")
        }
        if snapshot != nil { throw ValidationError("--snapshot needs --db") }
        if files.isEmpty { throw ValidationError("give registry XML files (or --db once the database is available)") }
    }

    /// Loads the targets file, with a positioned error on failure.
    func loadTargets() throws -> Targets {
        guard let path = targets ?? Targets.locateDefault() else {
            throw ValidationError("cannot find Rules/targets.xml; pass --targets or set TECHLADDER_HOME")
        }
        do {
            return try Targets.load(file: path)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// The rules engine used for eligibility, or nil when skipped.
    func loadLadder() throws -> Ladder? {
        if noEligibility { return nil }
        guard let directory = rules ?? ProjectFiles.locate("Rules") else {
            throw ValidationError("cannot find the Rules directory; pass --rules or --no-eligibility")
        }
        do {
            return try Ladder.load(directory: directory)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Reads the files into one tally per snapshot (export date), oldest first. With `--as-of` every file
    /// is read as one snapshot on that date. Firms are assessed on a second thread (`ReportWorker`).
    func readSnapshots(by grouping: Grouping) throws -> [LadderReports.Tally] {
        let fixed = asOf.flatMap { Day($0) }
        let ladder = try loadLadder()
        var tallies: [Day: LadderReports.Tally] = [:]
        var failed = false
        for file in files {
            let bar = noProgress ? nil : ProgressBar.forFile(file)
            var date = fixed
            var records: LadderReports.Tally?
            var worker: ReportWorker?
            var batch: [Enterprise] = []
            batch.reserveCapacity(256)
            do {
                let report = try RegistryImporter().importFile(file, progress: bar?.update, onHeader: { header in
                    let day = fixed ?? header.exportedAt
                    date = day
                    records = LadderReports.Tally(asOf: day, by: grouping, eligibilityComputed: ladder != nil)
                    if let ladder { worker = ReportWorker(ladder: ladder, asOf: day, by: grouping) }
                }, onRecord: { record in
                    if let worker, case .enterprise(let firm) = record {
                        batch.append(firm)
                        if batch.count == 256 {
                            worker.submit(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    } else {
                        records?.add(record) { _ in .none }
                    }
                })
                bar?.finish()
                if !batch.isEmpty { worker?.submit(batch) }
                if let firms = worker?.finish() { records?.merge(firms) }
                if let date, let records {
                    if tallies[date] == nil { tallies[date] = records } else { tallies[date]?.merge(records) }
                }
                if report.rejected > 0 {
                    FileHandle.standardError.write(Data(
                        "\(file): \(report.rejected) record(s) rejected and not counted; run `techladder import --dry-run \(file)` for details\n".utf8))
                }
            } catch let error as XMLError {
                bar?.finish()
                _ = worker?.finish()
                FileHandle.standardError.write(Data("\(file): could not be read; nothing from it was counted\nerror: \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        return tallies.keys.sorted().compactMap { tallies[$0] }
    }
}
