import GRDB
import StoreSupport
import LadderCore

/// The enterprise column a tally groups firms by.
public enum FirmGroupColumn: String, CaseIterable, Sendable {
    case district, zone, industry
    case techDomain = "tech_domain"
}

/// A number of firms of one snapshot that look the same to a tally: same group value, status,
/// highest valid certificate on the date, whether they hold certificates at all, and (when stored)
/// the same verdicts. Summing `firms` over all classes gives the snapshot's firm count.
public struct FirmClassCount: Hashable, Sendable {
    /// The raw value of the grouping column (`district` code, `zone`, `industry`, `tech_domain`); nil when NULL.
    public var group: String?
    /// False for firms recorded as deregistered (unknown status counts as active).
    public var active: Bool
    /// The highest rung with a certificate valid on the date, or nil.
    public var certified: Tier?
    /// Whether the firm has any certificate on record, valid or not.
    public var hasCertificates: Bool
    /// Whether stored verdicts were found for the firm (false when verdicts were not asked for).
    public var assessed: Bool
    /// The highest rung whose stored verdict is `pass`, or nil.
    public var eligible: Tier?
    /// The rungs whose stored verdict is `unknown` (undetermined).
    public var undetermined: Set<Tier>
    /// How many firms are in the class.
    public var firms: Int
}

/// What the `assessment` table holds for one snapshot.
public struct AssessmentCoverage: Hashable, Sendable {
    /// Whether any verdict is stored for the snapshot.
    public var stored: Bool
    /// The rule versions used (e.g. `high-tech@2016`), sorted.
    public var ruleVersions: [String]
}

extension RegistryStore {
    /// Counts a snapshot's firms by the classes a tally distinguishes, in SQL and three ordered scans
    /// (firms by row id, their certificates, and the stored verdicts mapped to row ids), so that a
    /// million-firm snapshot is classified in about a second. No firm is rebuilt.
    ///
    /// Certificate validity follows `Certification.isValid(on:)` as ``certifiedTierCounts(in:on:activeOnly:)`` does.
    /// - Parameters:
    ///   - snapshot: the snapshot to count.
    ///   - date: the date certificates must be valid on; the export date when nil.
    ///   - column: the grouping column.
    ///   - withVerdicts: also classify by the verdicts stored in `assessment` for this snapshot.
    /// - Returns: the classes, in no particular order.
    /// - Throws: `DatabaseError`.
    public func firmClassCounts(
        in snapshot: DatedSnapshot, on date: Day? = nil, groupBy column: FirmGroupColumn = .district,
        withVerdicts: Bool = false
    ) throws -> [FirmClassCount] {
        // Each part is counted on its own (shadowed firms left out) and equal classes are summed.
        var merged: [FirmClassCount: Int] = [:]
        var order: [FirmClassCount] = []
        for part in snapshot.parts {
            for var found in try firmClassCounts(part: part, on: date ?? snapshot.exportedAt, groupBy: column,
                                                 withVerdicts: withVerdicts) {
                let firms = found.firms
                found.firms = 0
                if merged[found] == nil { order.append(found) }
                merged[found, default: 0] += firms
            }
        }
        return order.map { key in
            var found = key
            found.firms = merged[key] ?? 0
            return found
        }
    }

