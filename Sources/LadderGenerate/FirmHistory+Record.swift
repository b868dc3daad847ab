import LadderCore
import LadderRules

/// A firm as the registry shows it on a date: the view the export writes and the record the rules
/// judge when the firm applies for a certificate.
extension FirmHistory {
    /// Whether the firm exists (is founded) on a date.
    func exists(on date: Day) -> Bool { plan.founded <= date }

    /// Whether the firm is deregistered on a date.
    func deregistered(on date: Day) -> Bool { plan.deregistered.map { $0 <= date } ?? false }

    /// Index in `District.qingdao` of the district on a date (after a move, the new one).
    func district(on date: Day) -> Int {
        if let move = plan.move, date.year >= move.year { return move.district }
        return identity.district
    }

    /// The district code written on a date: a planted retired code stays until the firm moves.
    func districtCode(on date: Day) -> [UInt8] {
        if let move = plan.move, date.year >= move.year { return Catalog.districtCodes[move.district] }
        return identity.districtCode
    }

    /// The finance years an export or application on a date shows: the three closed years before it.
    func financeWindow(on date: Day) -> ArraySlice<FinanceFigures> {
        guard let first = years.first?.year else { return [] }
        let low = max(0, date.year - 3 - first), high = min(years.count, date.year - first)
        return low < high ? years[low..<high] : []
    }

    /// The expert scores on record on a date: those of the latest HNTE certificate issued by then.
    func scores(on date: Day) -> [Int] {
        certificates.last { $0.kind == .highTech && $0.issued <= date }?.scores ?? []
    }

    /// Fills `record` with the firm as of a date, for the rules. `before` keeps only certificates issued
    /// strictly before the date (an application); `scores` replaces the expert scores on record.
    func fill(_ record: inout Enterprise, asOf date: Day, before: Bool, scores: [Int]? = nil) {
        record.id = "G"
        record.name = "G"
        record.district = Catalog.districtStrings[district(on: date)]
        record.zone = nil
        record.industry = industry.map { String(decoding: $0, as: UTF8.self) }
        record.techDomain = writesDomain ? Catalog.domains[sector] : nil
        record.registeredOn = plan.founded
        record.status = deregistered(on: date) ? .deregistered : .active
        record.resident = resident
        record.taxAssessment = deemedTax.map { $0 ? .deemed : .actualProfit }
        record.finance.removeAll(keepingCapacity: true)
        for f in financeWindow(on: date) { record.finance.append(Self.financeYear(f)) }
        record.ip.removeAll(keepingCapacity: true)
        for line in ip where line.count(in: date.year) > 0 {
            record.ip.append(IPHolding(ipClass: line.classOne ? .one : .two, kind: line.kind,
                                       count: line.count(in: date.year), acquired: line.transfer ? .transfer : .own))
        }
        record.certifications.removeAll(keepingCapacity: true)
        for c in certificates where before ? c.issued < date : c.issued <= date {
            let revoked = c.revoked.flatMap { $0 <= date ? $0 : nil }
            record.certifications.append(Certification(kind: c.kind, issued: c.issued, expires: c.expires, revoked: revoked))
        }
        record.awards = awards.filter { $0.year <= date.year }.map { Award(level: $0.level, year: $0.year, rank: $0.rank) }
        record.rdInstitutions = institutions.filter { $0.since <= date }.map { RDInstitution(level: $0.level, since: $0.since) }
        record.standards = standards.filter { $0.year <= date.year }.map {
            Standard(level: $0.level, role: $0.lead ? .lead : .participant, year: $0.year)
        }
        record.incidents = incidents.filter { $0.date <= date }.map { Incident(kind: $0.kind, date: $0.date) }
        record.expertScores.removeAll(keepingCapacity: true)
        for (item, points) in zip(Catalog.expertItems, scores ?? self.scores(on: date)) where points >= 0 {
            record.expertScores.append(ExpertScore(item: item, points: points))
        }
        record.consortia = consortia.map { Consortium(role: $0.lead ? .lead : .member, level: $0.level) }
    }

    static func financeYear(_ f: FinanceFigures) -> FinanceYear {
        var year = FinanceYear(year: f.year)
        for field in FinanceField.all { year[field] = f[field] }
        return year
    }
}

/// Asks the shipped rulebooks whether a firm meets a rung on a date. Holds one `Ladder` and a scratch
/// record: use one per thread.
final class Assessor {
    let ladder: Ladder
    private var record = Enterprise(id: "G", name: "G", district: "")
    /// Applications judged (for the summary and the benchmarks).
    private(set) var applications = 0

    init(ladder: Ladder) { self.ladder = ladder.copy() }

    /// The rules' verdict on `tier` for the firm as it applies on `date` (certificates issued before it).
    func verdict(_ firm: FirmHistory, tier: Tier, on date: Day, scores: [Int]? = nil) -> TierVerdict {
        applications += 1
        firm.fill(&record, asOf: date, before: true, scores: scores)
        let assessment = ladder.assess(record, asOf: date, tiers: [tier], evidence: false)
        return assessment[tier]?.verdict ?? .undetermined
    }
}
