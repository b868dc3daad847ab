import LadderCore
import LadderReports
import LadderRules
import LadderStore
import Synchronization

/// What the pages and the API need about one snapshot (an export date, all its files) on one date,
/// computed once and kept by `RegistryQueries`: the tally by district and every firm's standing
/// (`FirmRoster`). Counts and standings come from the functions the command line uses:
/// - verdicts stored by `techladder assess` for every firm, on the export date: `RegistryStore.tally`
///   (as `tally --db`) and each firm's `FirmStanding` from the same stored verdicts, no firm rebuilt;
/// - otherwise each firm assessed with the rulebooks and counted by `Tally.add` (as `tally FILE` and
///   `firms --db` without stored verdicts).
final class SnapshotFacts: Sendable {
    /// The date's last-imported file: its date and name for notes and links.
    let snapshot: Snapshot
    let dated: DatedSnapshot
    let asOf: Day
    /// The tallies computed with the firms (by district; every grouping when firms were assessed here).
    let tallies: [Grouping: Tally]
    let roster: FirmRoster
    /// Where eligibility came from.
    let source: EligibilitySource
    /// Rendered pieces of pages (SVG charts, headline), per language, kept with the facts.
    private let rendered = Mutex<[String: [String: String]]>([:])

    enum EligibilitySource: Sendable { case stored, assessed }

    /// Always true: the server judges every firm (kept for the pages' "not computed" branches).
    var eligibilityComputed: Bool { true }
    var tally: Tally { tallies[.district] ?? Tally(asOf: asOf) }

    private init(snapshot: Snapshot, dated: DatedSnapshot, asOf: Day, tallies: [Grouping: Tally], roster: FirmRoster,
                 source: EligibilitySource) {
        self.snapshot = snapshot
        self.dated = dated
        self.asOf = asOf
        self.tallies = tallies
        self.roster = roster
        self.source = source
    }

    func firm(_ id: String) -> FirmRow? { roster.position(of: id).map { FirmRow(roster, $0) } }

    /// A rendered piece, computed on first use.
    func rendered(_ key: String, lang: String, _ make: () throws -> [String: String]) rethrows -> [String: String] {
        if let found = rendered.withLock({ $0[key + "/" + lang] }) { return found }
        let made = try make()
        rendered.withLock { $0[key + "/" + lang] = made }
        return made
    }

    /// Computes the facts of a snapshot on a date (see the type's note for where verdicts come from).
    static func compute(store: RegistryStore, snapshot: Snapshot, dated: DatedSnapshot, asOf day: Day, ladder: Ladder) throws -> SnapshotFacts {
        if day == dated.exportedAt, try store.assessmentCoverage(in: dated).stored {
            let counted = try store.tally(dated, asOf: day, by: .district, verdicts: true)
            if counted.assessed == counted.tally.firmsRead {
                var roster = FirmRoster(capacity: counted.tally.firmsRead)
                try store.forEachFirmClass(in: dated, on: day, withVerdicts: true) { firm in
                    let standing = FirmStanding(active: firm.active, certified: firm.certified, hasCertificates: firm.hasCertificates,
                                                eligibility: Eligibility(firm.eligible, undetermined: firm.undetermined))
                    roster.append(id: firm.id, name: firm.name, district: GroupNames.key(raw: firm.district, by: .district),
                                  standing: standing)
                }
                roster.finish()
                return SnapshotFacts(snapshot: snapshot, dated: dated, asOf: day, tallies: [.district: counted.tally],
                                     roster: roster, source: .stored)
            }
        }
        return try assessed(store: store, snapshot: snapshot, dated: dated, asOf: day, ladder: ladder)
    }

    /// Every firm rebuilt and assessed on `day`, counted by `Tally.add` under every grouping.
    private static func assessed(store: RegistryStore, snapshot: Snapshot, dated: DatedSnapshot, asOf day: Day,
                                 ladder: Ladder) throws -> SnapshotFacts {
        var tallies: [Grouping: Tally] = [:]
        for grouping in Grouping.allCases { tallies[grouping] = Tally(asOf: day, by: grouping, eligibilityComputed: true) }
        var roster = FirmRoster(capacity: dated.counts.enterprises)
        try store.forEachEnterprise(in: dated) { firm in
            let verdicts = Eligibility(ladder.verdicts(firm, asOf: day))
            for grouping in Grouping.allCases { tallies[grouping]?.add(firm, eligibility: verdicts) }
            roster.append(id: firm.id, name: firm.name, district: GroupNames.key(of: firm, by: .district),
                          standing: FirmStanding(firm, asOf: day, eligibility: verdicts))
        }
        roster.finish()
        var records = Tally(asOf: day, by: .district, eligibilityComputed: true)
        for platform in try store.platforms(in: dated) { records.add(platform) }
        for contract in try store.contracts(in: dated) { records.add(contract) }
        for broker in try store.brokers(in: dated) { records.add(broker) }
        for grouping in Grouping.allCases {
            // The records carry no group: merging adds only their sums (R&D, contracts, platforms, brokers).
            var empty = Tally(asOf: day, by: grouping, eligibilityComputed: true)
            empty.merge(records)
            tallies[grouping]?.merge(empty)
        }
        return SnapshotFacts(snapshot: snapshot, dated: dated, asOf: day, tallies: tallies, roster: roster, source: .assessed)
    }
}
