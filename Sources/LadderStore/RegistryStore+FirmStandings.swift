import GRDB
import StoreSupport
import LadderCore

/// One firm of a snapshot as a tally classifies it, read without rebuilding the firm: what
/// ``RegistryStore/firmClassCounts(in:on:groupBy:withVerdicts:)`` counts, one firm at a time, with its
/// id and name (for lists and search).
public struct FirmClassRow: Sendable {
    public var id: String
    public var name: String
    /// The raw `district` column (nil when NULL).
    public var district: String?
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
}

extension RegistryStore {
    /// Streams every firm of a snapshot (shadowed records left out, part by part in import order) with
    /// the classes a tally distinguishes: the same certificate validity and stored-verdict codes as
    /// ``firmClassCounts(in:on:groupBy:withVerdicts:)``, in two or three ordered scans, no firm rebuilt.
    /// - Parameters:
    ///   - snapshot: the snapshot to read.
    ///   - date: the date certificates must be valid on; the export date when nil.
    ///   - withVerdicts: also read the verdicts stored in `assessment` for the snapshot.
    ///   - body: called once per firm.
    /// - Throws: `DatabaseError`, or what `body` throws.
    public func forEachFirmClass(
        in snapshot: DatedSnapshot, on date: Day? = nil, withVerdicts: Bool,
        _ body: (FirmClassRow) throws -> Void
    ) throws {
        let day = (date ?? snapshot.exportedAt).description
        try dbQueue.read { db in
            for part in snapshot.parts {
                guard let range = try Self.enterpriseRange(of: part.id, in: db) else { continue }
                let codes = withVerdicts ? try VerdictCodes.compute(db, snapshot: part.id, range: range) : []
                let firms = try RawRows(
                    db, sql: """
                        SELECT enterprise_id, id, name, district, status = 'deregistered' FROM enterprise NOT INDEXED
                        WHERE enterprise_id BETWEEN ? AND ? AND snapshot_id = ? AND shadowed = 0 ORDER BY enterprise_id
                        """, arguments: [range.lowerBound, range.upperBound, part.id])
                var certificates = try CertifiedRungs(db, range: range, on: day)
                var next: (id: Int64, rung: Int)?
                func advance() throws { next = try certificates.next() ? (certificates.id, certificates.rung) : nil }
                try advance()
                while try firms.next() {
                    let rowID = firms.int(0)
                    while let pending = next, pending.id < rowID { try advance() }
                    let held = next.flatMap { $0.id == rowID ? min(max($0.rung, 0), 3) : nil }
                    let index = Int(rowID - range.lowerBound)
                    let code = index < codes.count ? Int(codes[index]) : 0
                    try body(FirmClassRow(
                        id: firms.string(1) ?? "",
                        name: firms.string(2) ?? "",
                        district: firms.string(3),
                        active: firms.int(4) == 0, certified: Tier(rung: held ?? 0), hasCertificates: held != nil,
                        assessed: code & 128 != 0, eligible: Tier(rung: code & 3),
                        undetermined: Set(Tier.allCases.filter { (code >> 2) & (1 << ($0.rung - 1)) != 0 })))
                }
            }
        }
    }

}
