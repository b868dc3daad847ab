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
            and the audit risk (certified but failing the rules).

            \(ExitStatus.helpTable)
            """
    )

    @OptionGroup var input: ReportInputOptions

    @Option(help: "Group by district, zone, industry or domain.")
    var by: Grouping = .district

    @Option(help: "Output format: table, csv, json, markdown, html or xlsx (xlsx needs --output).")
    var format: TallyFormat = .table

    @OptionGroup var out: OutputOptions

    func validate() throws {
        if format == .xlsx { _ = try out.binaryPath(format: "xlsx") }
    }

    func run() throws {
        let targets = try input.loadTargets()
        let data = try input.read(by: by, trend: format == .html)
        let snapshots = data.tallies
        guard let latest = snapshots.last else { throw ValidationError("no registry data was read") }
        let language = out.language.resolved
        var rows = TallyRows(latest, targets: targets)
        rows.notes = data.notes.map { $0.text(language) }
        if let district = input.districtFilter { rows.restrict(to: district, targets: targets) }
        switch format {
        case .table: try out.emit(rows.table(language) + "\n")
        case .markdown: try out.emit(rows.markdown(language))
        case .csv: try out.emit(rows.csv(language))
        case .json: try out.emit(try rows.json() + "\n")
        case .xlsx: try out.emit(rows.workbook(language))
        case .html:
            let history = snapshots.dropLast().map(\.snapshot)
            let progress = LadderReports.Progress(latest: latest.snapshot, history: history, targets: targets)
            try out.emit(HTMLReport(rows: rows, progress: progress, language: language).render())
        }
    }
}

/// The output formats of a tally.
enum TallyFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html, xlsx
}

extension Grouping: ExpressibleByArgument {}
