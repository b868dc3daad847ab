import LadderCore
import LadderReports

/// One difference in a firm's record between two snapshots.
///
/// `before` nil with `after` set is an addition (a new certificate, a new finance year, a value that
/// became known); the reverse is a removal. Values are rendered as text: money in yuan with two
/// decimals, unknown as `unknown`. `chinese` says the same in plain Chinese for reports (money in
/// 万元/亿元, names of the value sets as the policy writes them).
public struct FirmChange: Hashable, Sendable, CustomStringConvertible {
    /// What changed, e.g. `status`, `finance 2024 revenue`, `certification`, `verdict high-tech`.
    public var field: String
    public var before: String?
    public var after: String?
    /// The change as one line of plain Chinese, e.g. `2024 年销售收入：1200万元 → 1500万元`.
    public var chinese: String

    /// Creates a change; `chinese` defaults to the English line.
    public init(field: String, before: String?, after: String?, chinese: String? = nil) {
        self.field = field
        self.before = before
        self.after = after
        self.chinese = chinese ?? ""
        if chinese == nil { self.chinese = description }
    }

    /// A change whose Chinese line names the field and both values: `新增…：…`, `不再列出…：…` or `…：… → …`.
    init(field: String, before: String?, after: String?, chineseField: String, chineseBefore: String?, chineseAfter: String?) {
        let line = switch (chineseBefore, chineseAfter) {
        case (nil, let after?): "新增\(chineseField)：\(after)"
        case (let before?, nil): "不再列出\(chineseField)：\(before)"
        default: "\(chineseField)：\(chineseBefore ?? "") → \(chineseAfter ?? "")"
        }
        self.init(field: field, before: before, after: after, chinese: line)
    }

    public var description: String {
        switch (before, after) {
        case (nil, let after?): "+ \(field): \(after)"
        case (let before?, nil): "- \(field): \(before)"
        default: "\(field): \(before ?? "") → \(after ?? "")"
        }
    }

    /// The change as a report in `language` writes it.
    public func line(_ language: Language) -> String { language == .zh ? chinese : description }

