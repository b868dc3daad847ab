import LadderCore
import LadderRules

/// The firms behind the report's figures: per district, the firms in the pipeline (符合未认定) and at
/// audit risk (认定不符), and each firm's certified rung per counting date for the ladder movement.
///
/// Pipeline and audit risk follow `Tally`'s definitions (tested to agree district by district).
public struct LadderRoster: Sendable {
    /// One firm as the lists show it.
    public struct Firm: Sendable, Hashable {
        public var id: String
        public var name: String
        public var district: String
        public var certified: Tier?
        public var eligible: Tier?
        /// How close it is (`Closeness.headroom` in the pipeline, `Closeness.shortfall` at audit risk),
        /// nil when not measured (no rules given, or no deciding condition with a number).
        public var closeness: Double?
    }

    /// Where a firm stands on a date: its highest valid rung, or off the ladder (active without a valid
    /// certificate), or deregistered.
    public enum Standing: Hashable, Sendable {
        case off
        case on(Tier)
        case deregistered
    }

    /// Per date, each firm's standing.
    public private(set) var standings: [Day: [String: Standing]] = [:]
    /// Per date and district, the pipeline firms.
    public private(set) var pipeline: [Day: [String: [Firm]]] = [:]
    /// Per date and district, the audit-risk firms.
    public private(set) var auditRisk: [Day: [String: [Firm]]] = [:]

    public init() {}

    /// Adds a firm as read on a date, with its eligibility (nil when not computed). With `ladder`, a
    /// listed firm's rung is assessed in full to measure how close it is (`Closeness`).
    public mutating func add(_ firm: Enterprise, eligibility: Eligibility?, on day: Day, ladder: Ladder? = nil) {
        let certified = firm.certifiedTier(on: day)
        guard firm.isActive else {
            standings[day, default: [:]][firm.id] = .deregistered
            return
        }
        standings[day, default: [:]][firm.id] = certified.map(Standing.on) ?? .off
        guard let eligibility else { return }
        let district = GroupNames.key(of: firm, by: .district)
        let entry = Firm(id: firm.id, name: firm.name, district: district, certified: certified, eligible: eligibility.tier)
        func assessed(_ tier: Tier) -> TierAssessment? { ladder?.assess(firm, asOf: day, tiers: [tier])[tier] }
        if let eligible = eligibility.tier, certified.map({ eligible > $0 }) ?? true {
            var listed = entry
            listed.closeness = assessed(eligible).flatMap(Closeness.headroom)
            pipeline[day, default: [:]][district, default: []].append(listed)
        }
        if let certified, eligibility.tier.map({ $0 < certified }) ?? true, !eligibility.undetermined.contains(certified) {
            var listed = entry
            listed.closeness = assessed(certified).flatMap(Closeness.shortfall)
            auditRisk[day, default: [:]][district, default: []].append(listed)
        }
    }

    /// Adds what another roster holds (files of one date read separately).
    public mutating func merge(_ other: LadderRoster) {
        for (day, firms) in other.standings { standings[day, default: [:]].merge(firms) { _, new in new } }
        for (day, lists) in other.pipeline { for (district, firms) in lists { pipeline[day, default: [:]][district, default: []] += firms } }
        for (day, lists) in other.auditRisk { for (district, firms) in lists { auditRisk[day, default: [:]][district, default: []] += firms } }
    }

    /// A list in the order the report shows it: closest first (the largest `closeness`: in the
    /// pipeline the firms that clear their narrowest condition by most, at audit risk the firms that
    /// miss by most), unmeasured firms last; then higher rung first, uncertified first, by name.
    public static func ordered(_ firms: [Firm], byEligible: Bool) -> [Firm] {
        firms.sorted { a, b in
            switch (a.closeness, b.closeness) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: break
            }
            func rank(_ tier: Tier?) -> Int { tier.flatMap { Tier.allCases.firstIndex(of: $0) } ?? -1 }
            let ra = rank(byEligible ? a.eligible : a.certified), rb = rank(byEligible ? b.eligible : b.certified)
            if ra != rb { return ra > rb }
            if (a.certified == nil) != (b.certified == nil) { return a.certified == nil }
            return a.name < b.name
        }
    }
}

/// How firms moved on the ladder between two counting dates.
public struct LadderMovement: Sendable {
    /// Per rung: firms that entered it (new to the registry or from off the ladder), moved up into it,
    /// moved down into it, lapsed from it (still active, no valid certificate) and left from it
    /// (deregistered or no longer exported).
    public struct Row: Sendable, Hashable {
        public var tier: Tier
        public var entered = 0, movedUp = 0, movedDown = 0, lapsed = 0, left = 0
        public var before = 0, after = 0
    }

    public var from: Day
    public var to: Day
    public var rows: [Row]
    /// Flows between standings (before → after), for the flow chart; firms that stay put included.
    public var flows: [Key: Int]

    /// A flow's ends: `nil` rung means off the ladder, new or gone.
    public struct Key: Hashable, Sendable {
        public var before: Tier?
        public var after: Tier?
        public init(before: Tier?, after: Tier?) {
            self.before = before
            self.after = after
        }
    }

    public init(from: Day, before: [String: LadderRoster.Standing], to: Day, after: [String: LadderRoster.Standing]) {
        self.from = from
        self.to = to
        var rows = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0, Row(tier: $0)) })
        var flows: [Key: Int] = [:]
        func rung(_ standing: LadderRoster.Standing?) -> Tier? {
            if case .on(let tier) = standing { return tier }
            return nil
        }
        for id in Set(before.keys).union(after.keys) {
            let old = before[id], new = after[id]
            let a = rung(old), b = rung(new)
            if let a { rows[a]?.before += 1 }
            if let b { rows[b]?.after += 1 }
            if a != nil || b != nil { flows[Key(before: a, after: b), default: 0] += 1 }
            switch (a, b) {
            case (nil, let b?): rows[b]?.entered += 1
            case (let a?, let b?) where b > a: rows[b]?.movedUp += 1
            case (let a?, let b?) where b < a: rows[b]?.movedDown += 1
            case (let a?, nil):
                if case .off = new { rows[a]?.lapsed += 1 } else { rows[a]?.left += 1 }
            default: break
            }
        }
        self.rows = Tier.allCases.compactMap { rows[$0] }
        self.flows = flows
    }
}
