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
    /// Read-only connections for the requests' reads (SQLite blocks: they run off the concurrency pool).
    private let readers: [RegistryStore]
    private let nextReader = Atomic<Int>(0)
    /// Snapshot facts by parts and date; at most `maxFacts` (a million-firm roster is about 80 MB).
    private let cache = Mutex<(tasks: [CacheKey: Task<SnapshotFacts, any Error>], order: [CacheKey])>(([:], []))
    private let tallyCache = Mutex<[TallyKey: Task<Tally, any Error>]>([:])
    private let findingsCache = Mutex<[FindingKey: Task<String, any Error>]>([:])
    static let maxFacts = 3

    private struct CacheKey: Hashable { var parts: [Int64], asOf: Day }
    private struct TallyKey: Hashable { var parts: [Int64], asOf: Day, grouping: Grouping, verdicts: Bool }
    private struct FindingKey: Hashable { var parts: [Int64], asOf: Day, kind: FindingKind }

    init(databasePath: String, rulesDirectory: String, targetsFile: String) throws {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw ServerError.startup("no registry database at \(databasePath); import an export first: techladder import FILE --db \(databasePath)")
        }
        store = try RegistryStore(path: databasePath, readOnly: true)
        readers = try (0..<4).map { _ in try RegistryStore(path: databasePath, readOnly: true) }
        self.databasePath = databasePath
        self.rulesDirectory = rulesDirectory
        rulebooks = try Ladder.load(directory: rulesDirectory).rulebooks
        targets = try Targets.load(file: targetsFile)
    }

    /// A ladder for one request or one computation (a `Ladder` keeps scratch state: one per thread).
    func ladder() -> Ladder { Ladder(rulebooks: rulebooks) }

    /// Runs a blocking read on one of the read connections, off the concurrency pool.
    func read<T: Sendable>(_ body: @escaping @Sendable (RegistryStore) throws -> T) async throws -> T {
        let reader = readers[nextReader.add(1, ordering: .relaxed).oldValue % readers.count]
        return try await Self.offload { try body(reader) }
    }

    // MARK: Snapshots

    func snapshots() async throws -> [Snapshot] { try await read { try $0.snapshots() } }

    /// The snapshot (every file) exported on `date` (`YYYY-MM-DD`), or the latest when nil.
    /// - Throws: `ServerError.badRequest` for a malformed date, `.notFound` when there is none.
    func snapshot(_ date: String?) async throws -> DatedSnapshot {
        if let date {
            guard let day = Day(date) else { throw ServerError.badRequest("snapshot must be a date YYYY-MM-DD, not '\(date)'") }
            guard let found = try await read({ try $0.snapshot(dated: day) }) else { throw ServerError.notFound("no snapshot exported on \(day)") }
            return found
        }
        guard let latest = try await read({ try $0.latestSnapshotDate() }) else {
            throw ServerError.notFound("the database holds no snapshot yet; import an export with techladder import FILE --db \(databasePath)")
        }
        return latest
    }

    /// The snapshot's facts on a date (default its export date), computed on first use and kept until
    /// `maxFacts` others are newer; an upload makes new parts, so a new key.
    func facts(_ snapshot: DatedSnapshot, asOf: Day? = nil) async throws -> SnapshotFacts {
        let key = CacheKey(parts: snapshot.partIDs, asOf: asOf ?? snapshot.exportedAt)
        let task = cache.withLock { cache in
            if let task = cache.tasks[key] { return task }
            while cache.order.count >= Self.maxFacts { cache.tasks[cache.order.removeFirst()] = nil }
            let path = databasePath, rulebooks = rulebooks
            let task = Task<SnapshotFacts, any Error> {
                try await Self.offload {
                    // A connection of its own: the scan must not hold up the requests' reads.
                    try SnapshotFacts.compute(store: RegistryStore(path: path, readOnly: true), snapshot: snapshot.parts[snapshot.parts.count - 1],
                                              dated: snapshot, asOf: key.asOf, ladder: Ladder(rulebooks: rulebooks))
                }
            }
            cache.tasks[key] = task
            cache.order.append(key)
            return task
        }
        do {
            return try await task.value
        } catch {
            cache.withLock { cache in
                cache.tasks[key] = nil
                cache.order.removeAll { $0 == key }
            }
            throw error
        }
    }

    /// A tally by a grouping: the facts' own when they have it, else `RegistryStore.tally` (what
    /// `tally --db --by` runs), kept per snapshot.
    func tally(_ facts: SnapshotFacts, by grouping: Grouping) async throws -> Tally {
        if let found = facts.tallies[grouping] { return found }
        return try await tally(facts.dated, asOf: facts.asOf, by: grouping, verdicts: facts.source == .stored)
    }

    private func tally(_ snapshot: DatedSnapshot, asOf: Day?, by grouping: Grouping, verdicts: Bool) async throws -> Tally {
        let key = TallyKey(parts: snapshot.partIDs, asOf: asOf ?? snapshot.exportedAt, grouping: grouping, verdicts: verdicts)
        let task = tallyCache.withLock { cache in
            if let task = cache[key] { return task }
            if cache.count >= 64 { cache.removeAll() }
            let path = databasePath
            let task = Task<Tally, any Error> {
                try await Self.offload {
                    try RegistryStore(path: path, readOnly: true).tally(snapshot, asOf: asOf, by: grouping, verdicts: verdicts).tally
                }
            }
            cache[key] = task
            return task
        }
        return try await task.value
    }

    /// Tally rows with the targets, as `tally` builds them (no notes: the API names no server file).
    func rows(_ facts: SnapshotFacts, by grouping: Grouping = .district) async throws -> TallyRows {
        TallyRows(try await tally(facts, by: grouping), targets: targets)
    }

    /// Where a page's figures come from, in words for a bureau reader.
    func notes(_ facts: SnapshotFacts, _ lang: Lang) -> [String] {
        let files = facts.dated.parts.count
        var notes = [lang.english
            ? "Data: the registry exported on \(facts.dated.exportedAt) (\(files) file\(files == 1 ? "" : "s"))."
            : "数据：\(facts.dated.exportedAt) 导出的登记数据（\(files) 个文件）。"]
        let versions = rulebooks.map { book in
            let version = book.version(on: facts.asOf)?.id
            return lang.english ? "\(book.nameEn) \(version.map { "(\($0))" } ?? "(not in force)")"
                : "\(book.name)\(version.map { "（\($0)版）" } ?? "（未生效）")"
        }
        notes.append(lang.english ? "Eligibility: judged by the rules \(versions.joined(separator: ", "))."
            : "符合条件：按\(versions.joined(separator: "、"))判定。")
        return notes
    }

    /// The snapshots exported before `snapshot`, oldest first: the trend `progress` draws.
    func history(before snapshot: DatedSnapshot) async throws -> [DatedSnapshot] {
        try await read { try $0.snapshotDates() }.filter { $0.exportedAt < snapshot.exportedAt }
    }

    /// Progress of the five indicators: this snapshot, and the earlier ones for the trend (tallied
    /// without eligibility, as `progress --db` reads them, by `RegistryStore.tally`).
    func progress(_ facts: SnapshotFacts) async throws -> LadderReports.Progress {
        var readings: [IndicatorSnapshot] = []
        for earlier in try await history(before: facts.dated) {
            readings.append(try await tally(earlier, asOf: nil, by: .district, verdicts: false).snapshot)
        }
        return LadderReports.Progress(latest: facts.tally.snapshot, history: readings, targets: targets)
    }

    // MARK: Firms

    /// One firm as stored in a snapshot, or nil.
    func enterprise(_ id: String, in snapshot: DatedSnapshot) async throws -> Enterprise? {
        try await read { try $0.enterprise(id: id, in: snapshot) }
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
    func history(of id: String) async throws -> FirmHistory? { try await read { try $0.history(of: id) } }

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
    func findings(_ kind: FindingKind, in snapshot: DatedSnapshot, asOf: Day? = nil) async throws -> String {
        let day = asOf ?? snapshot.exportedAt
        let key = FindingKey(parts: snapshot.partIDs, asOf: day, kind: kind)
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

    private static func computeFindings(_ kind: FindingKind, store: RegistryStore, snapshot: DatedSnapshot, asOf day: Day,
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
