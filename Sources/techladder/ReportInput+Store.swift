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
        var all = [Note.database(path, chosen)]
        all += notes
        return ReportData(tallies: tallies, notes: all)
    }

    /// Whether stored verdicts can give eligibility for a snapshot on a date, and what to say about it.
    private func eligibilitySource(_ store: RegistryStore, _ snapshot: DatedSnapshot, path: String, day: Day) throws
        -> (Bool, [Note])
    {
        if noEligibility { return (false, []) }
        let coverage = try store.assessmentCoverage(in: snapshot)
        let command = "techladder assess --db \(path) --snapshot \(snapshot.exportedAt)"
        guard coverage.stored else {
            let note = Note(
                zh: "\(snapshot.exportedAt) 的快照尚未存储符合条件的结论：请先运行 `\(command)`；符合条件、符合未认定和认定不符显示为未计算。",
                en: "Eligibility not stored yet for the snapshot of \(snapshot.exportedAt): run `\(command)` first; "
                    + "eligible, pipeline and audit-risk figures are shown as not computed.")
            note.report()
            return (false, [note])
        }
        guard day == snapshot.exportedAt else {
            let note = Note(
                zh: "符合条件未计算：\(snapshot.exportedAt) 快照存储的结论是按其导出日 \(snapshot.exportedAt) 评估的，不是 \(day)。"
                    + "要按其他日期评估，请用 --as-of 读取导出文件。",
                en: "Eligibility not computed: the verdicts stored for the snapshot of \(snapshot.exportedAt) are for its "
                    + "export date \(snapshot.exportedAt), not \(day). Read the export file with --as-of to assess on another date.")
            note.report()
            return (false, [note])
        }
        let versions = coverage.ruleVersions.joined(separator: ", ")
        var notes = [Note(zh: "符合条件取自 `techladder assess` 存储的结论（规则 \(versions)）。",
                          en: "Eligibility from the verdicts stored by `techladder assess` (rules \(versions)).")]
        if let current = currentRuleVersions(on: day), !Set(current).isSubset(of: Set(coverage.ruleVersions)) {
            let now = current.joined(separator: ", ")
            let note = Note(zh: "存储的结论按 \(versions) 评估，而现行规则为 \(now)：请运行 `\(command)` 更新。",
                            en: "The stored verdicts used \(versions) but the rulebooks now give \(now): run `\(command)` "
                                + "to refresh them.")
            note.report()
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

