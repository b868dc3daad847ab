import LadderCore
import LadderReports
import LadderRules
import LadderStore

/// What the pages and the API need about one snapshot on one date, computed in one pass over its
/// firms and kept (`RegistryQueries` caches it): the tallies by each grouping, and one row per firm.
struct SnapshotFacts: Sendable {
    var snapshot: Snapshot
    var asOf: Day
    /// The tallies by district, zone, industry and domain (the same firms, four groupings).
    var tallies: [Grouping: Tally]
    /// Every firm, in the order the snapshot stores them.
    var firms: [FirmRow]
    /// Firm id → index in `firms`.
    var index: [String: Int]
    /// Whether eligibility (and with it pipeline, audit risk, undetermined) was computed.
    var eligibilityComputed: Bool

    var tally: Tally { tallies[.district] ?? Tally(asOf: asOf) }

    func firm(_ id: String) -> FirmRow? { index[id].map { firms[$0] } }

    /// Reads a snapshot's firms and records and tallies them on `asOf`. Eligibility is each firm's
    /// verdicts from the rules (`Ladder.verdicts`), as the file path of `tally` computes it; with
    /// `eligibility` false, as `progress` reads earlier snapshots, it is not computed.
    ///
    /// The CLI's `tally --db` counts these in SQL with stored verdicts (`StoreTally`, in the CLI
    /// target, not reachable from here); both feed the same `Tally`, and a test checks that they agree.
    static func compute(
        store: RegistryStore, snapshot: Snapshot, asOf day: Day, ladder: Ladder?, eligibility: Bool = true
    ) throws -> SnapshotFacts {
        let computed = eligibility && ladder != nil
        var tallies: [Grouping: Tally] = [:]
        for grouping in Grouping.allCases {
            tallies[grouping] = Tally(asOf: day, by: grouping, eligibilityComputed: computed)
        }
        var firms: [FirmRow] = []
        firms.reserveCapacity(snapshot.counts.enterprises)
        try store.forEachEnterprise(in: snapshot) { firm in
            let verdicts: Eligibility? = computed ? ladder.map { Eligibility($0.verdicts(firm, asOf: day)) } : nil
            for grouping in Grouping.allCases { tallies[grouping]?.add(firm, eligibility: verdicts ?? .none) }
            firms.append(FirmRow(
                id: firm.id, name: firm.name, district: GroupNames.key(of: firm, by: .district),
                certified: firm.certifiedTier(on: day), eligible: verdicts?.tier,
                statuses: FirmStatuses(firm, asOf: day, eligibility: verdicts)))
        }
        var records = Tally(asOf: day, by: .district, eligibilityComputed: computed)
        for platform in try store.platforms(in: snapshot) { records.add(platform) }
        for contract in try store.contracts(in: snapshot) { records.add(contract) }
        for broker in try store.brokers(in: snapshot) { records.add(broker) }
        for grouping in Grouping.allCases {
            // The records carry no group: merging adds only their sums (R&D, contracts, platforms, brokers).
            var empty = Tally(asOf: day, by: grouping, eligibilityComputed: computed)
            empty.merge(records)
            tallies[grouping]?.merge(empty)
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(firms.count)
        for (position, firm) in firms.enumerated() { index[firm.id] = position }
        return SnapshotFacts(snapshot: snapshot, asOf: day, tallies: tallies, firms: firms, index: index,
                             eligibilityComputed: computed)
    }
}
