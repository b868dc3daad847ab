import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderRules
import XMLStream

/// `techladder audit`: classify every firm on the ladder and show the evidence per criterion.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess firms on every rung of the ladder and show each criterion's evidence.",
        discussion: """
            Verdicts per rung: qualified, not-qualified or undetermined (with what to collect). \
            Exit codes: 0 done; 2 a file or rulebook could not be read.
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

    @Option(help: "Output format: text, json, jsonl or csv.")
    var format: AuditFormat = .text

    @Option(help: "Directory of rulebooks.", completion: .directory)
    var rules: String?

    @OptionGroup(title: "Audits that find work (one at a time; see AuditFindings.swift)")
    var findings: AuditFindingOptions

    func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'") }
        try validateDatabaseOptions()
        for name in tier where Tier(rawValue: name) == nil {
            throw ValidationError("--tier must be tech-sme, high-tech or leading, not '\(name)'")
        }
        try findings.validate()
        if findings.selected != nil && files.isEmpty {
            throw ValidationError("--discrepancies, --near-miss and --data-quality read registry XML files (their findings point at file positions); pass the files")
        }
    }

    func run() throws {
        if findings.selected != nil {
            try runFindings()
            return
        }
        let ladder = try DataFolders.ladder(rules)
        let tiers: Set<Tier>? = tier.isEmpty ? nil : Set(tier.compactMap(Tier.init(rawValue:)))
        let wanted = Set(firm)
        let fixedDate = asOf.flatMap { Day($0) }
        let out = AuditOutput(format: format)
        if files.isEmpty {
            try auditDatabase(ladder: ladder, tiers: tiers, firms: wanted, asOf: fixedDate, into: out)
            return
        }
        var failed = false
        var found: Set<String> = []
        for file in files {
            var date = fixedDate
            do {
                // Parsing runs on a second thread; assessing and rendering overlap with it.
                _ = try RegistryLayout.detect(file: file).importFilePipelined(file, onHeader: { header in
                    if date == nil { date = header.exportedAt }
                }, onBatch: { records in
                    for record in records {
                        guard case .enterprise(let enterprise) = record else { continue }
                        if !wanted.isEmpty {
                            guard wanted.contains(enterprise.id) else { continue }
                            found.insert(enterprise.id)
                        }
                        let day = date ?? Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0)
                        out.emit(ladder.assess(enterprise, asOf: day, tiers: tiers))
                    }
                })
            } catch let error as XMLError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        out.finish()
        if failed { throw ExitCode(2) }
        let missing = wanted.subtracting(found).sorted()
        if !missing.isEmpty {
            FileHandle.standardError.write(Data("no firm with id \(missing.joined(separator: ", ")) in \(files.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// The output formats of an audit.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, csv
}

/// Buffers rendered firms and writes them to standard output in large chunks.
final class AuditOutput {
    private let format: AuditFormat
    private var buffer = ""
    private let bytes = ByteWriter(capacity: 1 << 17)
    private var count = 0

    init(format: AuditFormat) {
        self.format = format
        buffer.reserveCapacity(1 << 17)
        switch format {
        case .csv: buffer += CSV.byteOrderMark + AuditText.csvLine(AuditText.csvHeader) + "\r\n"
        case .json: buffer += "["
        case .text, .jsonl: break
        }
    }

    func emit(_ firm: FirmAssessment) {
        switch format {
        case .text:
            if count > 0 { buffer += "\n\n" }
            buffer += AuditText.render(firm)
        case .jsonl:
            AuditJSON.write(firm, into: bytes)
            bytes.append(10)
        case .json:
            bytes.append(count > 0 ? ",\n" : "\n")
            AuditJSON.write(firm, into: bytes)
        case .csv:
            for row in AuditText.csvRows(firm) { buffer += row + "\r\n" }
        }
        count += 1
        if buffer.utf8.count + bytes.count >= 1 << 16 { flush() }
    }

    func finish() {
        switch format {
        case .json: bytes.append(count > 0 ? "\n]\n" : "]\n")
        case .text: if count > 0 { buffer += "\n" }
        case .jsonl, .csv: break
        }
        flush()
    }

    /// Writes the text formats' buffer, then the JSON formats' bytes (one of the two is empty).
    private func flush() {
        if !buffer.isEmpty {
            FileHandle.standardOutput.write(Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
        if bytes.count > 0 {
            FileHandle.standardOutput.write(Data(bytes.bytes))
            bytes.removeAll()
        }
    }
}
