import ArgumentParser
import Foundation
import LadderCore
import LadderReports

/// The options of every command that writes a table, CSV, xlsx or report: where, and in which language.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Write to this file (whole or not at all) instead of standard output; required for xlsx.",
            completion: .file())
    var output: String?

    @OptionGroup var language: LanguageOption

    /// Writes text to `--output` or standard output.
    func emit(_ text: String) throws {
        try AtomicFile.write(Data(text.utf8), to: output ?? "-")
    }

    /// Writes a workbook to `--output`; refuses a terminal (binary).
    func emit(_ workbook: Workbook) throws {
        let path = try binaryPath(format: "xlsx")
        try AtomicFile.write(try XlsxWriter.data(workbook, language: language.resolved), to: path)
    }

    /// The path to write a binary format to: `--output`, or `-` only when standard output is not a terminal.
    func binaryPath(format: String) throws -> String {
        guard let output, output != "-" || isatty(STDOUT_FILENO) == 0 else {
            throw ValidationError("--format \(format) writes a binary file: pass --output FILE.\(format)")
        }
        return output
    }
}

/// `--lang zh|en` (default: `TECHLADDER_LANG`, else zh).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of headers, labels and notes: zh or en (default: $TECHLADDER_LANG, else zh). JSON keys never change.")
    var lang: Language?

    /// The language to use.
    var resolved: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment["TECHLADDER_LANG"]) }
}

extension Language: ExpressibleByArgument {}