    /// The differences between a firm's record in one snapshot and the next (nil: not listed).
    public static func between(_ old: Enterprise?, _ new: Enterprise?) -> [FirmChange] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, _?): return [FirmChange(field: "listing", before: nil, after: "listed in this export", chinese: "本期新列入名录")]
        case (_?, nil): return [FirmChange(field: "listing", before: "listed", after: nil, chinese: "本期未列入名录")]
        case (let old?, let new?): return facts(old, new) + finance(old, new) + lists(old, new)
        }
    }

    /// The verdicts that differ between two snapshots' assessments, per rung.
    public static func verdicts(_ old: [Assessment], _ new: [Assessment]) -> [FirmChange] {
        Tier.allCases.compactMap { tier in
            let was = old.first { $0.tier == tier }, now = new.first { $0.tier == tier }
            let before = was.map { "\($0.verdict.rawValue) (\($0.ruleVersion))" }
            let after = now.map { "\($0.verdict.rawValue) (\($0.ruleVersion))" }
            guard before != after else { return nil }
            func chinese(_ a: Assessment?) -> String? { a.map { "\(verdictName($0.verdict))（规则 \($0.ruleVersion)）" } }
            return FirmChange(field: "verdict \(tier.rawValue)", before: before, after: after,
                              chineseField: "\(tier.chineseName)评定", chineseBefore: chinese(was), chineseAfter: chinese(now))
        }
    }

    private static func verdictName(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "符合"
        case .fail: "不符合"
        case .unknown: "无法判定（数据不全）"
        }
    }

    private static func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "unknown" }

    private static func facts(_ old: Enterprise, _ new: Enterprise) -> [FirmChange] {
        func zh(_ value: String?) -> String { value ?? "未报" }
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "是" : "否" } ?? "未报" }
        func district(_ code: String) -> String { District.name(of: code).map { "\($0)（\(code)）" } ?? code }
        // (record field, English before/after, Chinese before/after)
        let pairs: [(RecordField, String, String, String, String)] = [
            (.name, old.name, new.name, old.name, new.name),
            (.district, old.district, new.district, district(old.district), district(new.district)),
            (.zone, text(old.zone), text(new.zone), zh(old.zone), zh(new.zone)),
            (.industry, text(old.industry), text(new.industry), zh(old.industry), zh(new.industry)),
            (.techDomain, text(old.techDomain?.rawValue), text(new.techDomain?.rawValue),
             zh(old.techDomain?.chineseName), zh(new.techDomain?.chineseName)),
            (.registeredOn, text(old.registeredOn), text(new.registeredOn),
             zh(old.registeredOn?.description), zh(new.registeredOn?.description)),
            (.status, text(old.status?.rawValue), text(new.status?.rawValue), zh(old.status?.chineseName), zh(new.status?.chineseName)),
            (.resident, text(old.resident), text(new.resident), yesNo(old.resident), yesNo(new.resident)),
            (.taxAssessment, text(old.taxAssessment?.rawValue), text(new.taxAssessment?.rawValue),
             zh(old.taxAssessment?.chineseName), zh(new.taxAssessment?.chineseName)),
        ]
        return pairs.compactMap { field, before, after, chineseBefore, chineseAfter in
            before == after ? nil : FirmChange(field: field.spec.englishName, before: before, after: after,
                                               chineseField: field.spec.chineseName, chineseBefore: chineseBefore, chineseAfter: chineseAfter)
        }
    }

    private static func finance(_ old: Enterprise, _ new: Enterprise) -> [FirmChange] {
        let years = Set(old.finance.map(\.year)).union(new.finance.map(\.year)).sorted()
        var changes: [FirmChange] = []
        for year in years {
            switch (old.finance(in: year), new.finance(in: year)) {
            case (nil, _?):
                changes.append(FirmChange(field: "finance \(year)", before: nil, after: "reported", chinese: "新报 \(year) 年财务数据"))
            case (_?, nil):
                changes.append(FirmChange(field: "finance \(year)", before: "reported", after: nil, chinese: "\(year) 年财务数据不再列出"))
            case (let a?, let b?):
                for field in FinanceField.all where a[field] != b[field] {
                    changes.append(FirmChange(
                        field: "finance \(year) \(field.spec.englishName)", before: a.text(field) ?? "unknown", after: b.text(field) ?? "unknown",
                        chinese: "\(year) 年\(field.spec.chineseName)：\(chineseFigure(a, field)) → \(chineseFigure(b, field))"))
                }
            default: break
            }
        }
        return changes
    }

    /// A figure in plain Chinese: money in 元/万元/亿元, counts with their unit, 未报 when not recorded.
    static func chineseFigure(_ year: FinanceYear, _ field: FinanceField) -> String {
        guard let value = year[field] else { return "未报" }
        return field.isMoney ? Money(fen: value).description : "\(value)\(field.spec.unit.rawValue)"
    }

    /// The figures of a finance year as (name, text) in a fixed order.
    static func figures(_ year: FinanceYear) -> [(String, String)] {
        FinanceField.all.map { ($0.spec.englishName, year.text($0) ?? "unknown") }
    }

    private static func lists(_ old: Enterprise, _ new: Enterprise) -> [FirmChange] {
        var changes: [FirmChange] = []
        /// `paired`: facts that are one thing whose count changed (a removal and an addition become one change).
        func compare<Fact: Equatable>(_ kind: FactKind, _ facts: (Enterprise) -> [Fact],
                                      _ english: (Fact) -> String, _ chinese: (Fact) -> String,
                                      paired: ((Fact, Fact) -> String?)? = nil) {
            let before = facts(old), after = facts(new)
            var removed = before.filter { !after.contains($0) }
            var added = after.filter { !before.contains($0) }
            if let paired {
                for (index, fact) in removed.enumerated().reversed() {
                    guard let match = added.firstIndex(where: { paired(fact, $0) != nil }),
                          let line = paired(fact, added[match]) else { continue }
                    changes.append(FirmChange(field: kind.spec.englishName, before: english(fact), after: english(added[match]),
                                              chinese: "\(kind.spec.chineseName)\(line)"))
                    removed.remove(at: index)
                    added.remove(at: match)
                }
            }
            for fact in removed {
                changes.append(FirmChange(field: kind.spec.englishName, before: english(fact), after: nil,
                                          chineseField: kind.spec.chineseName, chineseBefore: chinese(fact), chineseAfter: nil))
            }
            for fact in added {
                changes.append(FirmChange(field: kind.spec.englishName, before: nil, after: english(fact),
                                          chineseField: kind.spec.chineseName, chineseBefore: nil, chineseAfter: chinese(fact)))
            }
        }
        compare(.certification, \.certifications, FactText.certification, FactText.chinese.certification)
        compare(.ip, \.ip, FactText.ip, { FactText.chinese.ip($0) }) { was, now in
            guard was.ipClass == now.ipClass, was.kind == now.kind, was.acquired == now.acquired else { return nil }
            return " \(FactText.chinese.ip(now, counted: false))：\(was.count) 项 → \(now.count) 项"
        }
        compare(.award, \.awards, FactText.award, FactText.chinese.award)
        compare(.rdInstitution, \.rdInstitutions, FactText.institution, FactText.chinese.institution)
        compare(.standard, \.standards, FactText.standard, FactText.chinese.standard)
        compare(.incident, \.incidents, FactText.incident, FactText.chinese.incident)
        compare(.expertScore, \.expertScores, FactText.score, FactText.chinese.score)
        compare(.consortium, \.consortia, FactText.consortium, FactText.chinese.consortium)
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

    /// The same texts in plain Chinese.
    public enum chinese {
        /// e.g. `高新技术企业 GR202337100123，2023-11-01 发证，有效至 2026-10-31`.
        public static func certification(_ c: Certification) -> String {
            var text = "\(c.kind.chineseName)\(c.number.map { " \($0)" } ?? "")，\(c.issued) 发证，有效至 \(c.lastValidDay)"
            if let revoked = c.revoked { text += "，\(revoked) 撤销" }
            return text
        }

        /// e.g. `Ⅰ类 发明专利 ×2（自主研发）`; `counted: false` leaves out `×2`.
        public static func ip(_ i: IPHolding, counted: Bool = true) -> String {
            "\(i.ipClass.chineseName) \(i.kind?.chineseName ?? "未注明类型")\(counted ? " ×\(i.count)" : "")\(i.acquired.map { "（\($0.chineseName)）" } ?? "")"
        }

        /// e.g. `国家级 2021 年，第 2 名`.
        public static func award(_ a: Award) -> String { "\(a.level.chineseName) \(a.year) 年\(a.rank.map { "，第 \($0) 名" } ?? "")" }

        /// e.g. `省级，2020-06-01 起`.
        public static func institution(_ r: RDInstitution) -> String {
            "\(r.level.chineseName)\(r.since.map { "，\($0) 起" } ?? "")"
        }

        /// e.g. `行业标准 牵头 2022 年`.
        public static func standard(_ s: Standard) -> String { "\(s.level.chineseName) \(s.role.chineseName) \(s.year) 年" }

        /// e.g. `重大安全事故 2024-08-02`.
        public static func incident(_ i: Incident) -> String { "\(i.kind.chineseName) \(i.date)" }

        /// e.g. `知识产权·技术先进程度 7/8 分`.
        public static func score(_ s: ExpertScore) -> String { "\(s.item.chineseName) \(s.points)/\(s.item.maximum) 分" }

        /// e.g. `牵头，省级`.
        public static func consortium(_ c: Consortium) -> String { "\(c.role.chineseName)，\(c.level.chineseName)" }
    }
}
