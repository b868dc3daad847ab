import ArgumentParser
import Foundation
import LadderCore
import LadderReports

/// `techladder report`: one self-contained HTML dashboard.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report: headline progress, districts, ladder funnel, trend, pipeline.",
        discussion: """
            The file has no scripts, no network references and no web fonts; charts are inline SVG. \
            Exit codes: 0 written; 2 a file could not be read.
            """
    )

    @OptionGroup var input: ReportInputOptions

    @Option(name: [.short, .long], help: "The HTML file to write.", completion: .file(extensions: ["html"]))
    var output: String

    func run() throws {
        let targets = try input.loadTargets()
        let data = try input.read(by: .district)
        let snapshots = data.tallies
        guard let latest = snapshots.last else { throw ValidationError("no registry data was read") }
        let progress = LadderReports.Progress(
            latest: latest.snapshot, history: snapshots.dropLast().map(\.snapshot), targets: targets)
        var rows = TallyRows(latest, targets: targets)
        rows.notes = data.notes
        if let district = input.districtFilter { rows.restrict(to: district, targets: targets) }
        let html = HTMLReport(rows: rows, progress: progress).render()
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(output): \(error.localizedDescription)")
        }
        print("wrote \(output) (\(html.utf8.count) bytes, \(snapshots.count) snapshot(s), as of \(latest.asOf))")
    }
}
