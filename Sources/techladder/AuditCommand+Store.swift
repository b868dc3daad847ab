import Foundation
import ArgumentParser
import LadderCore
import LadderReports
import LadderRules
import LadderStore

extension Audit {
    /// Checks `--db` and `--snapshot` against the files given.
    func validateDatabaseOptions() throws {
        if let snapshot, Day(snapshot) == nil { throw ValidationError("--snapshot must be a date YYYY-MM-DD, not '\(snapshot)'") }
        if !files.isEmpty && db != nil { throw ValidationError("give registry XML files or --db, not both") }
        if !files.isEmpty && snapshot != nil { throw ValidationError("--snapshot reads from the database: drop the files") }
    }

    /// Audits a snapshot of the database (`--snapshot`, else the latest) on `asOf` (default its export
    /// date). Firms are read back from SQLite on this thread and assessed on a second one; with `--firm`
    /// only those firms are read.
    func auditDatabase(ladder: Ladder, tiers: Set<Tier>?, firms wanted: Set<String>, asOf: Day?, into out: AuditOutput)
        throws
    {
        let path = db ?? RegistryStore.defaultPath
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: path)
        let day = asOf ?? chosen.exportedAt
        defer { out.finish() }
        if !wanted.isEmpty {
            var seen: Set<String> = []
            var missing: [String] = []
            for id in firm where seen.insert(id).inserted {
                if let found = try store.enterprise(id: id, in: chosen) {
                    out.emit(ladder.assess(found, asOf: day, tiers: tiers))
                } else {
                    missing.append(id)
                }
            }
            if !missing.isEmpty {
                out.finish()
                FileHandle.standardError.write(Data(
                    "no firm with id \(missing.joined(separator: ", ")) in the snapshot of \(chosen.exportedAt) in \(path)\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        let worker = ladder.copy()
        let pipeline = Pipeline<[Enterprise], [FirmAssessment]>(capacity: 8) { batch, _, _ in
            batch.map { worker.assess($0, asOf: day, tiers: tiers) }
        }
        pipeline.startWorker(as: 1)
        var batch: [Enterprise] = []
        batch.reserveCapacity(256)
        do {
            let scope = districtFilter
            try store.forEachEnterprise(in: chosen) { firm in
                if let scope, !scope.contains(firm.district) { return }  // --district
                batch.append(firm)
                guard batch.count == 256 else { return }
                try pipeline.put(batch) { $0.forEach(out.emit) }
                batch.removeAll(keepingCapacity: true)
            }
            if !batch.isEmpty { try pipeline.put(batch) { $0.forEach(out.emit) } }
            try pipeline.finish { $0.forEach(out.emit) }
        } catch {
            pipeline.cancel()
            pipeline.waitForThreads()
            throw error
        }
    }
}
