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
    public static func ordered(_ a: NearMiss, _ b: NearMiss) -> Bool { ordered(a, b, a.distance, b.distance) }

    /// `ordered` with the two distances worked out already.
    static func ordered(_ a: NearMiss, _ b: NearMiss, _ da: Double?, _ db: Double?) -> Bool {
        switch (da, db) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default:
            if a.outcome != b.outcome { return a.outcome.rawValue < b.outcome.rawValue }
            if a.tier != b.tier { return a.tier < b.tier }
            return a.firmID < b.firmID
        }
    }
}

extension [NearMiss] {
    /// In `NearMiss.ordered`'s order, sorting positions by distances worked out once per entry rather
    /// than once per comparison (a plan's distance adds up its steps).
    func sortedByDistance() -> [NearMiss] {
        let distances = map(\.distance)
        return indices.sorted { NearMiss.ordered(self[$0], self[$1], distances[$0], distances[$1]) }.map { self[$0] }
    }
}
