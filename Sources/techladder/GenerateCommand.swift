import ArgumentParser
import Foundation
import LadderGenerate

/// `techladder generate`: writes synthetic registry exports in format 1, calibrated to a city.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic synthetic registry exports (format 1), calibrated to Qingdao, for tests and benchmarks.",
        discussion: """
            Firms have histories: certificates are issued only when the rulebooks in Rules/ say the firm \
            met the rung on its application year's data. The calibration (Rules/calibration/ID.xml) sets \
            the rates so that `tally` on the export date reproduces the city's counts at --scale 1. The \
            same calibration, seed and firm count always give the same bytes. About 1–2% of firms carry \
            planted data-quality problems that still import (bad check digits, tech staff above \
            employees, domestic R&D above R&D, retired district codes, malformed certificate numbers). \
            A summary goes to standard error. With --years or --split, --output is a directory that \
            receives registry-YEAR.xml or registry-YEAR-DISTRICT.xml.
            """
    )

    @Option(name: .long, help: "How many firms the registry holds (instead of --scale).")
    var firms: Int?

    @Option(name: .long, help: "Calibration id under Rules/calibration/, or a calibration file.")
    var calibration: String = "qingdao-2025"

    @Option(name: .long, help: "Fraction of the calibration's registry to draw (1 = the city's size).")
    var scale: Double?

    @Option(name: .long, help: "Seed of the random draws.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Export year: exportedAt is 31 December of it (default: the calibration's year).")
    var year: Int?

    @Option(name: .long, help: "Export years FIRST-LAST: one export per year of the same firms.")
    var years: String?

    @Option(name: .long, help: "Split each year's export into one file per district ('district').")
    var split: String?

    @Option(name: .long, help: "Rulebook folder that judges the certificates (default: Rules/).")
    var rules: String?

    @Option(name: [.short, .long], help: "File to write ('-' or none: standard output); a directory with --years or --split.")
    var output: String?

    func validate() throws {
        if let firms, firms < 0 { throw ValidationError("--firms must be 0 or more, not \(firms).") }
        if let scale, !(scale > 0 && scale <= 1_000) { throw ValidationError("--scale must be above 0 and at most 1000, not \(scale).") }
        if firms != nil && scale != nil { throw ValidationError("give --firms or --scale, not both.") }
        if year != nil && years != nil { throw ValidationError("give --year or --years, not both.") }
        if let split, split != "district" { throw ValidationError("--split takes 'district', not '\(split)'.") }
        if years != nil || split != nil {
            guard let output, output != "-" else {
                throw ValidationError("--years and --split write several files: give --output DIRECTORY.")
            }
        }
        _ = try yearRange()
    }

    /// `--years FIRST-LAST` (or one year) as a range.
    func yearRange() throws -> ClosedRange<Int>? {
        guard let years else { return nil }
        let parts = years.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let first = parts.first ?? nil, let last = parts.last ?? nil, first <= last
        else { throw ValidationError("--years must be FIRST-LAST (e.g. 2023-2025), not '\(years)'.") }
        return first...last
    }

    func run() throws {
        let generator = try makeGenerator()
        let range = try yearRange() ?? (year ?? generator.year)...(year ?? generator.year)
        guard generator.exportYears.contains(range.lowerBound), generator.exportYears.contains(range.upperBound) else {
            throw ValidationError("calibration \(generator.calibration.id) writes exports for "
                + "\(generator.exportYears.lowerBound)–\(generator.exportYears.upperBound), not \(range.lowerBound)–\(range.upperBound).")
        }
        do {
            if years != nil || split != nil, let output {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                let parts = RegistryGenerator.parts(years: range, splitByDistrict: split != nil)
                let paths = parts.map { (output as NSString).appendingPathComponent($0.fileName) }
                let summaries = try generator.write(parts: parts, paths: paths)
                for (path, summary) in zip(paths, summaries) { Self.printToStandardError(Self.describe(summary, to: path)) }
            } else {
                var single = generator
                single.year = range.lowerBound
                let summary: RegistryGenerator.Summary
                if let output, output != "-" {
                    summary = try single.write(toFile: output)
                } else {
                    summary = try single.write(toFileDescriptor: 1)
                }
                Self.printToStandardError(Self.describe(summary, to: output))
            }
        } catch let error as RegistryGenerator.WriteError {
            Self.printToStandardError("techladder generate: \(error.description)")
            throw ExitCode.failure
        }
    }

    /// The generator for the options: the calibration file, the rulebooks, the size.
    func makeGenerator() throws -> RegistryGenerator {
        let path = calibration.hasSuffix(".xml") ? calibration : Calibration.locate(id: calibration)
        guard let path else {
            throw ValidationError("no calibration '\(calibration)' under Rules/calibration/ (pass an id or a file).")
        }
        do {
            let loaded = try Calibration.load(file: path)
            let ladder = try DataFolders.ladder(rules)
            if let firms {
                return try RegistryGenerator(calibration: loaded, ladder: ladder, firms: firms, seed: seed, year: year)
            }
            return try RegistryGenerator(calibration: loaded, ladder: ladder, scale: scale ?? 1, seed: seed, year: year)
        } catch let error as CalibrationError {
            Self.printToStandardError("techladder generate: \(error)")
            throw ExitCode(2)
        }
    }

    /// Writes a line to standard error (standard output may be carrying the export).
    static func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// One line saying what was written, with the planted problems by kind.
    static func describe(_ summary: RegistryGenerator.Summary, to output: String?) -> String {
        let planted = summary.planted.values.reduce(0, +)
        let kinds = PlantedProblem.allCases.compactMap { kind in summary.planted[kind].map { "\(kind.rawValue) \($0)" } }
        let megabytes = Double(summary.bytes) / 1_048_576
        return "generate: \(summary.firms) firms, \(summary.platforms) platforms, \(summary.contracts) contracts, "
            + "\(summary.brokers) brokers, \(planted) planted problems"
            + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))")
            + ", \((megabytes * 10).rounded() / 10) MiB to \(output ?? "standard output")"
    }
}
