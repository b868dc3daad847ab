import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules

/// `techladder diff-rules`: which firms change rung between two rule versions, and which criterion did it.
struct DiffRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-rules",
        abstract: "Compare two rule versions (or two rule folders) on the same firms.",
        discussion: """
            VERSION is RULEBOOK@ID (e.g. tech-sme@2017) or an ID that only one rulebook has. Both versions \
            are applied on the same date (--as-of, default each file's export date). Without files, only the \
            criteria changes are printed.

            \(ExitStatus.helpTable)
            """
    )

    @Argument(help: "Registry XML files (format 1).", completion: .file())
    var files: [String] = []

    @Option(help: "The earlier version: RULEBOOK@ID or ID.")
    var from: String?

    @Option(help: "The later version: RULEBOOK@ID or ID.")
    var to: String?

    @Option(help: "Rules folder of the earlier rule set (instead of --from).", completion: .directory)
    var fromRules: String?

    @Option(help: "Rules folder of the later rule set (instead of --to).", completion: .directory)
    var toRules: String?

    @Option(help: "Directory of rulebooks (with --from/--to; default: Rules/ found as for audit).", completion: .directory)
    var rules: String?

    @Option(help: "Assessment date YYYY-MM-DD (default: each file's export date).")
    var asOf: String?

    @Option(help: "Output format: text, json, jsonl, csv or xlsx (xlsx needs --output).")
    var format: AuditFormat = .text

    @OptionGroup var out: OutputOptions

    func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'") }
        let versions = from != nil || to != nil, folders = fromRules != nil || toRules != nil
        if versions == folders { throw ValidationError("give --from and --to, or --from-rules and --to-rules") }
        if versions && (from == nil || to == nil) { throw ValidationError("give both --from and --to") }
        if folders && (fromRules == nil || toRules == nil) { throw ValidationError("give both --from-rules and --to-rules") }
        if format == .xlsx { _ = try out.binaryPath(format: "xlsx") }
    }

    /// A ladder whose rulebook for the version is pinned to it.
    static func pin(_ ladder: Ladder, _ spec: String) throws -> (Ladder, RuleVersion) {
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        let books = parts.count == 2 ? ladder.rulebooks.filter { $0.id == parts[0] } : ladder.rulebooks
        let id = parts.last ?? spec
        let matches = books.filter { book in book.versions.contains { $0.id == id } }
        guard matches.count == 1, let book = matches.first, let pinned = book.pinned(to: id),
            let version = pinned.versions.first
        else {
            let known = ladder.rulebooks.flatMap { book in book.versions.map { "\(book.id)@\($0.id)" } }
            throw ValidationError("\(matches.isEmpty ? "no" : "more than one") rule version '\(spec)'; known: \(known.joined(separator: ", "))")
        }
        return (Ladder(rulebooks: ladder.rulebooks.map { $0 === book ? pinned : $0 }), version)
    }

    func run() throws {
        let old: Ladder, new: Ladder
        var changes: [String] = []
        do {
            if let from, let to {
                let base = try Ladder.load(directory: try DataFolders.rules(rules))
                let (a, va) = try Self.pin(base, from)
                let (b, vb) = try Self.pin(base, to)
                (old, new) = (a, b)
                changes = RuleDiff.criteriaChanges(from: va, to: vb)
            } else {
                old = try Ladder.load(directory: try DataFolders.rules(fromRules))
                new = try Ladder.load(directory: try DataFolders.rules(toRules))
            }
        } catch let error as RulebookError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let fixedDate = asOf.flatMap { Day($0) }
        var reportDate = fixedDate
        var diff = RuleDiff()
        var failed = false
        for file in files {
            var date = fixedDate
            do {
                _ = try RegistryLayout.detect(file: file).importFile(file, onHeader: { header in
                    if date == nil { date = header.exportedAt }
                    if reportDate == nil { reportDate = date }
                }, onRecord: { record in
                    guard case .enterprise(let firm) = record else { return }
                    let day = date ?? Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0)
                    diff.add(firm, from: old.assess(firm, asOf: day), to: new.assess(firm, asOf: day))
                })
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
        let language = out.language.resolved
        let (fromName, toName) = (from ?? fromRules ?? "", to ?? toRules ?? "")
        let asOfText = reportDate?.description ?? "export date"
        if format == .xlsx {
            try out.emit(AuditRender.workbook(diff, from: fromName, to: toName, changes: changes, asOf: asOfText,
                                              language: language))
            return
        }
        let render = AuditRenderFormat(rawValue: format.rawValue) ?? .text
        try out.emit(AuditRender.render(diff, from: fromName, to: toName, changes: changes, asOf: asOfText,
                                        format: render, language: language))
    }
}
