import LadderCore
import LadderRules

/// One criterion whose outcome differs between two rule versions (or exists in only one).
public struct CriterionFlip: Sendable, Hashable {
    /// Criterion id and names.
    public var id: String, name: String, nameEn: String
    /// The verdict under each version (nil: the criterion is not in that version).
    public var from: Verdict?, to: Verdict?
    /// Value and threshold text under each version.
    public var fromValue: String, toValue: String, fromThreshold: String, toThreshold: String
}

/// A firm whose standing changes between two rule sets.
public struct RuleDiffEntry: Sendable, Hashable {
    /// Credit code, name and district.
    public var firmID: String, firmName: String, district: String
    /// The rung whose verdict changes.
    public var tier: Tier
    /// The rung's verdict under each rule set.
    public var fromVerdict: TierVerdict, toVerdict: TierVerdict
    /// The highest qualified rung under each rule set.
    public var fromEligible: Tier?, toEligible: Tier?
    /// The rule versions used.
    public var fromVersion: String, toVersion: String
    /// The criteria that made the verdict flip (gates, prerequisites, pass marks and routes that differ).
    public var flipped: [CriterionFlip]
    /// Where the firm's record starts.
    public var position: SourcePosition?
}

/// Compares firms' assessments under two rule sets: which firms change rung, and which criterion did it.
public struct RuleDiff: Sendable {
    /// The differing firm-rungs, in the order found.
    public private(set) var entries: [RuleDiffEntry] = []
    /// Firms compared.
    public private(set) var firms = 0
    /// Firms whose eligible rung differs.
    public private(set) var rungChanges = 0

    /// Creates an empty comparison.
    public init() {}

    /// Compares one firm's two assessments (same firm, same date).
    public mutating func add(_ firm: Enterprise, from: FirmAssessment, to: FirmAssessment) {
        firms += 1
        if from.eligible != to.eligible { rungChanges += 1 }
        for old in from.rungs {
            guard let new = to[old.tier], old.verdict != new.verdict else { continue }
            entries.append(RuleDiffEntry(
                firmID: firm.id, firmName: firm.name, district: firm.district, tier: old.tier, fromVerdict: old.verdict,
                toVerdict: new.verdict, fromEligible: from.eligible, toEligible: to.eligible,
                fromVersion: "\(old.rulebook.id)@\(old.ruleVersion ?? "-")", toVersion: "\(new.rulebook.id)@\(new.ruleVersion ?? "-")",
                flipped: Self.flips(old, new), position: firm.position))
        }
    }

    /// Criteria (not measures or sub-scores) whose verdict differs, or that only one version has and that
    /// do not pass there.
    static func flips(_ old: TierAssessment, _ new: TierAssessment) -> [CriterionFlip] {
        let decisive: Set<CriterionKind> = [.gate, .prerequisite, .pass, .route]
        var out: [CriterionFlip] = []
        var ids: [String] = []
        for result in old.criteria + new.criteria where decisive.contains(result.criterion.kind) && !ids.contains(result.id) {
            ids.append(result.id)
        }
        for id in ids {
            let a = old.criteria.first { $0.id == id }, b = new.criteria.first { $0.id == id }
            guard a?.verdict != b?.verdict else { continue }
            if a == nil, b?.verdict == .pass { continue }
            if b == nil, a?.verdict == .pass { continue }
            let either = a ?? b
            func value(_ r: CriterionResult?) -> String { r?.value.map { ValueFormat.text($0, unit: r?.criterion.unit ?? .number) } ?? "" }
            out.append(CriterionFlip(id: id, name: either?.name ?? "", nameEn: either?.nameEn ?? "", from: a?.verdict,
                                     to: b?.verdict, fromValue: value(a), toValue: value(b),
                                     fromThreshold: a?.thresholdText ?? "", toThreshold: b?.thresholdText ?? ""))
        }
        return out
    }

    /// The differences between two versions' criteria, in words (added, removed, changed expression).
    public static func criteriaChanges(from old: RuleVersion, to new: RuleVersion) -> [String] {
        var out: [String] = []
        for criterion in new.criteria where criterion.kind != .measure {
            if let before = old.criteria.first(where: { $0.id == criterion.id }) {
                if before.expression != criterion.expression {
                    out.append("changed \(criterion.id): \(before.expression) → \(criterion.expression)")
                }
            } else {
                out.append("added \(criterion.kind.rawValue) \(criterion.id) \(criterion.name): \(criterion.expression)")
            }
        }
        for criterion in old.criteria where criterion.kind != .measure && !new.criteria.contains(where: { $0.id == criterion.id }) {
            out.append("removed \(criterion.kind.rawValue) \(criterion.id) \(criterion.name)")
        }
        for setting in new.settings {
            if let before = old.setting(setting.id), before.value != setting.value {
                out.append("setting \(setting.id): \(before.value) → \(setting.value)")
            }
        }
        return out
    }
}
