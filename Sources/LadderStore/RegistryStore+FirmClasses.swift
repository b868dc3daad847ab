import GRDB
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
    /// Firms with at least one stored verdict.
    public var firms: Int
    /// The distinct rule versions used (e.g. `high-tech@2016`), sorted.
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
        in snapshot: Snapshot, on date: Day? = nil, groupBy column: FirmGroupColumn = .district, withVerdicts: Bool = false
    ) throws -> [FirmClassCount] {
        let day = (date ?? snapshot.exportedAt).description
        return try dbQueue.read { db in
            guard let range = try Self.enterpriseRange(of: snapshot.id, in: db) else { return [] }
            let low = range.lowerBound
            // Verdict codes per firm, indexed by row id − low: bit 7 assessed, bits 0–1 eligible rung,
            // bits 2–4 undetermined rungs. Built from the assessment key order (firm id), mapped to
            // row ids through the `enterprise_by_id` index, so both sides are read in order.
            var codes: [UInt8] = []
            if withVerdicts {
                codes = [UInt8](repeating: 0, count: Int(range.upperBound - low) + 1)
                let verdicts = try Row.fetchCursor(
                    db, sql: """
                        SELECT e.enterprise_id, a.code FROM (
                            SELECT firm_id,
                                128 + MAX(CASE WHEN verdict = 'pass' THEN
                                    (CASE tier WHEN 'tech-sme' THEN 1 WHEN 'high-tech' THEN 2 WHEN 'leading' THEN 3 ELSE 0 END)
                                    ELSE 0 END)
                                + SUM(CASE WHEN verdict = 'unknown' THEN
                                    (CASE tier WHEN 'tech-sme' THEN 4 WHEN 'high-tech' THEN 8 WHEN 'leading' THEN 16 ELSE 0 END)
                                    ELSE 0 END) AS code
                            FROM assessment WHERE snapshot_id = ?1 GROUP BY firm_id
                        ) a JOIN enterprise e INDEXED BY enterprise_by_id ON e.id = a.firm_id AND e.snapshot_id = ?1
                        """, arguments: [snapshot.id])
                while let row = try verdicts.next() {
                    let id: Int64 = row[0]
                    let code: Int = row[1]
                    codes[Int(id - low)] = UInt8(truncatingIfNeeded: code)
                }
            }
            let firms = try Row.fetchCursor(
                db, sql: """
                    SELECT enterprise_id, \(column.rawValue), status = 'deregistered' FROM enterprise
                    WHERE enterprise_id BETWEEN ? AND ? AND snapshot_id = ? ORDER BY enterprise_id
                    """, arguments: [range.lowerBound, range.upperBound, snapshot.id])
            let certificates = try Row.fetchCursor(
                db, sql: """
                    SELECT enterprise_id, MAX(CASE WHEN issued <= ?3 AND valid_until >= ?3
                                                AND (revoked IS NULL OR revoked > ?3) THEN
                            (CASE kind WHEN 'tech-sme' THEN 1 WHEN 'high-tech' THEN 2 WHEN 'leading' THEN 3 ELSE 0 END)
                            ELSE 0 END)
                    FROM certification WHERE enterprise_id BETWEEN ?1 AND ?2
                    GROUP BY enterprise_id ORDER BY enterprise_id
                    """, arguments: [range.lowerBound, range.upperBound, day])
            var next: (id: Int64, rung: Int)?
            func advance() throws { next = try certificates.next().map { ($0[0], $0[1] ?? 0) } }
            try advance()
            // Key: group index, then bits: 0–1 certified rung, 2 has certificates, 3 deregistered, 8–15 verdict code.
            var groupIndex: [String?: Int] = [:]
            var groups: [String?] = []
            var counts: [Int64: Int] = [:]
            while let row = try firms.next() {
                let id: Int64 = row[0]
                let group: String? = row[1]
                let deregistered: Bool = row[2] ?? false
                while let pending = next, pending.id < id { try advance() }
                var bits = 0
                if let pending = next, pending.id == id { bits = min(max(pending.rung, 0), 3) | 4 }
                if deregistered { bits |= 8 }
                if withVerdicts { bits |= Int(codes[Int(id - low)]) << 8 }
                let index: Int
                if let known = groupIndex[group] {
                    index = known
                } else {
                    index = groups.count
                    groupIndex[group] = index
                    groups.append(group)
                }
                counts[Int64(index) << 16 | Int64(bits), default: 0] += 1
            }
            return counts.map { key, firms in
                let bits = Int(key & 0xFFFF)
                let code = bits >> 8
                return FirmClassCount(
                    group: groups[Int(key >> 16)], active: bits & 8 == 0, certified: Self.tier(rung: bits & 3),
                    hasCertificates: bits & 4 != 0, assessed: code & 128 != 0, eligible: Self.tier(rung: code & 3),
                    undetermined: Set(Tier.allCases.filter { code & (2 << $0.rung) != 0 }), firms: firms)
            }
        }
    }

    private static func tier(rung: Int) -> Tier? { Tier.allCases.first { $0.rung == rung } }

    /// The registry-based sum of R&D expense per finance year over all firms of a snapshot (active or
    /// not), with how many firm-years report it.
    /// - Throws: `DatabaseError`.
    public func researchTotals(in snapshot: Snapshot) throws -> [Int: (total: Money, firmsReporting: Int)] {
        try dbQueue.read { db in
            guard let range = try Self.enterpriseRange(of: snapshot.id, in: db) else { return [:] }
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT year, SUM(rd_expense), COUNT(rd_expense) FROM finance_year
                    WHERE enterprise_id BETWEEN ? AND ? AND rd_expense IS NOT NULL GROUP BY year
                    """, arguments: [range.lowerBound, range.upperBound])
            var totals: [Int: (total: Money, firmsReporting: Int)] = [:]
            for row in rows { totals[row[0]] = (Money(fen: row[1]), row[2]) }
            return totals
        }
    }

    /// How many firms of a snapshot have stored verdicts, and with which rule versions.
    /// - Throws: `DatabaseError`.
    public func assessmentCoverage(in snapshot: Snapshot) throws -> AssessmentCoverage {
        try dbQueue.read { db in
            let firms = try Int.fetchOne(
                db, sql: "SELECT COUNT(DISTINCT firm_id) FROM assessment WHERE snapshot_id = ?",
                arguments: [snapshot.id]) ?? 0
            let versions = try String.fetchAll(
                db, sql: "SELECT DISTINCT rule_version FROM assessment WHERE snapshot_id = ? ORDER BY rule_version",
                arguments: [snapshot.id])
            return AssessmentCoverage(firms: firms, ruleVersions: versions)
        }
    }
}
