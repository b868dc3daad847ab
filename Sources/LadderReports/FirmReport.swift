import LadderCore
import LadderRules

/// A one-page firm report (企业体检报告): identity, certificates and their validity, history across
/// counting dates, each rung's verdict criterion by criterion, what it would take to reach the next
/// rung and which missing data would decide an undetermined verdict. Rendered as text, HTML or JSON.
public struct FirmReport: Sendable {
    /// What one counting date said about the firm.
    public struct Dated: Sendable {
        public var date: Day
        /// False when that export did not list the firm.
        public var listed: Bool
        /// The highest rung certified on that date.
        public var certified: Tier?
        /// Verdicts stored for that date, by rung (`pass`, `fail`, `unknown`).
        public var verdicts: [Tier: Verdict]
        /// The rule version each stored verdict was made with, by rung.
        public var ruleVersions: [Tier: String]
        /// What changed from the previous date, as plain lines.
        public var changes: [String]

        public init(date: Day, listed: Bool, certified: Tier?, verdicts: [Tier: Verdict],
                    ruleVersions: [Tier: String] = [:], changes: [String]) {
            self.date = date
            self.listed = listed
            self.certified = certified
            self.verdicts = verdicts
            self.ruleVersions = ruleVersions
            self.changes = changes
        }
    }

    public var firm: Enterprise
    public var assessment: FirmAssessment
    public var nearMisses: [NearMiss]
    public var history: [Dated]
    public var language: Language

    public init(firm: Enterprise, assessment: FirmAssessment, nearMisses: [NearMiss], history: [Dated],
                language: Language) {
        self.firm = firm
        self.assessment = assessment
        self.nearMisses = nearMisses
        self.history = history
        self.language = language
    }

    // MARK: The parts every format shows

    /// Label–value lines of the firm's identity.
    var identity: [(String, String)] {
        let l = language
        let finance = firm.latestFinance
        var lines: [(String, String)] = [
            (l.pick("统一社会信用代码", "Credit code"), firm.id),
            (l.pick("区市", "District"), "\(District.name(of: firm.district) ?? firm.district)（\(firm.district)）"),
            (l.pick("状态", "Status"), firm.isActive ? l.pick("存续", "active") : l.pick("已注销", "deregistered")),
            (l.pick("评定日", "Assessed on"), assessment.asOf.description),
            (l.pick("现有认定", "Certified rung"), rungName(assessment.certified) ?? l.pick("无", "none")),
            (l.pick("按规则符合", "Eligible rung"), rungName(assessment.eligible) ?? l.pick("无", "none")),
        ]
        if let registered = firm.registeredOn { lines.append((l.pick("成立日期", "Registered"), registered.description)) }
        if let finance {
            var parts: [String] = []
            if let revenue = finance.revenue { parts.append(l.pick("营业收入 ", "revenue ") + revenue.description) }
            if let rd = finance.rdExpense { parts.append(l.pick("研发费用 ", "R&D ") + rd.description) }
            if let employees = finance.employees { parts.append(l.pick("职工 \(employees) 人", "\(employees) employees")) }
            if let tech = finance.techStaff { parts.append(l.pick("科技人员 \(tech) 人", "\(tech) tech staff")) }
            lines.append((l.pick("\(finance.year)年财务", "Finance \(finance.year)"), parts.joined(separator: "，")))
        }
        return lines
    }

    /// One line per certificate: rung, number, issue date, last valid day and whether valid on the date.
    var certificates: [[String]] {
        let l = language
        return firm.certifications.sorted { $0.issued < $1.issued }.map { c in
            let state: String
            if let revoked = c.revoked, revoked <= assessment.asOf {
                state = l.pick("已撤销（\(revoked)）", "revoked \(revoked)")
            } else if c.isValid(on: assessment.asOf) {
                state = l.pick("有效", "valid")
            } else if c.issued > assessment.asOf {
                state = l.pick("尚未颁发", "not yet issued")
            } else {
                state = l.pick("已过期", "expired")
            }
            return [rungName(c.kind) ?? "", c.number ?? "—", c.issued.description, c.lastValidDay.description, state]
        }
    }

    /// A rung's name in the language.
    public func rungName(_ tier: Tier?) -> String? {
        tier.map { language == .zh ? $0.chineseName : $0.englishName }
    }

    public func verdictName(_ verdict: TierVerdict) -> String {
        switch verdict {
        case .qualified: language.pick("符合", "qualifies")
        case .notQualified: language.pick("不符合", "does not qualify")
        case .undetermined: language.pick("待定（数据不全）", "undetermined (data missing)")
        }
    }

