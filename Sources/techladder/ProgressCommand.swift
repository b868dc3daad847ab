import ArgumentParser
import Foundation
import LadderCore
import LadderReports

/// `techladder progress`: the five 2028 indicators against target and baseline.
struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the five 2028 indicators against their targets and baselines, with the growth still needed.",
        discussion: """
            Indicators from the registry: technology enterprises, the sum of firms' R&D expense (registry-based), \
            provincial-or-higher platforms, technology-contract turnover and technology brokers. With several \
            snapshots (files with different export dates, or a database), the trend and the projected year of \
            reaching each target.

            \(ExitStatus.helpTable)
            """
    )

    @OptionGroup var input: ReportInputOptions

    @Option(help: "Output format: table, json, markdown or xlsx (xlsx needs --output).")
    var format: ProgressFormat = .table

    @OptionGroup var out: OutputOptions

    func validate() throws {
        if format == .xlsx { _ = try out.binaryPath(format: "xlsx") }
    }

    func run() throws {
        let targets = try input.loadTargets()
        let snapshots = try input.read(by: .district, eligibility: false).tallies
        guard let latest = snapshots.last else { throw ValidationError("no registry data was read") }
        var progress = LadderReports.Progress(
            latest: latest.snapshot, history: snapshots.dropLast().map(\.snapshot), targets: targets)
        progress.scopeName = input.districtFilter.map { "\($0.name) \($0.code)" }
        if let district = input.districtFilter {  // the title names it; what counts in it, on standard error
            let scope = DistrictScope.note(district)
            Note(zh: scope.zh + "目标为全市目标。", en: scope.en + " Targets are the city's.").report()
        }
        switch format {
        case .table: try out.emit(progress.table(out.language.resolved) + "\n")
        case .markdown: try out.emit(progress.markdown(out.language.resolved))
        case .json: try out.emit(try progress.json() + "\n")
        case .xlsx: try out.emit(progress.workbook(out.language.resolved))
        }
    }
}

/// The output formats of progress.
enum ProgressFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown, xlsx
}
