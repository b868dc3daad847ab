import LadderCore

/// One difference in a firm's record between two snapshots.
///
/// `before` nil with `after` set is an addition (a new certificate, a new finance year, a value that
/// became known); the reverse is a removal. Values are rendered as text: money in yuan with two
/// decimals, unknown as `unknown`.
public struct FirmChange: Hashable, Sendable, CustomStringConvertible {
    /// What changed, e.g. `status`, `finance 2024 revenue`, `certification`, `verdict high-tech`.
    public var field: String
    public var before: String?
    public var after: String?

    /// Creates a change.
    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    public var description: String {
        switch (before, after) {
        case (nil, let after?): "+ \(field): \(after)"
        case (let before?, nil): "- \(field): \(before)"
        default: "\(field): \(before ?? "") → \(after ?? "")"
        }
    }

    /// The differences between a firm's record in one snapshot and the next (nil: not listed).
    public static func between(_ old: Enterprise?, _ new: Enterprise?) -> [FirmChange] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, _?): return [FirmChange(field: "listing", before: nil, after: "listed in this export")]
        case (_?, nil): return [FirmChange(field: "listing", before: "listed", after: nil)]
        case (let old?, let new?): return facts(old, new) + finance(old, new) + lists(old, new)
        }
    }

    /// The verdicts that differ between two snapshots' assessments, per rung.
    public static func verdicts(_ old: [Assessment], _ new: [Assessment]) -> [FirmChange] {
        Tier.allCases.compactMap { tier in
            let before = old.first { $0.tier == tier }.map { "\($0.verdict.rawValue) (\($0.ruleVersion))" }
            let after = new.first { $0.tier == tier }.map { "\($0.verdict.rawValue) (\($0.ruleVersion))" }
            return before == after ? nil : FirmChange(field: "verdict \(tier.rawValue)", before: before, after: after)
        }
    }

    private static func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "unknown" }

    private static func facts(_ old: Enterprise, _ new: Enterprise) -> [FirmChange] {
        let pairs: [(String, String, String)] = [
            ("name", old.name, new.name),
            ("district", old.district, new.district),
            ("zone", text(old.zone), text(new.zone)),
            ("industry", text(old.industry), text(new.industry)),
            ("tech domain", text(old.techDomain?.rawValue), text(new.techDomain?.rawValue)),
            ("registered on", text(old.registeredOn), text(new.registeredOn)),
            ("status", text(old.status?.rawValue), text(new.status?.rawValue)),
            ("resident", text(old.resident), text(new.resident)),
            ("tax assessment", text(old.taxAssessment?.rawValue), text(new.taxAssessment?.rawValue)),
        ]
        return pairs.compactMap { field, before, after in
            before == after ? nil : FirmChange(field: field, before: before, after: after)
        }
    }

    private static func finance(_ old: Enterprise, _ new: Enterprise) -> [FirmChange] {
        let years = Set(old.finance.map(\.year)).union(new.finance.map(\.year)).sorted()
        var changes: [FirmChange] = []
        for year in years {
            switch (old.finance(in: year), new.finance(in: year)) {
            case (nil, _?): changes.append(FirmChange(field: "finance \(year)", before: nil, after: "reported"))
            case (_?, nil): changes.append(FirmChange(field: "finance \(year)", before: "reported", after: nil))
            case (let a?, let b?):
                for (before, after) in zip(figures(a), figures(b)) where before.1 != after.1 {
                    changes.append(FirmChange(field: "finance \(year) \(before.0)", before: before.1, after: after.1))
                }
            default: break
            }
        }
        return changes
    }

    /// The figures of a finance year as (name, text) in a fixed order.
    static func figures(_ year: FinanceYear) -> [(String, String)] {
        FinanceField.all.map { ($0.spec.englishName, year.text($0) ?? "unknown") }
    }

    private static func lists(_ old: Enterprise, _ new: Enterprise) -> [FirmChange] {
        let kinds: [(String, (Enterprise) -> [String])] = [
            ("certification", { $0.certifications.map(FactText.certification) }),
            ("IP", { $0.ip.map(FactText.ip) }),
            ("award", { $0.awards.map(FactText.award) }),
            ("R&D institution", { $0.rdInstitutions.map(FactText.institution) }),
            ("standard", { $0.standards.map(FactText.standard) }),
            ("incident", { $0.incidents.map(FactText.incident) }),
            ("expert score", { $0.expertScores.map(FactText.score) }),
            ("consortium", { $0.consortia.map(FactText.consortium) }),
        ]
        var changes: [FirmChange] = []
        for (field, describe) in kinds {
            let before = describe(old), after = describe(new)
            for removed in before where !after.contains(removed) {
                changes.append(FirmChange(field: field, before: removed, after: nil))
            }
            for added in after where !before.contains(added) {
                changes.append(FirmChange(field: field, before: nil, after: added))
            }
        }
        return changes
    }
}

/// One-line texts for the repeated facts of a firm, shared by change lists and the `firm` command.
public enum FactText {
    /// e.g. `high-tech GR202337100123 issued 2023-11-01, valid to 2026-10-31`.
    public static func certification(_ c: Certification) -> String {
        var text = "\(c.kind.rawValue)\(c.number.map { " \($0)" } ?? "") issued \(c.issued), valid to \(c.lastValidDay)"
        if let revoked = c.revoked { text += ", revoked \(revoked)" }
        return text
    }

    /// e.g. `class I invention-patent ×2 (own)`.
    public static func ip(_ i: IPHolding) -> String {
        "class \(i.ipClass.rawValue) \(i.kind?.rawValue ?? "unspecified") ×\(i.count)\(i.acquired.map { " (\($0.rawValue))" } ?? "")"
    }

    /// e.g. `national 2021, rank 2`.
    public static func award(_ a: Award) -> String { "\(a.level.rawValue) \(a.year)\(a.rank.map { ", rank \($0)" } ?? "")" }

    /// e.g. `provincial since 2020-06-01`.
    public static func institution(_ r: RDInstitution) -> String {
        "\(r.level.rawValue)\(r.since.map { " since \($0)" } ?? "")"
    }

    /// e.g. `industry lead 2022`.
    public static func standard(_ s: Standard) -> String { "\(s.level.rawValue) \(s.role.rawValue) \(s.year)" }

    /// e.g. `major-safety 2024-08-02`.
    public static func incident(_ i: Incident) -> String { "\(i.kind.rawValue) \(i.date)" }

    /// e.g. `ip-advancement 7/8`.
    public static func score(_ s: ExpertScore) -> String { "\(s.item.rawValue) \(s.points)/\(s.item.maximum)" }

    /// e.g. `lead, provincial`.
    public static func consortium(_ c: Consortium) -> String { "\(c.role.rawValue), \(c.level.rawValue)" }
}
