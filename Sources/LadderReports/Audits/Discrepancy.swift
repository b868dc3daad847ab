import LadderCore
import LadderRules

/// The ways a firm's certification and its rule verdict can disagree.
public enum DiscrepancyKind: String, CaseIterable, Sendable {
    /// Holds a valid certificate for a rung whose conditions it fails on the date.
    case certifiedFailing = "certified-failing"
    /// Has certificates for a rung, none valid on the date (expired or revoked).
    case certificateLapsed = "certificate-lapsed"
    /// Qualifies for a rung by the rules but holds no certificate for it (or above).
    case qualifiedUncertified = "qualified-uncertified"
    /// Holds a valid certificate for a rung whose conditions it fails, but is not counted as audit risk:
    /// the firm is deregistered, or the rung is not the one it is counted at (a lower rung, or it
    /// qualifies for a higher one).
    case failingNotCounted = "certified-failing-not-counted"

    /// The Chinese label used in text tables.
    public var chineseName: String {
        switch self {
        case .certifiedFailing: "已认定但不符合条件"
        case .certificateLapsed: "证书已过期或被撤销"
        case .qualifiedUncertified: "符合条件但未认定"
        case .failingNotCounted: "已认定但不符合条件（未计入认定不符）"
        }
    }
}

/// One disagreement between certification and rules, with the evidence an auditor would check.
public struct Discrepancy: Sendable, Hashable {
    /// How urgent.
    public var severity: AuditSeverity
    /// What disagrees.
    public var kind: DiscrepancyKind
    /// Credit code, name and district of the firm.
    public var firmID: String, firmName: String, district: String
    /// The rung concerned.
    public var tier: Tier
    /// The criterion id (or `certificate` for lapsed certificates, the route for uncertified firms).
    public var criterion: String
    /// The criterion's Chinese and English names.
    public var criterionName: String, criterionNameEn: String
    /// The observed value and the threshold, as people read them.
    public var value: String, threshold: String
    /// The citation of the criterion.
    public var citation: String
    /// What the evidence is (dates of certificates, the score, the rule version).
    public var evidence: String
    /// What a tax or programme auditor would check, in English and in Chinese.
    public var check: String, checkZh: String
    /// Where the firm's record starts.
    public var position: SourcePosition?

    /// Severity first, then higher rungs, district, firm and criterion.
    public static func ordered(_ a: Discrepancy, _ b: Discrepancy) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.tier != b.tier { return a.tier > b.tier }
        if a.district != b.district { return a.district < b.district }
        if a.firmID != b.firmID { return a.firmID < b.firmID }
        return a.criterion < b.criterion
    }
}

/// Finds the discrepancies of one firm from its record and its assessment.
///
/// - A certified firm failing a condition: one finding per failing gate, prerequisite or pass mark,
///   `high` on the high-tech rung (it carries the 15% tax rate), `medium` for tech SMEs, `low` for the
///   leading rung (a local assumption, not law).
/// - Certificates present but none valid: `high` when one was revoked, `medium` when the last one
///   lapsed within a year of the date, `low` for older lapses and deregistered firms.
/// - A firm that qualifies for a rung above its certified one: `info`.
///
/// Certified firms whose rung is undetermined are not findings; `DiscrepancyAudit.uncheckable` counts
/// them so the report can say how many could not be checked.
///
/// Firm counts follow the tally (`FirmStanding`): `certified-failing` firms are the tally's audit risk
/// (认定不符), `qualified-uncertified` firms its pipeline (符合未认定), `uncheckable` its undetermined
/// (待定); failing certificates the tally does not count are `certified-failing-not-counted`.
public struct DiscrepancyAudit: Sendable {
    /// Discrepancies found so far.
    public private(set) var findings: [Discrepancy] = []
    /// Certified firms whose counted rung's verdict is undetermined (data missing), by that rung: the
    /// tally's 待定.
    public private(set) var uncheckable: [Tier: Int] = [:]
    /// Firms examined.
    public private(set) var firms = 0
    /// Firms with at least one finding, per kind (a firm has several rows when several criteria fail).
    public private(set) var firmsByKind: [DiscrepancyKind: Int] = [:]

    /// Creates an empty audit.
    public init() {}

    /// The findings sorted by severity.
    public var sorted: [Discrepancy] { findings.sorted(by: Discrepancy.ordered) }

    /// Examines one firm.
    /// - Parameters:
    ///   - firm: the record as imported.
    ///   - assessment: its assessment on every rung (from `Ladder.assess`).
    public mutating func add(_ firm: Enterprise, _ assessment: FirmAssessment) {
        firms += 1
        let asOf = assessment.asOf
        let standing = FirmStanding(firm, assessment)
        let before = findings.count
        for rung in assessment.rungs {
            let valid = firm.validCertifications(rung.tier, on: asOf)
            if !valid.isEmpty {
                switch rung.verdict {
                case .notQualified:
                    let kind: DiscrepancyKind = standing.auditRisk == rung.tier ? .certifiedFailing : .failingNotCounted
                    certifiedFailing(firm, rung, valid: valid, kind: kind)
                case .undetermined:
                    if standing.undeterminedCertified && standing.certified == rung.tier { uncheckable[rung.tier, default: 0] += 1 }
                case .qualified: break
                }
            } else if standing.active, rung.verdict == .qualified, (standing.certified.map { $0 < rung.tier } ?? true) {
                qualifiedUncertified(firm, rung)
            }
        }
        for tier in Tier.allCases {
            let held = firm.certifications.filter { $0.kind == tier }
            if !held.isEmpty, !held.contains(where: { $0.isValid(on: asOf) }) {
                lapsed(firm, tier, held, asOf: asOf, rung: assessment[tier])
            }
        }
        for kind in Set(findings[before...].map(\.kind)) { firmsByKind[kind, default: 0] += 1 }
    }

