import ArgumentParser
import Foundation
import LadderCore
import LadderImport

/// `techladder export`: convert imported files (format 1 or any profile layout) to registry format 1.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write registry files of any layout back as registry format 1, so a converted file can be shared.",
        discussion: """
            Files are read as `techladder import` reads them (format 1, --profile, or a profile detected \
            from the root element) and every accepted record is written, streaming, to one format-1 \
            document. With --output the file is written whole or not at all: when a file cannot be read \
            (exit 2) the previous output, if any, is left as it was.

            \(ExitStatus.helpTable)
            """
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case registryXML = "registry-xml"
    }

    @Argument(help: "Registry files in any supported layout.", completion: .file())
    var files: [String]

    @Option(help: "The mapping profile the files are in (default: detected from the root element).", completion: .file())
    var profile: String?

    @Option(help: "The output format: registry-xml (registry format 1).")
    var format: Format = .registryXML

    @Option(name: .shortAndLong, help: "The output file (default: standard output).", completion: .file())
    var output = "-"

    func run() throws {
        // To a file: a temporary file beside it, renamed over it only when every input was read.
        let file = output == "-" ? nil : try AtomicFile(output)
        file?.handOver()
        let writer: RegistryWriter
        do {
            writer = try RegistryWriter(path: file?.temporary ?? "-")
        } catch {
            throw CommandFailure(.cannotOpenOrWrite, "cannot write \(output): \(error)")
        }
        var header: RegistryHeader?
        var written = 0
        var worst: Int32 = 0
        for file in files {
            do {
                let layout = try RegistryLayout.detect(file: file, profile: profile)
                let report = try layout.importFile(file, onHeader: { fileHeader in
                    if let header {
                        if header.exportedAt != fileHeader.exportedAt {
                            throw ValidationError("\(file) was exported on \(fileHeader.exportedAt), the first file on \(header.exportedAt): export them separately")
                        }
                    } else {
                        header = fileHeader
                        try writer.writeHeader(fileHeader)
                    }
                }, onRecord: { record in
                    try writer.write(record)
                    written += 1
                })
                if report.rejected > 0 {
                    worst = max(worst, 1)
                    warn("\(file): \(report.rejected) record(s) rejected and not written; run techladder import for the reasons")
                }
            } catch let error as XMLError {
                warn("\(file): could not be read\nerror: \(error.renderedForTerminal(of: error.file))")
                worst = 2
            } catch let error as ProfileError {
                warn(error.description)
                worst = 2
            } catch let failure as RegistryWriter.Failure {
                throw CommandFailure(.cannotOpenOrWrite, "cannot write \(output): \(failure.message); nothing was written there")
            }
        }
        if worst == 2 {
            if let file {
                file.discard()
                warn("nothing was written to \(output): a file could not be read (\(written) record(s) read before it were dropped)")
            } else {
                // Streamed already: the document is left unclosed so that it cannot pass for a whole registry.
                warn("standard output is incomplete: a file could not be read; the \(written) record(s) before it were written "
                    + "and </Registry> was left out")
            }
            throw ExitCode(worst)
        }
        do {
            if header != nil { try writer.finish() }
            try file?.commit()
        } catch let failure as RegistryWriter.Failure {
            file?.discard()
            throw CommandFailure(.cannotOpenOrWrite, "cannot write \(output): \(failure.message); nothing was written there")
        }
        warn("\(written) record(s) written to \(output == "-" ? "standard output" : output) as registry format 1")
        if worst != 0 { throw ExitCode(worst) }
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