    private func firmClassCounts(
        part snapshot: Snapshot, on date: Day, groupBy column: FirmGroupColumn, withVerdicts: Bool
    ) throws -> [FirmClassCount] {
        let day = date.description
        return try dbQueue.read { db in
            guard let range = try Self.enterpriseRange(of: snapshot.id, in: db) else { return [] }
            let low = range.lowerBound
            // Verdict codes per firm (see `VerdictCodes`), computed on a second connection while this
            // one scans firms and certificates (a file database), else after the scan.
            let path = dbQueue.path
            let onFile = withVerdicts && !path.isEmpty && !path.hasPrefix(":memory:") && !path.hasPrefix("file::memory:")
            let verdictJob = onFile ? VerdictCodes.background(path: path, snapshot: snapshot.id, range: range) : nil
            // The group key is computed in SQL (the industry section is the code's first letter), so a
            // snapshot has few distinct keys: they are matched by bytes, without a String per firm.
            let key = column == .industry ? "substr(industry, 1, 1)" : column.rawValue
            let firms = try RawRows(
                db, sql: """
                    SELECT enterprise_id, \(key), status = 'deregistered' FROM enterprise NOT INDEXED
                    WHERE enterprise_id BETWEEN ? AND ? AND snapshot_id = ? AND shadowed = 0 ORDER BY enterprise_id
                    """, arguments: [range.lowerBound, range.upperBound, snapshot.id])
            var certificates = try CertifiedRungs(db, range: range, on: day)
            var next: (id: Int64, rung: Int)?
            func advance() throws { next = try certificates.next() ? (certificates.id, certificates.rung) : nil }
            try advance()
            // Per firm: its group (index into `groups`) and bits 0–1 certified rung, 2 has certificates,
            // 3 deregistered; verdicts are added once they are known.
            var groups: [[UInt8]?] = []
            let size = Int(range.upperBound - low) + 1
            var groupOf = [UInt16](repeating: UInt16.max, count: size)
            var base = [UInt8](repeating: 0, count: size)
            var last = -1
            while try firms.next() {
                let id = firms.int(0)
                while let pending = next, pending.id < id { try advance() }
                var bits: UInt8 = 0
                if let pending = next, pending.id == id { bits = UInt8(min(max(pending.rung, 0), 3)) | 4 }
                if firms.int(2) != 0 { bits |= 8 }
                if last < 0 || !firms.textEquals(1, groups[last]) {
                    if let found = groups.firstIndex(where: { firms.textEquals(1, $0) }) {
                        last = found
                    } else {
                        last = groups.count
                        groups.append(firms.bytes(1))
                    }
                }
                groupOf[Int(id - low)] = UInt16(truncatingIfNeeded: last)
                base[Int(id - low)] = bits
            }
            var codes: [UInt8] = []
            if withVerdicts {
                codes = try verdictJob?.wait() ?? VerdictCodes.compute(db, snapshot: snapshot.id, range: range)
            }
            // Per group, 1,024 counters indexed by bits 0–3 as above and 4–9 the verdict code
            // (assessed, eligible rung, undetermined rungs).
            var counts = [Int](repeating: 0, count: groups.count << 10)
            for index in 0..<size where groupOf[index] != UInt16.max {
                var bits = Int(base[index])
                if withVerdicts {
                    let code = Int(codes[index])
                    bits |= ((code >> 7) & 1) << 4 | (code & 3) << 5 | ((code >> 2) & 7) << 7
                }
                counts[Int(groupOf[index]) << 10 | bits] += 1
            }
            var classes: [FirmClassCount] = []
            for (index, group) in groups.enumerated() {
                let name = group.map { String(decoding: $0, as: UTF8.self) }
                for bits in 0..<1024 where counts[index << 10 | bits] > 0 {
                    let eligible = (bits >> 5) & 3
                    let unknown = (bits >> 7) & 7
                    classes.append(FirmClassCount(
                        group: name, active: bits & 8 == 0, certified: Tier(rung: bits & 3),
                        hasCertificates: bits & 4 != 0, assessed: bits & 16 != 0, eligible: Tier(rung: eligible),
                        undetermined: Set(Tier.allCases.filter { unknown & (1 << ($0.rung - 1)) != 0 }),
                        firms: counts[index << 10 | bits]))
                }
            }
            return classes
        }
    }

    /// The registry-based sum of R&D expense per finance year over all firms of a snapshot (active or
    /// not), with how many firm-years report it; years with nothing reported are absent.
    /// - Throws: `DatabaseError`.
    public func researchTotals(in snapshot: DatedSnapshot) throws -> [Int: (total: Money, firmsReporting: Int)] {
        try dbQueue.read { db in
            var totals: [Int: (total: Money, firmsReporting: Int)] = [:]
            for (year, sum) in try Self.researchSums(db, snapshot, years: nil) {
                totals[year] = (Money(fen: sum.sum), sum.reporting)
            }
            return totals
        }
    }

    /// Per year, R&D expense summed over the snapshot's parts (firms reporting it only).
    private static func researchSums(_ db: Database, _ snapshot: DatedSnapshot, years: ClosedRange<Int>?) throws
        -> [Int: (sum: Int64, reporting: Int)]
    {
        var sums: [Int: (sum: Int64, reporting: Int)] = [:]
        for part in snapshot.parts {
            guard let range = try enterpriseRange(of: part.id, in: db) else { continue }
            for (year, found) in try FinanceSums.compute(db, field: .rdExpense, range: range, part: part.id, years: years) {
                let known = sums[year] ?? (0, 0)
                sums[year] = (known.sum + found.sum, known.reporting + found.reporting)
            }
        }
        return sums
    }

