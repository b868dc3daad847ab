import ArgumentParser
import Foundation
import LadderCore
import LadderImport

/// `techladder profile`: work with mapping profiles.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Check mapping profiles, which import other export layouts without recompiling.",
        discussion: ExitStatus.helpTable,
        subcommands: [Check.self]
    )

    /// `techladder profile check PROFILE [FILE]`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a profile and show how the first records of a file map, field by field.",
            discussion: "Exit codes: 0 valid (and the records shown import); 1 a shown record is rejected; 2 the profile or the file cannot be read."
        )

        @Argument(help: "The mapping profile.", completion: .file())
        var profile: String

        @Argument(help: "A data file in the profile's layout.", completion: .file())
        var file: String?

        @Option(help: "How many records of the file to show.")
        var records = 2

        func run() throws {
            let loaded: Profile
            do {
                loaded = try Profile.load(file: profile)
            } catch {
                print("\(profile): not a usable profile (\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"))")
                for problem in error.problems {
                    print("error: " + problem.renderedForTerminal(of: profile))
                }
                throw ExitCode(2)
            }
            print("\(profile): valid profile '\(loaded.id)' — \(loaded.name)")
            print("  root <\(loaded.rootElement)>, record \(loaded.recordPath), \(loaded.fieldCount) fields, encoding \(loaded.encoding ?? "as declared")")
            guard let file else { return }
            let traced: (report: ImportReport, records: [RegistryRecord], trace: [ProfileTraceEntry])
            do {
                traced = try ProfileImporter(profile: loaded).trace(file, records: records)
            } catch let error as XMLError {
                print("\(file): could not be read\nerror: \(error.renderedForTerminal(of: file))")
                throw ExitCode(2)
            }
            print("\n\(file): the first \(traced.report.records) record\(traced.report.records == 1 ? "" : "s")")
            for number in 1...max(1, traced.report.records) where traced.report.records > 0 {
                let entries = traced.trace.filter { $0.record == number }
                var table = TextTable(headers: ["data", "profile", "from", "value", "→ format 1"])
                for entry in entries {
                    var value = "\"\(entry.raw)\""
                    if let translated = entry.translated { value += " → \"\(translated)\"" }
                    if let problem = entry.problem { value += "  ✗ \(problem)" }
                    table.add(["\(entry.position.line):\(entry.position.column)", "\(entry.profileLine)", entry.from, value, entry.to])
                }
                print("\n  record \(number)")
                print(table.render().split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            }
            for reject in traced.report.rejects { print("  rejected: \(reject)") }
            for warning in traced.report.warnings { print("  warning: \(warning)") }
            if let header = traced.report.header {
                print("\n  as registry format 1:")
                let document = RegistryWriter.document(header: header, records: traced.records)
                print(document.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            }
            if !traced.report.rejects.isEmpty { throw ExitCode(1) }
        }
    }
}
