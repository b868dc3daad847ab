import LadderCore
import LadderRules

/// How close one district is to putting more firms on the ladder.
public struct DistrictReach: Sendable, Hashable {
    /// The district code (retired codes counted under their successor).
    public var district: String
    /// Firms assessed.
    public var firms = 0
    /// Active firms holding a valid certificate on some rung: the ladder count today, as `tally`
    /// counts 科技型企业 (deregistered firms do not count).
    public var onLadder = 0
    /// Active firms with no valid certificate that already qualify for a rung (the part of the tally's
    /// pipeline 符合未认定 with no certificate at all).
    public var qualifiedUnregistered = 0
    /// Firms on no rung whose closest plan (tech SME or high-tech) is within the distance.
    public var withinReach = 0
    /// Firm-rungs within the distance, whatever the firm's standing.
    public var reachableRungs = 0
}

/// Collects near misses firm by firm and tallies, per district, how far they would move the city's
/// count of technology firms (target: 22,000 by 2028).
public struct NearMissReport: Sendable {
    /// The city's 2028 target for technology firms (tech SMEs and high-tech firms), 《行动计划(2024—2028年)》.
    public static let target = 22_000
    /// Only plans at most this far count as within reach (nil: every plan).
    public var within: Double?
    /// Every near miss, in the order added.
    public private(set) var entries: [NearMiss] = []
    /// The tally per district.
    public private(set) var districts: [String: DistrictReach] = [:]

    /// Creates an empty report.
    public init(within: Double? = nil) { self.within = within }

    /// Whether a distance is within reach.
    public func isWithin(_ distance: Double?) -> Bool {
        guard let distance else { return false }
        return within.map { distance <= $0 + 1e-12 } ?? true
    }

    /// Adds one firm: its assessment and its near misses.
    public mutating func add(_ firm: Enterprise, _ assessment: FirmAssessment, _ nearMisses: [NearMiss]) {
        let code = District.retired[firm.district]?.successor ?? firm.district
        var reach = districts[code] ?? DistrictReach(district: code)
        reach.firms += 1
        let standing = FirmStanding(firm, assessment)
        if standing.isCounted(as: .certified) {
            reach.onLadder += 1
        } else if standing.pipeline != nil {
            reach.qualifiedUnregistered += 1
        } else if standing.active {
            let closest = nearMisses.filter { $0.tier != .leading }.compactMap(\.distance).min()
            if isWithin(closest) { reach.withinReach += 1 }
        }
        reach.reachableRungs += nearMisses.filter { isWithin($0.distance) }.count
        districts[code] = reach
        entries += nearMisses
    }

    /// Reachable near misses within the distance, closest first.
    public var ranked: [NearMiss] {
        entries.filter { isWithin($0.distance) }.sortedByDistance()
    }

    /// Entries that are not reachable (impossible, undetermined, no plan), by rung and firm.
    public var unreachable: [NearMiss] {
        entries.filter { $0.outcome != .reachable }.sortedByDistance()
    }

    /// District tallies in code order.
    public var districtList: [DistrictReach] { districts.values.sorted { $0.district < $1.district } }

    /// The sum of all districts.
    public var total: DistrictReach {
        districts.values.reduce(into: DistrictReach(district: "all")) { sum, d in
            sum.firms += d.firms
            sum.onLadder += d.onLadder
            sum.qualifiedUnregistered += d.qualifiedUnregistered
            sum.withinReach += d.withinReach
            sum.reachableRungs += d.reachableRungs
        }
    }

    /// Counts of unreachable entries by outcome.
    public var outcomeCounts: [NearMissOutcome: Int] {
        entries.reduce(into: [:]) { counts, entry in
            if entry.outcome != .reachable { counts[entry.outcome, default: 0] += 1 }
        }
    }

    /// The most common reasons an entry is impossible, with their counts, most common first.
    /// (The reason up to its evidence: `size.staff 职工总数 / Staff`, in Chinese `size.staff 职工总数`.)
    public func topImpossibleReasons(_ limit: Int = 5, language: Language = .en) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for entry in entries where entry.outcome == .impossible {
            let (reasons, colon): ([String], Character) = language == .zh ? (entry.reasonsZh, "：") : (entry.reasons, ":")
            for reason in reasons {
                let rung = language == .zh ? entry.tier.chineseName + "：" : entry.tier.rawValue + ": "
                let key = rung + (reason.split(separator: colon).first.map(String.init) ?? reason)
                counts[key, default: 0] += 1
            }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// The definition of distance printed with every near-miss report.
    public static let distanceDefinition = """
        distance = Σ over the plan's changes of amount ÷ scale; scale = the changed field's current value \
        (R&D, tech staff, high-tech revenue, sales, conversions, Class I / Class II IP) or, when zero or \
        unknown, what the rules divide it by (sales, staff, total income); a certificate or the tax method \
        counts 1, waiting days ÷ 365. 0.25 = a quarter more than today.
        """
}
