import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules

/// `techladder audit`: classify every firm on the ladder and show the evidence per criterion.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess firms on every rung of the ladder and show each criterion's evidence.",
        discussion: """
            Verdicts per rung: qualified, not-qualified or undetermined (with what to collect). \
            margin: how far the value is past the threshold (negative: short by that much); for a \
            score, ↑ and what the value still needs to reach the next band up.

            \(ExitStatus.helpTable)
            """
    )

    @Argument(help: "Registry XML files (format 1). With none, a snapshot of the database (--db) is read.", completion: .file())
    var files: [String] = []

    @Option(help: "The registry database read when no files are given (default: techladder.sqlite).", completion: .file())
    var db: String?

    @Option(help: "From the database: the snapshot exported on this date (default: the latest).")
    var snapshot: String?

    @Option(help: "Assessment date YYYY-MM-DD (default: each file's export date).")
    var asOf: String?

    @Option(help: "Only this firm (credit code); repeat for more.")
    var firm: [String] = []

    @Option(help: "Only this rung: tech-sme, high-tech or leading; repeat for more.")
    var tier: [String] = []

    @Option(help: "Only this district: code (370212) or name (崂山区, 崂山); retired codes count under their successor.")
    var district: String?

    /// The district asked for, if any.
    var districtFilter: DistrictFilter? { district.flatMap(DistrictFilter.init) }

    @Option(help: "Output format: text, json, jsonl, csv or xlsx (xlsx needs --output).")
    var format: AuditFormat = .text

    @OptionGroup var out: OutputOptions

    @Option(help: "Directory of rulebooks.", completion: .directory)
    var rules: String?

    /// Accepted so that a script can pass it to every reading command: `audit` draws no progress bar.
    @Flag(help: "No progress bar (audit draws none; accepted as by the other commands).")
    var noProgress = false

    @OptionGroup(title: "Audits that find work (one at a time)")
    var findings: AuditFindingOptions

    func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'") }
        try validateDatabaseOptions()
        for name in tier where Tier(rawValue: name) == nil {
            throw ValidationError("--tier must be tech-sme, high-tech or leading, not '\(name)'")
        }
        if let district, DistrictFilter(district) == nil { throw ValidationError(DistrictFilter.unknown(district)) }
        try findings.validate()
        if format == .xlsx { _ = try out.binaryPath(format: "xlsx") }
    }

    func run() throws {
        if findings.selected != nil {
            try files.isEmpty ? runFindingsDatabase() : runFindings()
            return
        }
        let ladder = try DataFolders.ladder(rules)
        let tiers: Set<Tier>? = tier.isEmpty ? nil : Set(tier.compactMap(Tier.init(rawValue:)))
        let wanted = Set(firm)
        let fixedDate = asOf.flatMap { Day($0) }
        let out = try AuditOutput(format: format, options: self.out)
        if files.isEmpty {
            try auditDatabase(ladder: ladder, tiers: tiers, firms: wanted, asOf: fixedDate, into: out)
            return
        }
        var failed = false
        var found: Set<String> = []
        // One ladder per worker: the parsing thread assesses and renders batches too while this one
        // is behind (see RegistryLayout.importFilePipelined(prepare:emit:)).
        let ladders = [WorkerLadder(rulebooks: ladder.rulebooks), WorkerLadder(rulebooks: ladder.rulebooks)]
        let format = format
        let scope = districtFilter
        for file in files {
            do {
                // A batch written out comes back as `spare`: its buffer is reused, not mapped afresh.
                _ = try RegistryLayout.detect(file: file).importFilePipelined(file, prepare: { header, records, worker, spare in
                    let rendered = spare ?? RenderedBatch()
                    rendered.reset()
                    let day = fixedDate ?? header.exportedAt
                    for record in records {
                        guard case .enterprise(let enterprise) = record else { continue }
                        if let scope, !scope.contains(enterprise.district) { continue }
                        if !wanted.isEmpty {
                            guard wanted.contains(enterprise.id) else { continue }
                            rendered.found.append(enterprise.id)
                        }
                        let assessment = ladders[worker].withLadder { $0.assess(enterprise, asOf: day, tiers: tiers) }
                        AuditOutput.render(assessment, format: format, into: rendered.bytes)
                        rendered.firms += 1
                    }
                    return rendered
                }, emit: { rendered in
                    found.formUnion(rendered.found)
                    out.write(rendered.bytes, firms: rendered.firms)
                })
            } catch let error as XMLError {
                FileHandle.standardError.write(Data("\(error.renderedForTerminal(of: error.file))\n".utf8))
                failed = true
            }
        }
        if failed {
            out.discard()
            throw ExitCode(ExitStatus.unreadableInput.rawValue)
        }
        out.finish()
        let missing = wanted.subtracting(found).sorted()
        if !missing.isEmpty {
            FileHandle.standardError.write(Data("no firm with id \(missing.joined(separator: ", ")) in \(files.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// The output formats of an audit.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, csv, xlsx
}

/// Renders firms in an audit format and writes them to standard output, or whole to `--output`, in
/// large chunks.
///
/// Rendering (`render`) can run on any thread into its own `ByteWriter`: each firm is written with the
/// separator that goes before it, and `write` drops the very first one. For xlsx the rows are kept
/// (cells separated by U+001F, rows by U+001E) and written as a workbook by `finish`.
final class AuditOutput {
    private let format: AuditFormat
    private let scratch = ByteWriter(capacity: 1 << 14)
    private var count = 0
    private let file: AtomicFile?
    private let sink: ByteSink
    private let language: Language
    private var collected: [UInt8] = []

    init(format: AuditFormat, options: OutputOptions) throws {
        self.format = format
        language = options.language.resolved
        let path = format == .xlsx ? try options.binaryPath(format: "xlsx") : options.output
        file = try path.flatMap { $0 == "-" ? nil : try AtomicFile($0) }
        sink = ByteSink(file: format == .xlsx ? nil : file)
        switch format {
        case .csv: try sink.write(CSV.byteOrderMark + AuditColumns.criteriaHeaderLine(language) + "\r\n")
        case .json: try sink.write("[")
        case .text, .jsonl, .xlsx: break
        }
    }

    /// Appends one firm in `format`, preceded by its separator (`,\n` in JSON, a blank line in text).
    static func render(_ firm: FirmAssessment, format: AuditFormat, into out: ByteWriter) {
        switch format {
        case .text:
            out.append("\n\n")
            out.append(string: AuditText.render(firm))
        case .jsonl:
            AuditJSON.write(firm, into: out)
            out.append(10)
        case .json:
            out.append(",\n")
            AuditJSON.write(firm, into: out)
        case .csv:
            for cells in AuditText.csvCells(firm) {
                out.append(string: AuditColumns.criteriaLine(cells))
                out.append("\r\n")
            }
        case .xlsx:
            for cells in AuditText.csvCells(firm) {
                out.append(string: cells.map { $0.filter { $0 != "\u{1F}" && $0 != "\u{1E}" } }.joined(separator: "\u{1F}"))
                out.append(string: "\u{1E}")
            }
        }
    }

    /// How many separator bytes precede a rendered firm.
    private var separatorLength: Int {
        switch format {
        case .text: 2
        case .json: 1  // the comma; the newline stays
        case .jsonl, .csv, .xlsx: 0
        }
    }

    func emit(_ firm: FirmAssessment) {
        scratch.removeAll()
        AuditOutput.render(firm, format: format, into: scratch)
        write(scratch, firms: 1)
    }

    /// Writes firms rendered by `render`, in order. A batch is written as it is, not copied again.
    func write(_ rendered: ByteWriter, firms: Int) {
        guard firms > 0 else { return }
        let skip = count == 0 ? separatorLength : 0
        count += firms
        if format == .xlsx {
            collected.append(contentsOf: rendered.bytes.dropFirst(skip))
            return
        }
        do { try sink.write(rendered.bytes, droppingFirst: skip) } catch { fail(error) }
    }

    /// Writes what is pending; with `--output`, renames the finished file over the target.
    func finish() {
        do {
            switch format {
            case .json: try sink.write(count > 0 ? "\n]\n" : "]\n")
            case .text: if count > 0 { try sink.write("\n") }
            case .jsonl, .csv, .xlsx: break
            }
            try sink.flush()
        } catch { fail(error) }
        if format == .xlsx { writeWorkbook() }
        guard let file else { return }
        do { try file.commit() } catch { fail(error) }
    }

    /// Drops a file being written (an input could not be read): the target stays as it was.
    func discard() {
        guard let file else { return }
        file.discard()
        FileHandle.standardError.write(Data("nothing was written to \(file.target) (an input could not be read)\n".utf8))
    }

    private func writeWorkbook() {
        let rows = collected.split(separator: 0x1E, omittingEmptySubsequences: true).map { row in
            String(decoding: row, as: UTF8.self).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        }
        collected = []
        let table = AuditColumns.table(name: language.pick("逐条评定", "Audit"), header: AuditText.csvHeader, rows: rows)
        do {
            let data = try XlsxWriter.data(Workbook([table]), language: language)
            if let file { try file.write(data) } else { FileHandle.standardOutput.write(data) }
        } catch { fail(error) }
    }

    private func fail(_ error: any Error) -> Never {
        file?.discard()
        let status = (error as? CommandFailure)?.status ?? .cannotOpenOrWrite
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}

/// Firms of one batch rendered by a worker, handed to the writing thread (by the pipeline, which
/// gives a batch to one thread at a time).
final class RenderedBatch {
    let bytes = ByteWriter(capacity: 1 << 16)
    var firms = 0
    var found: [String] = []

    /// Empties the batch for reuse, keeping its buffer.
    func reset() {
        bytes.removeAll()
        firms = 0
        found.removeAll()
    }
}
