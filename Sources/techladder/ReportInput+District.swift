import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

extension ReportInputOptions {
    /// Reads tallies from the database firm by firm (`StoreFirms`: stored verdicts, else assessed now), as
    /// the file path tallies them: for one district (`--district`), since the database's aggregates are
    /// city-wide, and when some firms have no stored verdicts (files imported after the last `assess`).
    func readDatabaseFirms(_ path: String, by grouping: Grouping, trend: Bool) throws -> ReportData {
        let filter = districtFilter
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: path)
        let history = trend ? try store.snapshotDates().filter { $0.exportedAt < chosen.exportedAt } : []
        let ladder = try loadLadder()
        var tallies: [LadderReports.Tally] = []
        var source = StoreFirms.Source.none
        for item in history + [chosen] {
            let latest = item.exportedAt == chosen.exportedAt
            let day = latest ? (asOf.flatMap { Day($0) } ?? item.exportedAt) : item.exportedAt
            var scope = filter.map { DistrictScope($0) }
            var tally = LadderReports.Tally(asOf: day, by: grouping, eligibilityComputed: latest && ladder != nil)
            let read = try StoreFirms.forEach(store, item, on: day, ladder: latest ? ladder : nil) { firm, eligibility in
                let record = RegistryRecord.enterprise(firm)
                guard scope?.keeps(record) != false else { return }
                tally.add(firm, eligibility: eligibility ?? .none)
            }
            if latest { source = read }
            for platform in try store.platforms(in: item) where scope?.keeps(.platform(platform)) != false { tally.add(platform) }
            for contract in try store.contracts(in: item) where scope?.keeps(.contract(contract)) != false { tally.add(contract) }
            for broker in try store.brokers(in: item) where scope?.keeps(.broker(broker)) != false { tally.add(broker) }
            tallies.append(tally)
        }
        var notes = [Note.database(path, chosen)]
        if let filter { notes.append(DistrictScope.note(filter)) }
        if let note = source.note { notes.append(note) }
        return ReportData(tallies: tallies, notes: notes)
    }
}