    public func resultName(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: language.pick("满足", "met")
        case .fail: language.pick("未满足", "not met")
        case .unknown: language.pick("无法判定", "unknown")
        }
    }

    /// The cells of each criterion of a rung: name, result, value, threshold, margin, citation.
    public func criteria(_ rung: TierAssessment) -> [[String]] {
        rung.criteria.map { result in
            let unit = result.criterion.unit
            // Days read `365 天` in Chinese; the audits keep `365d`.
            let days = { (text: String) in unit == .days && self.language == .zh ? Self.chineseDays(text) : text }
            return [
                language == .zh ? result.name : result.nameEn, resultName(result.verdict),
                days(result.value.map { ValueFormat.text($0, unit: unit) } ?? "—"), days(threshold(result, of: rung)),
                days(result.margin.map { ValueFormat.text($0, unit: unit) } ?? "—"), result.citation,
            ]
        }
    }

    /// `365d` as `365 天`: a `d` after a digit and ending a word (the web page calls this per request, so
    /// no regular expression is compiled each time).
    static func chineseDays(_ text: String) -> String {
        guard text.contains("d") else { return text }
        let characters = Array(text)
        var out = ""
        for (index, character) in characters.enumerated() {
            let afterDigit = index > 0 && characters[index - 1].isASCII && characters[index - 1].isNumber
            let endsWord = index + 1 == characters.count
                || !(characters[index + 1].isLetter || characters[index + 1].isNumber || characters[index + 1] == "_")
            if character == "d" && afterDigit && endsWord { out += " 天" } else { out.append(character) }
        }
        return out
    }

    /// What a criterion asks, for a reader: a test-chosen score's best band or a yes/no test in plain words
    /// (`PlainCondition`), else the threshold the audit shows (`≥ 10%`, a range of a scored band).
    public func threshold(_ result: CriterionResult, of rung: TierAssessment) -> String {
        let criterion = result.criterion
        if criterion.kind == .score, let best = criterion.bands.max(by: { $0.points.hi < $1.points.hi }), let when = best.whenText,
           let text = PlainCondition.text(when, version: rung.version, language: language) {
            return text
        }
        if let text = result.thresholdText { return text }
        guard criterion.kind != .score, !criterion.expression.isEmpty else { return "—" }
        return PlainCondition.text(criterion.expression, version: rung.version, language: language) ?? "—"
    }

    /// The criterion table's headings.
    var criterionHeadings: [String] {
        language == .zh ? ["条件", "结果", "数值", "门槛", "差额", "依据"]
            : ["Criterion", "Result", "Value", "Threshold", "Margin", "Citation"]
    }

    /// What it would take to reach each rung the firm is not on: the near-miss plan, or why there is none.
    var nextSteps: [String] {
        let l = language
        return nearMisses.map { miss in
            let rung = rungName(miss.tier) ?? ""
            switch miss.outcome {
            case .reachable:
                let steps = l == .zh ? miss.steps.map(\.chinese).joined(separator: "；") : miss.steps.map(\.text).joined(separator: "; ")
                return l.pick("达到\(rung)：\(steps)", "To reach \(rung): \(steps)")
            case .impossible:
                return l.pick("\(rung)：按规则无法达到（\(miss.reasonsZh.joined(separator: "；"))）",
                              "\(rung): out of reach under the rules (\(miss.reasons.joined(separator: "; ")))")
            case .undetermined:
                return l.pick("\(rung)：需先补齐数据再判断", "\(rung): collect the missing data first")
            case .noPlan:
                return l.pick("\(rung)：未找到少量改动即可达到的方案", "\(rung): no plan of a few changes was found")
            }
        }
    }

    /// The data that would decide each undetermined rung.
    var missingData: [String] {
        assessment.rungs.filter { $0.verdict == .undetermined }.map { rung in
            let names = rung.missingNames.map(missingName).joined(separator: language.pick("、", ", "))
            return language.pick("\(rungName(rung.tier) ?? "")：缺 \(names)", "\(rungName(rung.tier) ?? ""): missing \(names)")
        }
    }

    /// A missing fact's name as the report's reader knows it: `Finance[2024].RDExpense` is `2024 年研发费用`,
    /// `ExpertScore[talent]` is `专家评分·人才引进与培养` (English keeps the audit's names).
    public func missingName(_ name: String) -> String {
        language == .zh ? MissingFact.chinese(name) : name
    }
}
