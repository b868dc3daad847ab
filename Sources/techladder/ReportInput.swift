import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import LadderStore

/// The inputs shared by `tally`, `progress` and `report`: registry files or a database, the date,
/// the targets file and the rules used for eligibility.
struct ReportInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Registry XML files (format 1). Files with the same export date are parts of one snapshot; different export dates give a trend (progress, report). With none, the database is read (--db)."), completion: .file())
    var files: [String] = []

    @Option(help: "The registry database read when no files are given (default: techladder.sqlite).", completion: .file())
    var db: String?

    @Option(help: "From the database: the snapshot exported on this date (default: the latest).")
    var snapshot: String?

    @Option(help: "Count certificates valid on this date YYYY-MM-DD (default: the export date).")
    var asOf: String?

    @Option(help: "Only this district: code (370212) or name (崂山区, 崂山); retired codes count under their successor.")
    var district: String?

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
        if !files.isEmpty && db != nil { throw ValidationError("give registry XML files or --db, not both") }
        if !files.isEmpty && snapshot != nil { throw ValidationError("--snapshot reads from the database: drop the files") }
        if let district, DistrictFilter(district) == nil { throw ValidationError(DistrictFilter.unknown(district)) }
    }

    /// The district asked for, if any.
    var districtFilter: DistrictFilter? { district.flatMap(DistrictFilter.init) }

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
        return try DataFolders.ladder(rules)
    }

    /// Reads the registry: the files given, or else the database (`--db`, default `techladder.sqlite`).
    /// - Parameters:
    ///   - grouping: how the tallies group firms.
    ///   - trend: with a database, also tally the snapshots exported before the chosen one.
    ///   - eligibility: false when the caller needs no eligible, pipeline or audit-risk figures.
    func read(by grouping: Grouping, trend: Bool = true, eligibility: Bool = true,
              observe: ((Enterprise, Eligibility?, Day) -> Void)? = nil) throws -> ReportData {
        var options = self
        if !eligibility { options.noEligibility = true }
        if let path = databasePath {
            if districtFilter != nil { return try options.readDatabaseFirms(path, by: grouping, trend: trend) }
            return try options.readDatabase(path, by: grouping, trend: trend)
        }
        var data = try options.readFiles(by: grouping, observe: observe)
        if let filter = districtFilter { data.notes.append(DistrictScope.note(filter)) }
        return data
    }

    /// The database to read, or nil when files are given.
    var databasePath: String? { files.isEmpty ? (db ?? RegistryStore.defaultPath) : nil }

    /// Reads the files into one tally per snapshot (export date), oldest first, files of one date adding up
    /// as in a database (`FileOverlap`: a re-sent file replaces its source's, a later file's record of an id
    /// stands). With `--as-of` every file is read as one snapshot on that date. The importer parses on a
    /// second thread (`importFilePipelined`) while this thread assesses and tallies the batches it hands over.
    /// - Parameter observe: called with every firm, its eligibility (nil without rules) and its date.
    func readFiles(by grouping: Grouping, observe: ((Enterprise, Eligibility?, Day) -> Void)? = nil) throws
        -> ReportData
    {
        let fixed = asOf.flatMap { Day($0) }
        let ladder = try loadLadder()
        var tallies: [Day: LadderReports.Tally] = [:]
        var failed = false
        var scope = districtFilter.map { DistrictScope($0) }
        var overlap = FileOverlap(files: files)
        for (_, file) in FileOverlap.order(files) {
            let bar = noProgress ? nil : ProgressBar.forFile(file)
            var records: LadderReports.Tally?
            do {
                let report = try RegistryLayout.detect(file: file).importFilePipelined(file, progress: bar?.update, onHeader: { header in
                    let day = fixed ?? header.exportedAt
                    if overlap.isReplaced(header, file: file, on: day) { throw FileOverlap.Replaced() }
                    records = LadderReports.Tally(asOf: day, by: grouping, eligibilityComputed: ladder != nil)
                }, onBatch: { batch in
                    guard let day = records?.asOf else { return }
                    for record in batch {
                        guard overlap.stands(record, on: day) else { continue }
                        if scope?.keeps(record) == false { continue }
                        if let observe, case .enterprise(let firm) = record {
                            // The report's firm lists see the same eligibility the tally counts.
                            let eligibility = ladder.map { Eligibility($0.verdicts(firm, asOf: day)) }
                            observe(firm, eligibility, day)
                            records?.add(record) { _ in eligibility ?? .none }
                            continue
                        }
                        records?.add(record) { firm in ladder.map { Eligibility($0.verdicts(firm, asOf: day)) } ?? .none }
                    }
                })
                bar?.finish()
                if let records {
                    if tallies[records.asOf] == nil { tallies[records.asOf] = records } else { tallies[records.asOf]?.merge(records) }
                }
                if report.rejected > 0 {
                    FileHandle.standardError.write(Data(
                        "\(file): \(report.rejected) record(s) rejected and not counted; run `techladder import --dry-run \(file)` for details\n".utf8))
                }
            } catch is FileOverlap.Replaced {
                bar?.finish()
            } catch let error as XMLError {
                bar?.finish()
                FileHandle.standardError.write(Data("\(file): could not be read; nothing from it was counted\nerror: \(error.renderedForTerminal(of: error.file))\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        overlap.report()
        return ReportData(tallies: tallies.keys.sorted().compactMap { tallies[$0] }, notes: overlap.notes)
    }
}

/// What the reporting commands read: one tally per snapshot, oldest first, and notes for the output
/// (e.g. where eligibility came from).
struct ReportData {
    var tallies: [LadderReports.Tally]
    var notes: [Note] = []
}
