import ArgumentParser
import LadderGenerate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `techladder generate`: writes a synthetic registry export in format 1.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic synthetic registry export (format 1) for tests and benchmarks.",
        discussion: """
            The same --firms, --seed and --year always give the same bytes. About 1–2% of firms carry \
            planted data-quality problems that still import (bad check digits, tech staff above \
            employees, domestic R&D above R&D, retired district codes, malformed certificate numbers). \
            A summary goes to standard error.
            """
    )

    @Option(name: .long, help: "How many firms to write.")
    var firms: Int

    @Option(name: .long, help: "Seed of the random draws.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Export year: exportedAt is 31 December of it; finance years run year-3 … year-1 (the closed years).")
    var year: Int = 2025

    @Option(name: [.short, .long], help: "File to write ('-' or none: standard output).")
    var output: String?

    func validate() throws {
        guard firms >= 0 else { throw ValidationError("--firms must be 0 or more, not \(firms).") }
        guard (2000...2100).contains(year) else { throw ValidationError("--year must be in 2000…2100, not \(year).") }
    }

    func run() throws {
        let generator = RegistryGenerator(firms: firms, seed: seed, year: year)
        let summary: RegistryGenerator.Summary
        do {
            if let output, output != "-" {
                summary = try generator.write(toFile: output)
            } else {
                summary = try generator.write(toFileDescriptor: 1)
            }
        } catch {
            Self.printToStandardError("techladder generate: \(error.description)")
            throw ExitCode.failure
        }
        Self.printToStandardError(Self.describe(summary, to: output))
    }

    /// Writes a line to standard error (standard output may be carrying the export).
    static func printToStandardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// One line saying what was written.
    static func describe(_ summary: RegistryGenerator.Summary, to output: String?) -> String {
        let planted = summary.planted.values.reduce(0, +)
        let megabytes = Double(summary.bytes) / 1_048_576
        return "generate: \(summary.firms) firms, \(summary.platforms) platforms, \(summary.contracts) contracts, "
            + "\(summary.brokers) brokers, \(planted) planted problems, "
            + "\((megabytes * 10).rounded() / 10) MiB to \(output ?? "standard output")"
    }
}
