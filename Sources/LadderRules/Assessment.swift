import LadderCore

/// The outcome for one rung: qualified, not qualified, or undetermined from what is on record.
public enum TierVerdict: String, Sendable, CaseIterable {
    case qualified
    case notQualified = "not-qualified"
    case undetermined

    /// The Chinese word for the verdict, as the tables and pages use it.
    public var chineseName: String {
        switch self {
        case .qualified: "符合"
        case .notQualified: "不符合"
        case .undetermined: "待定"
        }
    }

    /// The tier verdict for a three-valued test result.
    public init(_ verdict: Verdict) {
        switch verdict {
        case .pass: self = .qualified
        case .fail: self = .notQualified
        case .unknown: self = .undetermined
        }
    }
}

/// One criterion's evidence: observed value, threshold, margin, points, verdict and citation.
public struct CriterionResult: Sendable {
    /// The criterion's definition (names, citation, bands).
    public let criterion: Criterion
    /// pass / fail / unknown.
    public var verdict: Verdict
    /// The observed value (the measure, or the left side of the comparison), as a range.
    public var value: Interval?
    /// The threshold (right side of the comparison), as a range.
    public var threshold: Interval?
    /// Points given (scores only).
    public var points: Interval?
    /// Index of the band the value falls in, when it falls in exactly one.
    public var band: Int?
    /// Facts this criterion needed and did not find.
    public var missing: MissingFields

    /// Criterion id.
    public var id: String { criterion.id }
    /// Chinese name.
    public var name: String { criterion.name }
    /// English name.
    public var nameEn: String { criterion.nameEn }
    /// Citation.
    public var citation: String { criterion.cite }

    /// How far the value is on the passing side of the threshold (negative: short by that much). For
    /// scores: distance to the next band up (negative), nil at the top band.
    public var margin: Interval? {
        CriterionResult.margin(of: criterion, value: value, threshold: threshold, band: band)
    }

    /// `margin` of a result with these parts (for writers that read results where they lie; inlinable,
    /// so that the audit's call, for every criterion of every firm, costs no call or retain).
    @inlinable
    public static func margin(of criterion: Criterion, value: Interval?, threshold: Interval?, band: Int?) -> Interval? {
        guard let value else { return nil }
        if criterion.kind == .score {
            guard let band, band > 0, let from = criterion.bandFloors[band - 1] else { return nil }
            return value - Interval(from)
        }
        guard let threshold, let comparator = criterion.comparator else { return nil }
        switch comparator {
        case .atLeast, .above: return value - threshold
        case .atMost, .below: return threshold - value
        case .equal, .notEqual: return nil
        }
    }

    /// The threshold as text: `≥ 10%` for comparisons, the band for scores.
    public var thresholdText: String? {
        if criterion.kind == .score {
            guard let band else { return nil }
            if criterion.bands[band].whenText == "true" { return "otherwise" }
            return criterion.bands[band].describe(unit: criterion.unit)
        }
        guard let threshold, let op = criterion.comparison else { return nil }
        return "\(op) \(ValueFormat.text(threshold, unit: criterion.unit))"
    }
}

/// The assessment of one firm on one rung.
public struct TierAssessment: Sendable {
    /// The rung.
    public let tier: Tier
    /// The rulebook used.
    public let rulebook: Rulebook
    /// The rule version in force on the date (nil: none, verdict undetermined).
    public let version: RuleVersion?
    /// qualified / not-qualified / undetermined.
    public var verdict: TierVerdict
    /// The total score range, when the rung is scored.
    public var score: Interval?
    /// How the verdict was reached: `score`, a route id, or nil when not qualified.
    public var route: String?
    /// Every criterion, in rulebook order.
    public var criteria: [CriterionResult]
    /// What to collect to decide an undetermined verdict.
    public var missing: MissingFields
    /// The accounting year used as the data year.
    public var dataYear: Int
    /// Review flags raised (see `ReviewFlag`).
    public var flags: UInt32

    /// The rule version id, or nil.
    public var ruleVersion: String? { version?.id }

    /// Notes every audit prints: the rulebook's notice, unverified settings with the reading chosen,
    /// and review flags.
    public var notes: [String] {
        var result: [String] = []
        if let notice = rulebook.notice { result.append(notice) }
        if version == nil { result.append("no rule version in force on the date") }
        for setting in version?.settings ?? [] where setting.isUnverified {
            result.append("setting \(setting.id) = \(setting.value) [U]: \(setting.note)")
        }
        result += ReviewFlag.decode(flags).map(\.message)
        return result
    }

    /// Names of the facts to collect, e.g. `Finance[2024].RDExpense`.
    public var missingNames: [String] { missing.names(dataYear: dataYear) }
}

/// One firm on every rung, on one assessment date.
public struct FirmAssessment: Sendable {
    /// Unified social credit code.
    public var id: String
    /// Firm name.
    public var name: String
    /// GB/T 2260 district code.
    public var district: String
    /// The assessment date.
    public var asOf: Day
    /// Highest rung with a valid certificate on the date, or nil.
    public var certified: Tier?
    /// Highest rung qualified by the rules, or nil.
    public var eligible: Tier?
    /// The rungs assessed, in ladder order.
    public var rungs: [TierAssessment]

    /// The rungs by tier.
    public var tiers: [Tier: TierAssessment] {
        Dictionary(rungs.map { ($0.tier, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The assessment of one rung, if it was assessed.
    public subscript(tier: Tier) -> TierAssessment? { rungs.first { $0.tier == tier } }
}

/// One firm's verdict on every rung, without the evidence (`Ladder.verdicts(_:asOf:)`).
public struct RungVerdicts: Hashable, Sendable {
    /// Highest rung qualified by the rules, or nil.
    public private(set) var eligible: Tier?
    /// One bit per rung (`1 << (rung - 1)`) whose verdict is undetermined.
    private var undeterminedBits: UInt8 = 0

    /// No rung assessed yet.
    public init() {}

    /// The rungs whose verdict is undetermined.
    public var undetermined: Set<Tier> {
        if undeterminedBits == 0 { return [] }
        return Set(Tier.allCases.filter { undeterminedBits & (1 << ($0.rung - 1)) != 0 })
    }

    mutating func record(_ verdict: TierVerdict, on tier: Tier) {
        switch verdict {
        case .qualified: eligible = max(eligible ?? tier, tier)
        case .undetermined: undeterminedBits |= 1 << (tier.rung - 1)
        case .notQualified: break
        }
    }
}

/// What a search reads of one rung after a change (`Ladder.probe`): the verdict, how many gates and
/// prerequisites fail, how many pass marks fail, and the score — the parts of a `TierAssessment` that
/// decide whether a change helps.
public struct RungProbe: Hashable, Sendable {
    public var verdict: TierVerdict
    public var failingConditions: Int
    public var failingPass: Int
    public var score: Interval?
}
