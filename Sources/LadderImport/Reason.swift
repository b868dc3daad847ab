import LadderCore

/// Why a record is rejected or warned about, worded in English (what the database stores and
/// `audit --data-quality` reads, byte for byte) and in Chinese (what `import --lang zh` prints).
/// Built only when a record has a problem, so the clean path pays nothing.
struct Reason {
    var en: String
    var zh: String

    init(_ en: String, _ zh: String) {
        self.en = en
        self.zh = zh
    }

    /// No text in either language (an empty note).
    static let none = Reason("", "")

    /// The two wordings with a note added to each.
    static func + (reason: Reason, note: Reason) -> Reason {
        Reason(reason.en + note.en, reason.zh + note.zh)
    }
}

/// Chinese names of format-1 elements for reasons, taken from LadderCore's vocabulary.
enum ChineseNames {
    /// `Finance/Revenue` → 销售收入, `Name` → 企业名称, `IP` → 知识产权; an element outside the
    /// vocabulary keeps its XML name in angle brackets.
    static func of(_ element: String) -> String {
        if element == "Enterprise" { return "企业记录" }
        if element == "Finance" { return "财务年度" }
        if let record = ["Platform": "平台", "TechContract": "技术合同", "Broker": "技术经纪人"][element] { return record }
        if element.hasPrefix("Finance/") {
            let field = element.dropFirst("Finance/".count)
            if let spec = FinanceField.allCases.first(where: { $0.spec.element == field }) { return spec.spec.chineseName }
        }
        if let field = RecordField.allCases.first(where: { $0.spec.element == element || $0.spec.element.hasPrefix(element + "/@") }) {
            return field.spec.chineseName
        }
        if let kind = FactKind(element: element) { return kind.spec.chineseName }
        if let field = FinanceField.allCases.first(where: { $0.spec.element == element }) { return field.spec.chineseName }
        return "<\(element)>"
    }
}

extension ValueProblem {
    /// The problem in Chinese, after the field's name.
    var chinese: String {
        switch self {
        case .empty: "为空"
        case .notANumber(let t): "'\(t)' 不是十进制数"
        case .negative(let t): "'\(t)' 为负数"
        case .tooManyDecimals(let t): "'\(t)' 的小数超过 2 位"
        case .tooLarge(let t): "'\(t)' 过大"
        case .thousandsSeparator(let t): "'\(t)' 使用了千位分隔符，请只写数字"
        case .badDate(let t): "'\(t)' 不是 YYYY-MM-DD 形式的有效日期"
        case .badBoolean(let t): "'\(t)' 不是 true 或 false"
        case .notInSet(let t, let allowed) where allowed == ValueParser.yearRange: "'\(t)' 不在 1900–2999 年之间"
        case .notInSet(let t, let allowed): "'\(t)' 不是可选值（\(allowed)）之一"
        }
    }

    /// Both wordings after the field's English and Chinese names.
    func reason(_ name: String, _ chineseName: String) -> Reason {
        Reason("\(name) \(self)", "\(chineseName) \(chinese)")
    }
}

extension CreditCode.Problem {
    /// The problem in Chinese.
    var chinese: String {
        switch self {
        case .length(let n): "有 \(n) 个字符，应为 18 个"
        case .character(let c, let p): "第 \(p) 位字符 '\(c)' 不在 GB 32100 字符集中"
        case .checkDigit(let e, let f): "校验码为 '\(f)'，按 GB 32100-2015 应为 '\(e)'"
        }
    }
}

extension RecordChecks {
    /// An IP kind whose class differs from the class the record gives.
    static func ipClassMismatch(_ kind: IPKind, _ ipClass: IPClass) -> Reason {
        Reason("kind \(kind.rawValue) is Class \(kind.ipClass.rawValue), but the record says Class \(ipClass.rawValue)",
               "知识产权类型 \(kind.rawValue)（\(kind.chineseName)）属于\(kind.ipClass.chineseName)，但记录写的是\(ipClass.chineseName)")
    }

    /// Expert points above the item's maximum.
    static func pointsOverMaximum(_ item: ExpertItem, _ points: Int) -> Reason {
        Reason("\(item.rawValue) points \(points) exceed the item's maximum \(item.maximum)",
               "专家评分 \(item.rawValue)（\(item.chineseName)）\(points) 分，超过该项满分 \(item.maximum) 分")
    }
}