    /// The latest finance year no later than `year` for which a snapshot's firms report R&D expense,
    /// with the sum and how many firms report it, from one pass over the firms' finance years.
    /// - Parameters:
    ///   - year: the latest year wanted (e.g. the last complete year on the report date).
    ///   - lookback: how many earlier years to try before giving up.
    /// - Returns: nil when none of those years has R&D on record.
    /// - Throws: `DatabaseError`.
    public func latestResearchTotal(in snapshot: DatedSnapshot, upTo year: Int, lookback: Int = 9) throws
        -> (year: Int, total: Money, firmsReporting: Int)?
    {
        try dbQueue.read { db in
            let sums = try Self.researchSums(db, snapshot, years: (year - lookback)...year)
            for candidate in stride(from: year, through: year - lookback, by: -1) {
                if let found = sums[candidate], found.reporting > 0 {
                    return (candidate, Money(fen: found.sum), found.reporting)
                }
            }
            return nil
        }
    }

    /// Technology-contract turnover of a snapshot by the year it was signed (registered when
    /// unsigned), as a tally counts it on a date, summed in SQL.
    /// - Returns: per year (contracts dated on or before `date`), the undated contracts, and how many
    ///   are dated after `date`.
    /// - Throws: `DatabaseError`.
    public func contractTotals(in snapshot: DatedSnapshot, on date: Day) throws -> ContractTotals {
        try dbQueue.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT CASE WHEN d IS NULL THEN -1 WHEN d > ? THEN -2 ELSE CAST(substr(d, 1, 4) AS INTEGER) END AS bucket,
                           COALESCE(SUM(amount), 0), COUNT(*)
                    FROM (SELECT COALESCE(signed, registered) AS d, amount FROM tech_contract
                          WHERE snapshot_id IN (\(snapshot.placeholders)) AND shadowed = 0)
                    GROUP BY bucket
                    """, arguments: [date.description] + snapshot.idArguments)
            var totals = ContractTotals()
            for row in rows {
                let bucket: Int = row[0]
                let sum = Money(fen: row[1])
                let count: Int = row[2]
                switch bucket {
                case -1: totals.undated = (sum, count)
                case -2: totals.later = count
                default: totals.byYear[bucket] = (sum, count)
                }
            }
            return totals
        }
    }

    /// Whether a snapshot has stored verdicts, and the rule versions of the first firm assessed
    /// (`techladder assess` uses one set for the whole snapshot): those of the part's first firm with verdicts. Index lookups only; count the firms
    /// with ``firmClassCounts(in:on:groupBy:withVerdicts:)`` (`assessed`).
    /// - Throws: `DatabaseError`.
    public func assessmentCoverage(in snapshot: DatedSnapshot) throws -> AssessmentCoverage {
        try dbQueue.read { db in
            var versions: Set<String> = []
            let rules = Tier.allCases.map { "\(AssessmentWriter.column($0))_rule" }
            for part in snapshot.parts {
                guard let range = try Self.enterpriseRange(of: part.id, in: db),
                      let row = try Row.fetchOne(
                        db, sql: """
                            SELECT \(rules.joined(separator: ", ")) FROM firm_verdict
                            WHERE enterprise_id BETWEEN ? AND ? ORDER BY enterprise_id LIMIT 1
                            """, arguments: [range.lowerBound, range.upperBound])
                else { continue }
                for index in rules.indices { if let rule: String = row[index] { versions.insert(rule) } }
            }
            return AssessmentCoverage(stored: !versions.isEmpty, ruleVersions: versions.sorted())
        }
    }
}

/// Contract turnover of a snapshot on a date, as ``RegistryStore/contractTotals(in:on:)`` sums it.
public struct ContractTotals: Sendable {
    /// Turnover and contracts per year, for contracts dated on or before the date.
    public var byYear: [Int: (turnover: Money, contracts: Int)] = [:]
    /// Contracts with neither a signing nor a registration date.
    public var undated: (turnover: Money, contracts: Int) = (.zero, 0)
    /// Contracts dated after the date (not counted).
    public var later = 0
}
