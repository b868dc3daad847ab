import ArgumentParser
import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

/// `techladder report`: one self-contained HTML dashboard.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report: headline progress, districts, the firms behind them, ladder movement, trend.",
        discussion: """
            The file has no scripts, no network references and no web fonts; charts are inline SVG. \
            From a database without stored verdicts, the report assesses the firms itself. The file is \
            written whole or not at all.

            \(ExitStatus.helpTable)
            """
    )

    @OptionGroup var input: ReportInputOptions

    @Option(name: [.short, .long], help: "The HTML file to write.", completion: .file(extensions: ["html"]))
    var output: String

    @OptionGroup var language: LanguageOption

    /// The roster filled while the files are read (on the reading thread).
    final class RosterBox { var roster = LadderRoster() }

    func run() throws {
        let targets = try input.loadTargets()
        let box = RosterBox()
        // The lists' firms are assessed in full on their rung to order them by how close they are.
        let ladder = try input.loadLadder()
        let data = try input.read(by: .district) { firm, eligibility, day in
            box.roster.add(firm, eligibility: eligibility, on: day, ladder: ladder)
        }
        var snapshots = data.tallies
        var notes = data.notes
        if let path = input.databasePath, let latest = snapshots.last {
            let recounted = try rosterFromDatabase(path, latest: latest, ladder: ladder, into: &box.roster)
            if let recounted {
                snapshots[snapshots.count - 1] = recounted
                notes = []
            }
        }
        guard let latest = snapshots.last else { throw ValidationError("no registry data was read") }
        let progress = LadderReports.Progress(
            latest: latest.snapshot, history: snapshots.dropLast().map(\.snapshot), targets: targets)
        var rows = TallyRows(latest, targets: targets)
        rows.notes = notes.map { $0.text(language.resolved) }
        if let district = input.districtFilter { rows.restrict(to: district, targets: targets) }
        var report = HTMLReport(rows: rows, progress: progress, language: language.resolved)
        report.roster = box.roster
        let html = report.render()
        try AtomicFile.write(Data(html.utf8), to: output)
        print("wrote \(output) (\(html.utf8.count) bytes, \(snapshots.count) counting date(s), as of \(latest.asOf))")
    }

    /// From the database: the chosen snapshot's firms, assessed (for the lists, and for the counts when
    /// no verdicts are stored), and the previous date's standings (for the movement).
    /// - Returns: the latest tally recounted firm by firm when it had no eligibility, else nil.
    func rosterFromDatabase(_ path: String, latest: LadderReports.Tally, ladder: Ladder?, into roster: inout LadderRoster) throws
        -> LadderReports.Tally?
    {
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: input.snapshot.flatMap { Day($0) }, path: path)
        let day = latest.asOf
        var firms = LadderReports.Tally(asOf: day, by: .district, eligibilityComputed: ladder != nil)
        try store.forEachEnterprise(in: chosen) { firm in
            let eligibility = ladder.map { Eligibility($0.verdicts(firm, asOf: day)) }
            roster.add(firm, eligibility: eligibility, on: day, ladder: ladder)
            firms.add(firm, eligibility: eligibility ?? .none)
        }
        let earlier = try store.snapshots().filter { $0.exportedAt < chosen.exportedAt }
        if let previous = earlier.max(by: { ($0.exportedAt, $0.id) < ($1.exportedAt, $1.id) }) {
            try store.forEachEnterprise(in: previous) { roster.add($0, eligibility: nil, on: previous.exportedAt) }
        }
        return !latest.eligibilityComputed && ladder != nil ? latest.replacingFirms(with: firms) : nil
    }
}
