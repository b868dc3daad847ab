import ArgumentParser
import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

extension ReportInputOptions {
    /// Reads tallies from the registry database without rebuilding a single firm: firm classes, R&D
    /// sums and certified rungs in SQL, eligibility from the verdicts `techladder assess` stored.
    ///
    /// The chosen snapshot (`--snapshot DATE`, else the latest) is tallied on `--as-of` (default its
    /// export date); with `trend`, every earlier export date is tallied too (on its own export date),
    /// for progress and the report. The tallies come from `RegistryStore.tally` (LadderStore).
    func readDatabase(_ path: String, by grouping: Grouping, trend: Bool) throws -> ReportData {
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: path)
        let day = asOf.flatMap { Day($0) } ?? chosen.exportedAt
        let (verdicts, notes) = try eligibilitySource(store, chosen, path: path, day: day)
        // The trend: one tally per earlier export date, each with every file of that date.
        var history: [LadderReports.Tally] = []
        let latest: StoreTally
        if trend {
            (history, latest) = try store.tallies(upTo: chosen, asOf: day, by: grouping, verdicts: verdicts)
        } else {
            latest = try store.tally(chosen, asOf: day, by: grouping, verdicts: verdicts)
        }
        if verdicts && latest.assessed < latest.tally.firmsRead {
            // Files imported after the last `assess` have no verdicts: the tally is made firm by firm, those
            // firms assessed now, rather than counting them as not eligible.
            return try readDatabaseFirms(path, by: grouping, trend: trend)
        }
        let tallies = history + [latest.tally]
        var all = ["数据库 Database: \(path), snapshot of \(chosen.exportedAt) (\(chosen.fileNames))."]
        all += notes
        return ReportData(tallies: tallies, notes: all)
    }

    /// Whether stored verdicts can give eligibility for a snapshot on a date, and what to say about it.
    private func eligibilitySource(_ store: RegistryStore, _ snapshot: DatedSnapshot, path: String, day: Day) throws
        -> (Bool, [String])
    {
        if noEligibility { return (false, []) }
        let coverage = try store.assessmentCoverage(in: snapshot)
        let command = "techladder assess --db \(path) --snapshot \(snapshot.exportedAt)"
        guard coverage.stored else {
            let note = "符合条件 Eligibility not stored yet for the snapshot of \(snapshot.exportedAt): run `\(command)` first; "
                + "eligible, pipeline and audit-risk figures are shown as not computed."
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
            return (false, [note])
        }
        guard day == snapshot.exportedAt else {
            let note = "符合条件 Eligibility not computed: the verdicts stored for the snapshot of \(snapshot.exportedAt) are for its "
                + "export date \(snapshot.exportedAt), not \(day). Read the export file with --as-of to assess on another date."
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
            return (false, [note])
        }
        var notes = ["符合条件 Eligibility from the verdicts stored by `techladder assess` "
            + "(rules \(coverage.ruleVersions.joined(separator: ", ")))."]
        if let current = currentRuleVersions(on: day), !Set(current).isSubset(of: Set(coverage.ruleVersions)) {
            let note = "The stored verdicts used \(coverage.ruleVersions.joined(separator: ", ")) but the rulebooks now "
                + "give \(current.joined(separator: ", ")): run `\(command)` to refresh them."
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
            notes.append(note)
        }
        return (true, notes)
    }

    /// The rule versions the current rulebooks apply on a date, or nil when they cannot be loaded.
    private func currentRuleVersions(on day: Day) -> [String]? {
        guard let directory = rules ?? ProjectFiles.locate("Rules"), let ladder = try? Ladder.load(directory: directory)
        else { return nil }
        return ladder.rulebooks.map { StoreVerdicts.ruleVersion($0, on: day) }.sorted()
    }
}

