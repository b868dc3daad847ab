import ArgumentParser
import LadderCore
import LadderReports

/// `techladder tally`: technology enterprises per district (zone, industry, domain) on a date.
struct Tally: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count technology enterprises per district, zone, industry or domain on a date.",
        discussion: """
            A technology enterprise is an active firm holding a valid tech-SME registration, high-tech \
            certificate or leading listing on the date, counted once at its highest valid rung. Beside it: \
            eligible firms (the rules say they qualify), the pipeline (eligible but not certified at that rung) \
            and the audit risk (certified but failing the rules). Exit codes: 0 done; 2 a file could not be read.
            """
    )

    @OptionGroup var input: ReportInputOptions

    @Option(help: "Group by district, zone, industry or domain.")
    var by: Grouping = .district

    @Option(help: "Output format: table, csv, json, markdown or html.")
    var format: TallyFormat = .table

    func run() throws {
        let targets = try input.loadTargets()
        let data = try input.read(by: by, trend: format == .html)
        let snapshots = data.tallies
        guard let latest = snapshots.last else { throw ValidationError("no registry data was read") }
        var rows = TallyRows(latest, targets: targets)
        rows.notes = data.notes
        if let district = input.districtFilter { rows.restrict(to: district, targets: targets) }
        switch format {
        case .table: print(rows.table())
        case .markdown: print(rows.markdown(), terminator: "")
        case .csv: print(rows.csv(), terminator: "")
        case .json: print(try rows.json())
        case .html:
            let history = snapshots.dropLast().map(\.snapshot)
            let progress = LadderReports.Progress(latest: latest.snapshot, history: history, targets: targets)
            print(HTMLReport(rows: rows, progress: progress).render(), terminator: "")
        }
    }
}

/// The output formats of a tally.
enum TallyFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html
}

extension Grouping: ExpressibleByArgument {}
