import ArgumentParser
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
            reaching each target. Exit codes: 0 done; 2 a file could not be read.
            """
    )

    @OptionGroup var input: ReportInputOptions

    @Option(help: "Output format: table, json or markdown.")
    var format: ProgressFormat = .table

    func run() throws {
        let targets = try input.loadTargets()
        let snapshots = try input.read(by: .district, eligibility: false).tallies
        guard let latest = snapshots.last else { throw ValidationError("no registry data was read") }
        let progress = LadderReports.Progress(
            latest: latest.snapshot, history: snapshots.dropLast().map(\.snapshot), targets: targets)
        if let district = input.districtFilter, format != .json {  // the targets stay the city's
            print(DistrictScope.note(district) + " 目标为全市目标 Targets are the city's.\n")
        }
        switch format {
        case .table: print(progress.table())
        case .markdown: print(progress.markdown(), terminator: "")
        case .json: print(try progress.json())
        }
    }
}

/// The output formats of progress.
enum ProgressFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown
}
