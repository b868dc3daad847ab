import ArgumentParser
import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

extension Audit {
    /// The finding audits over a snapshot of the database (`--snapshot DATE`, else the latest): the
    /// same checks as over its files, in the same order (file by file, in import order). Positions
    /// are the ones the import stored; record ids in more than one file of the date are reported by
    /// `--data-quality` with both positions.
    func runFindingsDatabase() throws {
        let ladder = try DataFolders.ladder(rules)
        let tiers: Set<Tier>? = tier.isEmpty ? nil : Set(tier.compactMap(Tier.init(rawValue:)))
        let wanted = Set(firm)
        let path = db ?? RegistryStore.defaultPath
        let store = try RegistryStore.openExisting(path)
        let chosen = try StoreVerdicts.snapshot(store, on: snapshot.flatMap { Day($0) }, path: path)
        let day = asOf.flatMap { Day($0) } ?? chosen.exportedAt
        let scope = districtFilter
        let included: @Sendable (Enterprise) -> Bool = { firm in
            (wanted.isEmpty || wanted.contains(firm.id)) && (scope?.contains(firm.district) ?? true)
        }
        var results = FindingResults(date: day, nearMisses: NearMissReport(within: findings.within))
        switch findings.selected {
        case "data-quality":
            for part in chosen.parts {
                var inPart: Set<String> = []  // the part's firms this run covers, for their import issues
                try store.forEachEnterprise(in: DatedSnapshot(exportedAt: chosen.exportedAt, parts: [part])) { firm in
                    guard included(firm) else { return }
                    inPart.insert(firm.id)
                    results.quality += results.checker.check(firm, asOf: day)
                }
                for (issues, rejected) in [(try store.rejectedRecords(in: part), true), (try store.importWarnings(in: part), false)] {
                    for issue in issues where wanted.isEmpty || issue.recordID.map(wanted.contains) == true {
                        if scope != nil && issue.recordID.map(inPart.contains) != true { continue }
                        if let finding = results.checker.importIssue(recordID: issue.recordID, element: issue.element,
                                                                     reason: issue.reason, position: issue.position,
                                                                     rejected: rejected) {
                            results.quality.append(finding)
                        }
                    }
                }
                if part.warningCount == nil {
                    FileHandle.standardError.write(Data(
                        "note: \(part.fileName) was imported before importer warnings were kept; findings from them (retired district codes) need a new import of the file\n".utf8))
                }
            }
            for conflict in try store.conflicts(in: chosen) where wanted.isEmpty || wanted.contains(conflict.id) {
                let finding = try Self.finding(conflict, store: store, snapshot: chosen)
                if let scope, !scope.contains(finding.district) { continue }
                results.quality.append(finding)
            }
        case "discrepancies":
            try store.forEachEnterprise(in: chosen) { firm in
                if included(firm) { results.discrepancies.add(firm, ladder.assess(firm, asOf: day, tiers: tiers)) }
            }
        default:
            try nearMisses(store: store, snapshot: chosen, ladder: ladder, tiers: tiers, included: included, asOf: day) {
                results.nearMisses.add($0.firm, $0.assessment, $0.nearMisses)
            }
        }
        try emitFindings(results)
    }

    /// The near-miss search over a snapshot on both threads: firms are read on a second thread, which
    /// also searches while the pipeline is full, and this one searches and takes results in order.
    private func nearMisses(
        store: RegistryStore, snapshot: DatedSnapshot, ladder: Ladder, tiers: Set<Tier>?,
        included: @escaping @Sendable (Enterprise) -> Bool, asOf day: Day, into add: (NearMissFirm) -> Void
    ) throws {
        let workers = [NearMissWorker(ladder: ladder.copy()), NearMissWorker(ladder: ladder.copy())]
        let pipeline = Pipeline<[Enterprise], [NearMissFirm]>(capacity: 8) { firms, worker, _ in
            firms.map { workers[worker].search($0, asOf: day, tiers: tiers) }
        }
        try pipeline.run(produce: { pipeline in
            var batch: [Enterprise] = []
            batch.reserveCapacity(64)
            try store.forEachEnterprise(in: snapshot) { firm in
                guard included(firm) else { return }
                batch.append(firm)
                guard batch.count == 64 else { return }
                try pipeline.put(batch, helpingAs: 1)
                batch.removeAll(keepingCapacity: true)
            }
            if !batch.isEmpty { try pipeline.put(batch, helpingAs: 1) }
        }, consume: { $0.forEach(add) })
    }

    /// A data-quality finding for a record id found in two files of one snapshot.
    private static func finding(_ conflict: RecordConflict, store: RegistryStore, snapshot: DatedSnapshot) throws
        -> DataQualityFinding
    {
        let firm = conflict.element == "Enterprise" ? try store.enterprise(id: conflict.id, in: snapshot) : nil
        return DataQualityFinding(
            severity: .high, kind: .duplicateFirm, firmID: conflict.id, firmName: firm?.name ?? "",
            district: firm?.district ?? "", field: "\(conflict.element)@id", value: conflict.id,
            expected: "one record per id in the files of one date",
            message: "\(conflict.element) \(conflict.id) is also in \(conflict.standing), imported later: that record "
                + "counts and this one (\(conflict.shadowed)) is left out",
            position: conflict.shadowed)
    }
}