    private mutating func certifiedFailing(_ firm: Enterprise, _ rung: TierAssessment, valid: [Certification],
                                           kind findingKind: DiscrepancyKind) {
        var severity: AuditSeverity = switch rung.tier {
        case .highTech: .high
        case .techSME: .medium
        case .leading: .low
        }
        if !firm.isActive { severity = .low }
        let count = findings.count
        let certificates = valid.map { "\($0.number ?? "no number") issued \($0.issued)" }.joined(separator: "; ")
        let version = rung.version.map { "\(rung.rulebook.id)@\($0.id), data year \(rung.dataYear)" } ?? rung.rulebook.id
        for result in rung.criteria where result.verdict == .fail {
            let kind = result.criterion.kind
            guard kind == .gate || kind == .prerequisite || kind == .pass else { continue }
            let unit = result.criterion.unit
            var value = result.value.map { ValueFormat.text($0, unit: unit) } ?? ""
            var threshold = result.thresholdText ?? ""
            if kind == .pass, value.isEmpty, let score = rung.score {
                value = "score " + ValueFormat.text(score, unit: .number)
                threshold = result.criterion.expression
            }
            let check = AuditorCheck.texts(for: result.id, tier: rung.tier)
            findings.append(Discrepancy(
                severity: severity, kind: findingKind, firmID: firm.id, firmName: firm.name,
                district: firm.district, tier: rung.tier, criterion: result.id, criterionName: result.name,
                criterionNameEn: result.nameEn, value: value, threshold: threshold, citation: result.citation,
                evidence: "valid certificate \(certificates); rules \(version)",
                check: check.en, checkZh: check.zh, position: firm.position))
        }
        if findings.count == count {  // not qualified with no failing condition named: still one row per firm
            let check = AuditorCheck.texts(for: "verdict", tier: rung.tier)
            findings.append(Discrepancy(
                severity: severity, kind: findingKind, firmID: firm.id, firmName: firm.name, district: firm.district,
                tier: rung.tier, criterion: "verdict", criterionName: rung.rulebook.name, criterionNameEn: rung.rulebook.nameEn,
                value: rung.verdict.rawValue, threshold: "qualified", citation: "", evidence: "valid certificate \(certificates)",
                check: check.en, checkZh: check.zh, position: firm.position))
        }
    }

    private mutating func qualifiedUncertified(_ firm: Enterprise, _ rung: TierAssessment) {
        let route = rung.route ?? "score"
        let criterion = rung.criteria.first { $0.id == route }
        let score = rung.score.map { ValueFormat.text($0, unit: .number) } ?? ""
        let pass = rung.criteria.first { $0.criterion.kind == .pass }
        var evidence = "no valid \(rung.tier.rawValue) certificate; qualified by \(route)"
        if let notice = rung.rulebook.notice { evidence += "; " + notice }
        findings.append(Discrepancy(
            severity: .info, kind: .qualifiedUncertified, firmID: firm.id, firmName: firm.name,
            district: firm.district, tier: rung.tier, criterion: route,
            criterionName: criterion?.name ?? pass?.name ?? "", criterionNameEn: criterion?.nameEn ?? pass?.nameEn ?? "",
            value: route == "score" ? "score \(score)" : "holds", threshold: route == "score" ? (pass?.criterion.expression ?? "") : "",
            citation: criterion?.citation ?? pass?.citation ?? "", evidence: evidence,
            check: "invite the firm to apply (\(rung.rulebook.name)); confirm the figures behind the verdict",
            checkZh: "邀请企业申报（\(rung.rulebook.name)）；核实判定所依据的数据", position: firm.position))
    }

    private mutating func lapsed(_ firm: Enterprise, _ tier: Tier, _ held: [Certification], asOf: Day,
                                 rung: TierAssessment?) {
        let revoked = held.filter { $0.revoked.map { $0 <= asOf } ?? false }
        let last = held.map(\.lastValidDay).max() ?? asOf
        var severity: AuditSeverity = !revoked.isEmpty ? .high : (asOf.ordinal - last.ordinal <= 365 ? .medium : .low)
        if !firm.isActive && severity != .high { severity = .low }
        let dates = held.sorted { $0.issued < $1.issued }.map { certificate -> String in
            var text = "\(certificate.number ?? "no number") issued \(certificate.issued), valid to \(certificate.lastValidDay)"
            if let when = certificate.revoked { text += ", revoked \(when)" }
            return text
        }.joined(separator: "; ")
        let value = revoked.first?.revoked.map { "revoked \($0)" } ?? "expired \(last)"
        var evidence = dates
        if let rung { evidence += "; rules now: \(rung.verdict.rawValue)" }
        if !firm.isActive { evidence += "; firm deregistered" }
        let check = revoked.isEmpty
            ? "confirm the firm no longer claims \(tier.chineseName) status or benefits; invite a renewal if the rules still hold"
            : "revoked: recover benefits claimed after the revocation date; check the firm is off every list"
        let checkZh = revoked.isEmpty
            ? "确认企业不再以\(tier.chineseName)身份享受待遇；如仍符合条件，邀请其重新申报"
            : "已撤销：追回撤销日后享受的优惠；核实企业已移出各类名单"
        findings.append(Discrepancy(
            severity: severity, kind: .certificateLapsed, firmID: firm.id, firmName: firm.name, district: firm.district,
            tier: tier, criterion: "certificate", criterionName: "证书有效期", criterionNameEn: "Certificate validity",
            value: value, threshold: "valid on \(asOf)", citation: tier == .highTech ? "32号 第十五条 (3 years)" : "当年有效",
            evidence: evidence, check: check, checkZh: checkZh, position: firm.position))
    }
}
