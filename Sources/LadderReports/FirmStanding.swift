import LadderCore
import LadderRules

/// The figures of a tally a firm is counted in. `Tally` counts through it and `techladder firms`
/// lists through it, so the firms listed under a status are exactly the firms counted in that figure;
/// the discrepancy and near-miss summaries use it too.
public struct FirmStanding: Hashable, Sendable {
    /// False for deregistered firms: they are counted in no figure but `deregistered`.
    public var active: Bool
    /// The highest rung with a certificate valid on the date.
    public var certified: Tier?
    /// The highest rung the rules say it qualifies for (nil also when eligibility was not computed).
    public var eligible: Tier?
    /// Whether eligibility was computed (false: no eligible, pipeline, risk or undetermined figure).
    public var eligibilityComputed: Bool
    /// Active firm with certificates on record, none valid on the date.
    public var lapsed: Bool
    /// The rung it is counted at in the pipeline (符合未认定): eligible above its certified rung.
    public var pipeline: Tier?
    /// The rung it is counted at as audit risk (认定不符): certified on a rung the rules decide it fails.
    public var auditRisk: Tier?
    /// Certified, and the verdict on its certified rung is undetermined (missing data).
    public var undeterminedCertified: Bool

    /// Classifies one firm on a date.
    /// - Parameters:
    ///   - active: false for a deregistered firm.
    ///   - certified: its highest rung with a certificate valid on the date.
    ///   - hasCertificates: whether it holds any certificate, valid or not.
    ///   - eligibility: what the rules say, or nil when not computed.
    public init(active: Bool, certified: Tier?, hasCertificates: Bool, eligibility: Eligibility?) {
        self.active = active
        self.certified = certified
        eligibilityComputed = eligibility != nil
        lapsed = active && certified == nil && hasCertificates
        eligible = nil
        pipeline = nil
        auditRisk = nil
        undeterminedCertified = false
        guard active, let eligibility else { return }
        let eligible = eligibility.tier
        self.eligible = eligible
        if let eligible, certified.map({ eligible > $0 }) ?? true { pipeline = eligible }
        if let certified, eligible.map({ $0 < certified }) ?? true {
            if eligibility.undetermined.contains(certified) { undeterminedCertified = true } else { auditRisk = certified }
        }
    }

    /// A firm as imported, with what the rules say about it on `asOf` (nil: not computed).
    public init(_ firm: Enterprise, asOf: Day, eligibility: Eligibility?) {
        self.init(active: firm.isActive, certified: firm.certifiedTier(on: asOf),
                  hasCertificates: !firm.certifications.isEmpty, eligibility: eligibility)
    }

    /// A firm and its assessment (the assessment's date and verdicts).
    public init(_ firm: Enterprise, _ assessment: FirmAssessment) {
        self.init(firm, asOf: assessment.asOf, eligibility: Eligibility(assessment))
    }

    /// Whether the firm is counted under a status (the tally figure of the same name).
    public func isCounted(as status: TallyStatus) -> Bool {
        switch status {
        case .certified: active && certified != nil
        case .eligible: active && eligible != nil
        case .pipeline: pipeline != nil
        case .risk: auditRisk != nil
        case .undetermined: undeterminedCertified
        case .lapsed: lapsed
        case .deregistered: !active
        }
    }

    /// The rung a status counts the firm at (certified and risk: the certified rung; eligible and
    /// pipeline: the eligible rung), nil when it is not counted there.
    public func rung(for status: TallyStatus) -> Tier? {
        guard isCounted(as: status) else { return nil }
        switch status {
        case .certified, .risk, .undetermined: return certified
        case .eligible, .pipeline: return eligible
        case .lapsed, .deregistered: return nil
        }
    }

    /// The one status a list shows for the firm: what most needs attention first.
    public var status: TallyStatus? {
        let order: [TallyStatus] = [.deregistered, .risk, .undetermined, .pipeline, .certified, .lapsed, .eligible]
        return order.first { isCounted(as: $0) }
    }
}

/// The tally figures a firm can be listed under (`techladder firms --status`).
public enum TallyStatus: String, CaseIterable, Sendable {
    /// 科技型企业: active, a valid certificate on some rung.
    case certified
    /// 符合条件: active, the rules say it qualifies for a rung.
    case eligible
    /// 符合未认定: qualifies above its certified rung (or holds none).
    case pipeline
    /// 认定不符: certified on a rung the rules decide it does not meet.
    case risk
    /// 待定: certified, its rung's verdict undetermined (data missing).
    case undetermined
    /// 证书失效: active, certificates on record, none valid.
    case lapsed
    /// 已注销: deregistered (never counted).
    case deregistered

    /// The Chinese label, as the tally's column or note names the figure.
    public var chineseName: String {
        switch self {
        case .certified: "科技型企业"
        case .eligible: "符合条件"
        case .pipeline: "符合未认定"
        case .risk: "认定不符"
        case .undetermined: "待定"
        case .lapsed: "证书失效"
        case .deregistered: "已注销"
        }
    }

    /// The tally's figure for this status over a group's (or all groups') figures.
    public func count(in group: GroupTally, deregistered: Int) -> Int {
        switch self {
        case .certified: group.certified.total
        case .eligible: group.eligible.total
        case .pipeline: group.pipeline.total
        case .risk: group.auditRisk.total
        case .undetermined: group.undeterminedCertified
        case .lapsed: group.lapsed
        case .deregistered: deregistered
        }
    }
}
