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
    /// export date); with `trend`, every earlier export date is tallied too (its last imported
    /// snapshot, on its own export date), for progress and the report.
    func readDatabase(_ path: String, by grouping: Grouping, trend: Bool) throws -> ReportData {
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: path)
        // One snapshot per earlier export date, each with every file of that date.
        let history = trend ? try store.snapshotDates().filter { $0.exportedAt < chosen.exportedAt } : []
        var tallies = try history.map { try StoreTally.tally(store, path: path, $0, asOf: nil, by: grouping, verdicts: false).tally }
        let day = asOf.flatMap { Day($0) } ?? chosen.exportedAt
        let (verdicts, notes) = try eligibilitySource(store, chosen, path: path, day: day)
        let latest = try StoreTally.tally(store, path: path, chosen, asOf: day, by: grouping, verdicts: verdicts)
        tallies.append(latest.tally)
        var all = ["数据库 Database: \(path), snapshot of \(chosen.exportedAt) (\(chosen.fileNames))."]
        all += notes
        if verdicts && latest.assessed < latest.tally.firmsRead {
            all.append("Only \(latest.assessed) of \(latest.tally.firmsRead) firms have stored verdicts; the others count "
                + "as not eligible. Run `techladder assess --db \(path) --snapshot \(chosen.exportedAt)` again.")
        }
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

/// Builds a `Tally` from the database's aggregates.
enum StoreTally {
    /// Tallies one snapshot on a date (default its export date), with stored verdicts as eligibility
    /// when `verdicts` is true. With the database's `path`, the records other than firms are summed on
    /// a second connection, on another thread, while this one counts firms.
    /// - Returns: the tally, and how many firms had stored verdicts.
    static func tally(
        _ store: RegistryStore, path: String? = nil, _ snapshot: DatedSnapshot, asOf: Day?, by grouping: Grouping,
        verdicts: Bool
    ) throws -> (tally: LadderReports.Tally, assessed: Int) {
        let day = asOf ?? snapshot.exportedAt
        let empty = LadderReports.Tally(asOf: day, by: grouping, eligibilityComputed: verdicts)
        final class Box: @unchecked Sendable { var result: Result<LadderReports.Tally, any Error>? }
        let box = Box()
        let group = DispatchGroup()
        if let path {
            DispatchQueue.global().async(group: group) {
                box.result = Result { try records(RegistryStore(path: path), snapshot, into: empty) }
            }
        }
        var tally = empty
        var assessed = 0
        for group in try store.firmClassCounts(in: snapshot, on: day, groupBy: column(grouping), withVerdicts: verdicts) {
            if group.assessed { assessed += group.firms }
            tally.addFirms(
                group.firms, key: GroupNames.key(raw: group.group, by: grouping), active: group.active,
                certified: group.certified, hasCertificates: group.hasCertificates,
                eligibility: Eligibility(group.eligible, undetermined: group.undetermined))
        }
        group.wait()
        tally.merge(try box.result?.get() ?? records(store, snapshot, into: empty))
        return (tally, assessed)
    }

    /// Adds a snapshot's R&D, contracts, platforms and brokers to an empty tally.
    private static func records(_ store: RegistryStore, _ snapshot: DatedSnapshot, into empty: LadderReports.Tally) throws
        -> LadderReports.Tally
    {
        var tally = empty
        // R&D: only the finance year a report uses (the latest with R&D on record, no later than the
        // last complete year), found by trying years downwards; every year when the last ten have none.
        if let latest = try store.latestResearchTotal(in: snapshot, upTo: tally.completeYear) {
            tally.addResearch(year: latest.year, sum: latest.total, firms: latest.firmsReporting)
        } else {
            for (year, sum) in try store.researchTotals(in: snapshot) {
                tally.addResearch(year: year, sum: sum.total, firms: sum.firmsReporting)
            }
        }
        let contracts = try store.contractTotals(in: snapshot, on: tally.asOf)
        for (year, sum) in contracts.byYear { tally.addContracts(year: year, turnover: sum.turnover, contracts: sum.contracts) }
        tally.addContracts(year: nil, turnover: contracts.undated.turnover, contracts: contracts.undated.contracts)
        tally.addLaterContracts(contracts.later)
        for platform in try store.platforms(in: snapshot) { tally.add(platform) }
        for broker in try store.brokers(in: snapshot) { tally.add(broker) }
        return tally
    }

    /// The enterprise column of a grouping.
    static func column(_ grouping: Grouping) -> FirmGroupColumn {
        switch grouping {
        case .district: .district
        case .zone: .zone
        case .industry: .industry
        case .domain: .techDomain
        }
    }
}
