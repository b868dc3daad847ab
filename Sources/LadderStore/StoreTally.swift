import Foundation
import LadderCore
import LadderReports
import Synchronization

/// The report data of a snapshot read from the database: a `Tally` built from SQL aggregates (firm
/// classes, R&D sums, contract turnover, platforms, brokers) without rebuilding a firm, the same
/// `Tally` the file path builds. For the command line and the web server.
public struct StoreTally: Sendable {
    /// The tally of the snapshot on the date asked for.
    public var tally: Tally
    /// How many firms had stored verdicts (eligibility); the others count as not eligible.
    public var assessed: Int
}

extension RegistryStore {
    /// Tallies one snapshot on a date (default its export date), with stored verdicts as eligibility
    /// when `verdicts` is true. On a database file the records other than firms are summed on a second
    /// connection, on another thread, while this one counts firms.
    /// - Throws: `DatabaseError`, ``StoreError``.
    public func tally(_ snapshot: DatedSnapshot, asOf: Day? = nil, by grouping: Grouping = .district, verdicts: Bool)
        throws -> StoreTally
    {
        let day = asOf ?? snapshot.exportedAt
        let empty = Tally(asOf: day, by: grouping, eligibilityComputed: verdicts)
        let path = dbQueue.path
        let onFile = !path.isEmpty && !path.hasPrefix(":memory:") && !path.hasPrefix("file::memory:")
        let others = BackgroundResult<Tally>()
        if onFile {
            others.start { try RegistryStore(path: path, readOnly: true).records(snapshot, into: empty) }
        }
        var tally = empty
        var assessed = 0
        for group in try firmClassCounts(in: snapshot, on: day, groupBy: Self.column(grouping), withVerdicts: verdicts) {
            if group.assessed { assessed += group.firms }
            tally.addFirms(
                group.firms, key: GroupNames.key(raw: group.group, by: grouping), active: group.active,
                certified: group.certified, hasCertificates: group.hasCertificates,
                eligibility: Eligibility(group.eligible, undetermined: group.undetermined))
        }
        tally.merge(try onFile ? others.wait() : records(snapshot, into: empty))
        return StoreTally(tally: tally, assessed: assessed)
    }

    /// The tallies a progress report or the HTML report reads: every earlier export date on its own
    /// date without verdicts (the trend), then the snapshot asked for, oldest first.
    /// - Throws: `DatabaseError`, ``StoreError``.
    public func tallies(upTo snapshot: DatedSnapshot, asOf: Day? = nil, by grouping: Grouping = .district,
                        verdicts: Bool) throws -> (history: [Tally], latest: StoreTally)
    {
        let earlier = try snapshotDates().filter { $0.exportedAt < snapshot.exportedAt }
        let history = try earlier.map { try tally($0, by: grouping, verdicts: false).tally }
        return (history, try tally(snapshot, asOf: asOf, by: grouping, verdicts: verdicts))
    }

    /// A snapshot's R&D, contracts, platforms and brokers added to an empty tally.
    private func records(_ snapshot: DatedSnapshot, into empty: Tally) throws -> Tally {
        var tally = empty
        // R&D: only the finance year a report uses (the latest with R&D on record, no later than the
        // last complete year), found by trying years downwards; every year when the last ten have none.
        if let latest = try latestResearchTotal(in: snapshot, upTo: tally.completeYear) {
            tally.addResearch(year: latest.year, sum: latest.total, firms: latest.firmsReporting)
        } else {
            for (year, sum) in try researchTotals(in: snapshot) {
                tally.addResearch(year: year, sum: sum.total, firms: sum.firmsReporting)
            }
        }
        let contracts = try contractTotals(in: snapshot, on: tally.asOf)
        for (year, sum) in contracts.byYear { tally.addContracts(year: year, turnover: sum.turnover, contracts: sum.contracts) }
        tally.addContracts(year: nil, turnover: contracts.undated.turnover, contracts: contracts.undated.contracts)
        tally.addLaterContracts(contracts.later)
        for platform in try platforms(in: snapshot) { tally.add(platform) }
        for broker in try brokers(in: snapshot) { tally.add(broker) }
        return tally
    }

    /// The enterprise column of a grouping.
    public static func column(_ grouping: Grouping) -> FirmGroupColumn {
        switch grouping {
        case .district: .district
        case .zone: .zone
        case .industry: .industry
        case .domain: .techDomain
        }
    }
}
