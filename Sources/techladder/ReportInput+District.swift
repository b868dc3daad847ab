import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

extension ReportInputOptions {
    /// Reads tallies of one district (`--district`) from the database: the firms are read back and
    /// tallied one by one (`StoreFirms`: stored verdicts, else assessed now), as the file path tallies
    /// them, since the database's aggregates are city-wide.
    func readDatabaseFirms(_ path: String, by grouping: Grouping, trend: Bool) throws -> ReportData {
        guard let filter = districtFilter else { return try readDatabase(path, by: grouping, trend: trend) }
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: path)
        let history = trend ? try store.snapshotDates().filter { $0.exportedAt < chosen.exportedAt } : []
        let ladder = try loadLadder()
        var tallies: [LadderReports.Tally] = []
        var source = StoreFirms.Source.none
        for item in history + [chosen] {
            let latest = item.exportedAt == chosen.exportedAt
            let day = latest ? (asOf.flatMap { Day($0) } ?? item.exportedAt) : item.exportedAt
            var scope = DistrictScope(filter)
            var tally = LadderReports.Tally(asOf: day, by: grouping, eligibilityComputed: latest && ladder != nil)
            let read = try StoreFirms.forEach(store, item, on: day, ladder: latest ? ladder : nil) { firm, eligibility in
                let record = RegistryRecord.enterprise(firm)
                guard scope.keeps(record) else { return }
                tally.add(firm, eligibility: eligibility ?? .none)
            }
            if latest { source = read }
            for platform in try store.platforms(in: item) where scope.keeps(.platform(platform)) { tally.add(platform) }
            for contract in try store.contracts(in: item) where scope.keeps(.contract(contract)) { tally.add(contract) }
            for broker in try store.brokers(in: item) where scope.keeps(.broker(broker)) { tally.add(broker) }
            tallies.append(tally)
        }
        var notes = ["数据库 Database: \(path), snapshot of \(chosen.exportedAt) (\(chosen.fileNames)).",
                     DistrictScope.note(filter)]
        switch source {
        case .stored: notes.append("符合条件 Eligibility from the verdicts stored by `techladder assess`.")
        case .assessed: notes.append("符合条件 Eligibility assessed now with the rulebooks (no verdicts stored for this snapshot and date).")
        case .none: break
        }
        return ReportData(tallies: tallies, notes: notes)
    }
}
