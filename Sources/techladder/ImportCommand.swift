import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderServer
import LadderStore

/// `techladder import`: read registry exports, validate them, and summarise.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import registry XML exports (format 1) and summarise what was read.",
        discussion: """
            Records rejected exit 1, a file that cannot be read 2, a database that cannot be opened or written 73.

            \(ExitStatus.helpTable)
            """
    )

    @Argument(help: "Registry XML files.", completion: .file())
    var files: [String]

    @Flag(help: "Read and check only; write nothing.")
    var dryRun = false

    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    @Option(help: "How many reject reasons to show per file.")
    var showRejects = 10

    @Flag(help: "Never show a progress bar.")
    var noProgress = false

    @Option(help: "A mapping profile for files in another layout (default: detected from the root element).", completion: .file())
    var profile: String?

    @Option(help: "The registry database to write into (ignored with --dry-run): files with the same export date make one snapshot; a file with the date and source of an earlier one replaces it.")
    var db = RegistryStore.defaultPath

    @OptionGroup var language: LanguageOption

    func run() throws {
        let l = language.resolved
        var worst: Int32 = 0
        var summaries: [ImportSummary] = []
        let store: RegistryStore?
        do {
            store = dryRun ? nil : try RegistryStore(path: db)
        } catch {
            throw CommandFailure.database(db, error)
        }
        for file in files {
            let progress = noProgress ? nil : ProgressBar.forFile(file)
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let layout = try RegistryLayout.detect(file: file, profile: profile)
                if let store {
                    let result = try store.importRegistryFile(file, layout: layout, progress: progress?.update)
                    progress?.finish()
                    let seconds = (clock.now - start).seconds
                    let line = try result.line(database: db, language: l) + Self.dateNote(store, result.outcome, l)
                    var summary = result.report.map { ImportSummary(report: $0, seconds: seconds, limit: showRejects) }
                        ?? ImportSummary(alreadyImported: line, file: file, seconds: seconds)
                    summary.database = line
                    if let report = result.report, let note = Self.sourceMismatch(report) {
                        FileHandle.standardError.write(Data("\(file): warning: \(note)\n".utf8))
                        worst = max(worst, 1)
                    }
                    summaries.append(summary)
                    if (result.report?.rejected ?? 0) > 0 { worst = max(worst, 1) }
                    continue
                }
                let report = try layout.importFile(file, progress: progress?.update) { _ in }
                progress?.finish()
                let seconds = (clock.now - start).seconds
                summaries.append(ImportSummary(report: report, seconds: seconds, limit: showRejects))
                if report.rejected > 0 { worst = max(worst, 1) }
            } catch let error as XMLError {
                progress?.finish()
                summaries.append(ImportSummary(failure: error, file: file, seconds: (clock.now - start).seconds))
                worst = 2
            } catch let error as DatabaseError {
                // One transaction per file: the database is as it was before this file.
                progress?.finish()
                let reason = error.message ?? "\(error.resultCode)"
                FileHandle.standardError.write(Data(
                    "\(file): could not be stored in \(db): \(reason) (SQLite \(error.resultCode)); nothing from this file was written\n".utf8))
                worst = max(worst, ExitStatus.cannotOpenOrWrite.rawValue)
            } catch let error as ProfileError {
                progress?.finish()
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
                worst = 2
            }
        }
        switch format {
        case .text:
            print(summaries.map { $0.text(l) }.joined(separator: "\n\n"))
        case .json:
            print(try JSONOutput.encode(summaries.count == 1 ? AnyEncodable(summaries[0]) : AnyEncodable(summaries)))
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

extension Import {
    /// What the summary adds for a date of several files, in the chosen language (`RegistryStore.dateCounts`).
    static func dateNote(_ store: RegistryStore, _ outcome: ImportOutcome, _ language: Language) throws -> String {
        guard language == .zh else { return try store.dateNote(for: outcome) }
        guard let (files, shared) = try store.dateCounts(for: outcome) else { return "" }
        var note = "；该日期共 \(files) 个文件"
        if shared > 0 { note += "；其中 \(shared) 个记录编号也见于该日期更早导入的文件，以本文件的记录为准（`audit --data-quality` 列出）" }
        return note
    }

    /// A file whose source names one district (e.g. 青岛市崂山区科学技术局) but has no firm there: most likely
    /// a mislabelled source, and in a database it replaces that district's file (same source and date).
    static func sourceMismatch(_ report: ImportReport) -> String? {
        guard let source = report.header?.source, !report.districts.isEmpty else { return nil }
        let named = District.qingdao.filter { source.contains($0.name) }
        guard named.count == 1, let district = named.first else { return nil }
        let successors = Set(report.districts.keys.map { District.retired[$0]?.successor ?? $0 })
        guard !successors.contains(district.code) else { return nil }
        let found = successors.sorted().map { "\(District.name(of: $0) ?? $0) \($0)" }.joined(separator: ", ")
        return "the source \(source) names \(district.name) \(district.code), but the file's firms are in \(found): "
            + "a file of the same source and date replaces another in the database — check the source"
    }
}

/// The output formats of a summary.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
