import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import LadderStore
import Synchronization

/// All data access of the server: the registry database (read-only), the rulebooks and the targets,
/// reached only through the libraries' public APIs. What a snapshot needs is computed once per
/// snapshot and date and cached (`facts`); single firms are read and assessed per request.
final class RegistryQueries: Sendable {
    let store: RegistryStore
    let databasePath: String
    let rulebooks: [Rulebook]
    let rulesDirectory: String
    let targets: Targets
    private let cache = Mutex<[CacheKey: Task<SnapshotFacts, any Error>]>([:])
    private let findingsCache = Mutex<[FindingKey: Task<String, any Error>]>([:])

    private struct CacheKey: Hashable { var snapshot: Int64, asOf: Day, eligibility: Bool }
    private struct FindingKey: Hashable { var snapshot: Int64, asOf: Day, kind: FindingKind }

    init(databasePath: String, rulesDirectory: String, targetsFile: String) throws {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw ServerError.startup("no registry database at \(databasePath); import an export first: techladder import FILE --db \(databasePath)")
        }
        store = try RegistryStore(path: databasePath, readOnly: true)
        self.databasePath = databasePath
        self.rulesDirectory = rulesDirectory
        rulebooks = try Ladder.load(directory: rulesDirectory).rulebooks
        targets = try Targets.load(file: targetsFile)
    }

    /// A ladder for one request or one computation (a `Ladder` keeps scratch state: one per thread).
    func ladder() -> Ladder { Ladder(rulebooks: rulebooks) }

    // MARK: Snapshots

    func snapshots() throws -> [Snapshot] { try store.snapshots() }

    /// The snapshot exported on `date` (`YYYY-MM-DD`), or the latest when nil.
    /// - Throws: `ServerError.badRequest` for a malformed date, `.notFound` when there is none.
    func snapshot(_ date: String?) throws -> Snapshot {
        if let date {
            guard let day = Day(date) else { throw ServerError.badRequest("snapshot must be a date YYYY-MM-DD, not '\(date)'") }
            guard let found = try store.snapshot(on: day) else { throw ServerError.notFound("no snapshot exported on \(day)") }
            return found
        }
        guard let latest = try store.latestSnapshot() else {
            throw ServerError.notFound("the database holds no snapshot yet; import an export with techladder import FILE --db \(databasePath)")
        }
        return latest
    }

    /// The snapshots exported before `snapshot`, one per date (the last imported), oldest first: the
    /// trend `progress` draws.
    func history(before snapshot: Snapshot) throws -> [Snapshot] {
        var byDate: [Day: Snapshot] = [:]
        for item in try store.snapshots() where item.exportedAt < snapshot.exportedAt { byDate[item.exportedAt] = item }
        return byDate.keys.sorted().compactMap { byDate[$0] }
    }

    /// The snapshot's facts on a date (default its export date), computed on first use and kept.
    func facts(_ snapshot: Snapshot, asOf: Day? = nil, eligibility: Bool = true) async throws -> SnapshotFacts {
        let key = CacheKey(snapshot: snapshot.id, asOf: asOf ?? snapshot.exportedAt, eligibility: eligibility)
        let task = cache.withLock { cache in
            if let task = cache[key] { return task }
            if cache.count >= 12 { cache.removeAll() }  // a bound on memory; recomputed on demand
            let path = databasePath, rulebooks = rulebooks
            let task = Task<SnapshotFacts, any Error> {
                try await Self.offload {
                    // A connection of its own: the scan must not hold up the requests' reads.
                    try SnapshotFacts.compute(store: RegistryStore(path: path, readOnly: true), snapshot: snapshot, asOf: key.asOf,
                                              ladder: Ladder(rulebooks: rulebooks), eligibility: eligibility)
                }
            }
            cache[key] = task
            return task
        }
        do {
            return try await task.value
        } catch {
            _ = cache.withLock { $0.removeValue(forKey: key) }
            throw error
        }
    }

    /// Tally rows with the targets, as `tally` builds them.
    func rows(_ facts: SnapshotFacts, by grouping: Grouping = .district) -> TallyRows {
        var rows = TallyRows(facts.tallies[grouping] ?? facts.tally, targets: targets)
        rows.notes = notes(facts)
        return rows
    }

    /// What the server says about its source (the CLI's notes name the database and the verdicts too).
    func notes(_ facts: SnapshotFacts) -> [String] {
        var notes = ["数据库 Database: \(databasePath), snapshot \(facts.snapshot.id) (exported \(facts.snapshot.exportedAt), \(facts.snapshot.fileName))."]
        if facts.eligibilityComputed {
            let versions = rulebooks.map { "\($0.id)@\($0.version(on: facts.asOf)?.id ?? "none")" }.sorted()
            notes.append("符合条件 Eligibility computed by the server from the rulebooks (rules \(versions.joined(separator: ", "))).")
        }
        return notes
    }

    /// Progress of the five indicators: this snapshot, and the earlier ones for the trend (tallied
    /// without eligibility, as `progress` reads them).
    func progress(_ facts: SnapshotFacts) async throws -> LadderReports.Progress {
        var readings: [IndicatorSnapshot] = []
        for earlier in try history(before: facts.snapshot) {
            readings.append(try await self.facts(earlier, eligibility: false).tally.snapshot)
        }
        return LadderReports.Progress(latest: facts.tally.snapshot, history: readings, targets: targets)
    }

    // MARK: Firms

    /// One firm as stored in a snapshot, or nil.
    func enterprise(_ id: String, in snapshot: Snapshot) throws -> Enterprise? {
        try store.enterprise(id: id, in: snapshot)
    }

    /// One firm assessed on every rung (the evidence `audit --firm` prints).
    func assessment(_ firm: Enterprise, asOf: Day) -> FirmAssessment {
        ladder().assess(firm, asOf: asOf)
    }

    /// What would put the firm on rungs it misses (the near-miss search of `audit --near-miss`).
    func nearMisses(_ firm: Enterprise, _ assessment: FirmAssessment) -> [NearMiss] {
        NearMissSearch(ladder: ladder()).nearMisses(for: firm, assessment: assessment)
    }

    /// The firm's history across snapshots.
    func history(of id: String) throws -> FirmHistory? { try store.history(of: id) }

    /// The audit JSON of firms, framed as `audit --format json` frames it.
    static func auditJSON(_ assessments: [FirmAssessment]) -> String {
        let out = ByteWriter(capacity: 1 << 14)
        out.append("[")
        for (index, firm) in assessments.enumerated() {
            out.append(index == 0 ? "\n" : ",\n")
            AuditJSON.write(firm, into: out)
        }
        out.append(assessments.isEmpty ? "]\n" : "\n]\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    // MARK: Findings

    enum FindingKind: String, CaseIterable, Sendable { case discrepancies, nearMiss = "near-miss", dataQuality = "data-quality" }

    /// A findings audit of a whole snapshot as JSON (the renderers of `audit --discrepancies`,
    /// `--near-miss`, `--data-quality`), computed once per snapshot and kept.
    func findings(_ kind: FindingKind, in snapshot: Snapshot, asOf: Day? = nil) async throws -> String {
        let day = asOf ?? snapshot.exportedAt
        let key = FindingKey(snapshot: snapshot.id, asOf: day, kind: kind)
        let task = findingsCache.withLock { cache in
            if let task = cache[key] { return task }
            if cache.count >= 12 { cache.removeAll() }
            let path = databasePath, rulebooks = rulebooks
            let task = Task<String, any Error> {
                try await Self.offload {
                    try Self.computeFindings(kind, store: RegistryStore(path: path, readOnly: true), snapshot: snapshot, asOf: day, ladder: Ladder(rulebooks: rulebooks))
                }
            }
            cache[key] = task
            return task
        }
        return try await task.value
    }

    private static func computeFindings(_ kind: FindingKind, store: RegistryStore, snapshot: Snapshot, asOf day: Day,
                                        ladder: Ladder) throws -> String {
        switch kind {
        case .discrepancies:
            var audit = DiscrepancyAudit()
            try store.forEachEnterprise(in: snapshot) { audit.add($0, ladder.assess($0, asOf: day)) }
            return AuditRender.render(audit, asOf: day.description, format: .json)
        case .nearMiss:
            var report = NearMissReport()
            let search = NearMissSearch(ladder: ladder.copy())
            try store.forEachEnterprise(in: snapshot) { firm in
                let assessment = ladder.assess(firm, asOf: day)
                report.add(firm, assessment, search.nearMisses(for: firm, assessment: assessment))
            }
            return AuditRender.render(report, asOf: day.description, format: .json)
        case .dataQuality:
            var checker = DataQualityChecker()
            var found: [DataQualityFinding] = []
            try store.forEachEnterprise(in: snapshot) { found += checker.check($0, asOf: day) }
            for rejected in try store.rejectedRecords(in: snapshot) {
                if let finding = checker.importIssue(recordID: rejected.recordID, element: nil, reason: rejected.reason,
                                                     position: rejected.position, rejected: true) {
                    found.append(finding)
                }
            }
            return AuditRender.render(found, checker: checker, asOf: day.description, format: .json)
        }
    }

    /// Runs blocking work (SQLite reads, assessing a snapshot) off the concurrency pool.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
