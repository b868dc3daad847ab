import LadderCore
import LadderRules

/// One change in a near-miss plan.
public struct NearMissStep: Sendable, Hashable {
    /// What is changed.
    public var move: NearMissMove
    /// How much (yuan for money, items, staff or days; 1 for a yes/no change).
    public var amount: Int64
    /// The finance year changed, for finance moves.
    public var year: Int?
    /// The criteria that go from fail to pass with this step.
    public var criteria: [String]
    /// The change in the words a person acts on, e.g. `+¥1.24M R&D in 2024`.
    public var text: String
    /// This step's share of the distance: `amount / scale` (see `NearMiss.distance`).
    public var distance: Double
}

/// What stands between a firm and a rung it is not on.
public enum NearMissOutcome: String, Sendable {
    /// A plan of changes puts the firm on the rung.
    case reachable
    /// The rules rule it out whatever the firm does (a size limit exceeded, an excluded industry, …).
    case impossible
    /// The verdict is undetermined: data must be collected before any plan.
    case undetermined
    /// No plan of up to `NearMissSearch.maxSteps` changes was found.
    case noPlan = "no-plan"

    /// The Chinese label, as the reports use it.
    public var chineseName: String {
        switch self {
        case .reachable: "可达"
        case .impossible: "按规则不可能"
        case .undetermined: "数据不足待定"
        case .noPlan: "无方案"
        }
    }
}

/// The smallest change found that would put a firm on one rung.
///
/// **Distance** is the sum over the plan's steps of the relative change of what is changed:
/// `amount / scale`, where the scale is the field's current value in the data year (R&D, tech staff,
/// high-tech revenue, sales, conversions, Class I or Class II IP items), or — when that is zero or
/// unknown — the figure the rules divide it by (sales for R&D, staff for tech staff, total income for
/// high-tech revenue). Yes/no changes (a high-tech certificate, switching to actual-profit tax
/// assessment) count 1; waiting counts days / 365. So 0.25 means "a quarter more than today".
public struct NearMiss: Sendable {
    /// Credit code, name and district of the firm.
    public var firmID: String, firmName: String, district: String
    /// The rung aimed at.
    public var tier: Tier
    /// Its verdict today.
    public var verdict: TierVerdict
    /// Its score today (scored rungs).
    public var score: Interval?
    /// Whether the firm is on no rung at all today (no valid certificate, qualifies for none).
    public var offLadder: Bool
    /// What was found.
    public var outcome: NearMissOutcome
    /// The changes, in the order they are applied (`reachable` only).
    public var steps: [NearMissStep]
    /// Why the rung cannot be reached (`impossible`) or what to collect (`undetermined`).
    public var reasons: [String]
    /// The same reasons in Chinese, one for one.
    public var reasonsZh: [String] = []
    /// Where the firm's record starts.
    public var position: SourcePosition?

    /// The plan's distance (nil unless reachable).
    public var distance: Double? { outcome == .reachable ? steps.reduce(0) { $0 + $1.distance } : nil }

    /// Closest first; unreachable entries last, by rung and firm.
    public static func ordered(_ a: NearMiss, _ b: NearMiss) -> Bool { OrderKey(a).precedes(OrderKey(b)) }

    /// What the order reads of an entry, worked out once (a plan's distance adds up its steps).
    struct OrderKey {
        let distance: Double?, outcome: String, tier: Tier, firmID: String

        init(_ entry: NearMiss) {
            (distance, outcome, tier, firmID) = (entry.distance, entry.outcome.rawValue, entry.tier, entry.firmID)
        }

        func precedes(_ other: OrderKey) -> Bool {
            switch (distance, other.distance) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                if outcome != other.outcome { return outcome < other.outcome }
                if tier != other.tier { return tier < other.tier }
                return firmID < other.firmID
            }
        }
    }
}

extension [NearMiss] {
    /// In `NearMiss.ordered`'s order, comparing keys worked out once per entry rather than copies of
    /// entries.
    func sortedByDistance() -> [NearMiss] {
        let keys = map(NearMiss.OrderKey.init)
        return indices.sorted { keys[$0].precedes(keys[$1]) }.map { self[$0] }
    }
}
