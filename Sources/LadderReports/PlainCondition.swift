import LadderCore
import LadderRules
import Synchronization

/// A rule's test written for a reader rather than a rule author (the firm report's 门槛 cell): fields
/// by their names, settings by their values, operators as symbols — `研发费用 / 销售收入 ≥ 3%` for
/// `RDExpense / Revenue >= setting('leading.rd-intensity-min')`. Nil when the test calls a function it
/// cannot say in words (the report then shows the audit's threshold or a dash).
enum PlainCondition {
    static func text(_ source: String, version: RuleVersion?, language: Language) -> String? {
        if source == "true" { return language.pick("其他情况", "otherwise") }
        // Worded once per test, version and language (the web's firm page words every criterion per request).
        let key = Key(source: source, version: version.map(ObjectIdentifier.init), language: language)
        if let found = worded.withLock({ $0[key] }) { return found.text }
        guard let tree = try? ExpressionParser.parse(source) else { return nil }
        let writer = Writer(version: version, language: language)
        let text = writer.write(tree, outer: 0)
        let result = writer.unknown.value ? nil : text
        // The entry holds the version, so its identifier is never reused for another while cached.
        worded.withLock { $0[key] = Worded(version: version, text: result) }
        return result
    }

    private struct Key: Hashable { var source: String, version: ObjectIdentifier?, language: Language }
    private struct Worded { var version: RuleVersion?, text: String? }
    private static let worded = Mutex<[Key: Worded]>([:])

    /// Set when a call has no plain wording.
    private final class Flag { var value = false }

    private struct Writer {
        let unknown = Flag()
        /// The rule version whose settings `setting('…')` reads.
        let version: RuleVersion?
        let language: Language

        func write(_ node: Expression, outer: Int) -> String {
            switch node {
            case .number(let value, _): return ValueFormat.text(value, unit: .number)
            case .string(let text, _): return text
            case .identifier(let name, _): return field(name)
            case .call(let name, let args, _): return call(name, args)
            case .unary("not", .call("industryIn", let args, _), _):
                return language.pick("行业不属于 ", "industry not in ") + industries(args)
            case .unary(let op, let operand, _):
                let inner = write(operand, outer: 6)
                return op == "not" ? language.pick("非（\(inner)）", "not (\(inner))") : "\(op)\(inner)"
            case .binary(let op, let left, let right, _):
                let precedence = Self.precedence(op)
                let text = "\(write(left, outer: precedence)) \(symbol(op)) \(write(right, outer: precedence + 1))"
                return precedence < outer ? "(\(text))" : text
            }
        }

        private static func precedence(_ op: String) -> Int {
            switch op {
            case "or": 1
            case "and": 2
            case "+", "-": 4
            case "*", "/": 5
            default: 3  // comparisons
            }
        }

        private func symbol(_ op: String) -> String {
            switch op {
            case ">=": "≥"
            case "<=": "≤"
            case "!=": "≠"
            case "and": language.pick("且", "and")
            case "or": language.pick("或", "or")
            case "*": "×"
            default: op
            }
        }

        private func field(_ name: String) -> String {
            if let field = FinanceField(name: name) { return language.pick(field.spec.chineseName, field.spec.englishName) }
            switch name {
            case "total": return language.pick("总分", "total points")
            case "AgeDays": return language.pick("成立天数", "days since registration")
            default: return name
            }
        }

        private func call(_ name: String, _ args: [Expression]) -> String {
            let texts = args.map { argument -> String in
                if case .string(let text, _) = argument { return text }
                return write(argument, outer: 0)
            }
            let l = language
            switch (name, texts.count) {
            case ("setting", 1):
                guard let value = version?.setting(texts[0])?.value else { return texts[0] }
                return value.hasSuffix("亿") || value.hasSuffix("万") ? value + l.pick("元", " yuan") : value
            case ("ip", 1):
                let ipClass = IPClass(rawValue: texts[0])
                return l.pick("\(ipClass?.chineseName ?? "")知识产权数", "class \(texts[0]) IP items")
            case ("valid", 1), ("eligible", 1):
                let rung = Tier(rawValue: texts[0])
                let rungName = l.pick(rung?.chineseName ?? texts[0], rung?.englishName ?? texts[0])
                return name == "valid" ? l.pick("持有效的\(rungName)认定", "holds a valid \(rungName) certificate")
                    : l.pick("符合\(rungName)条件", "eligible as \(rungName)")
            case ("institution", 1):
                let level = Level(rawValue: texts[0])
                return l.pick("有\(atLeast(level))研发机构", "has an R&D institution of level \(texts[0]) or higher")
            case ("consortium", 2):
                let role = Role(rawValue: texts[0]), level = Level(rawValue: texts[1])
                return l.pick("\(role?.chineseName ?? texts[0])\(atLeast(level))创新联合体",
                              "\(texts[0]) of a consortium of level \(texts[1]) or higher")
            case ("active", 0): return l.pick("在册（未注销）", "active (not deregistered)")
            case ("resident", 0): return l.pick("居民企业", "resident enterprise")
            case ("tax", 1):
                let way = TaxAssessment(rawValue: texts[0])
                return l.pick(way?.chineseName ?? texts[0], "tax assessed as \(texts[0])")
            case ("industryIn", 1): return l.pick("行业属于 ", "industry in ") + industries(args)
            default:
                unknown.value = true
                return "\(name)(\(texts.joined(separator: ", ")))"
            }
        }

        /// The industry codes of `industryIn('C16,F,H')`, listed: `C16、F、H`.
        private func industries(_ args: [Expression]) -> String {
            guard case .string(let list, _)? = args.first else { unknown.value = true; return "" }
            return list.split(separator: ",").map { $0.filter { $0 != " " } }.joined(separator: language.pick("、", ", "))
        }

        /// `省级及以上`; the top level needs no `及以上`.
        private func atLeast(_ level: Level?) -> String {
            guard let level else { return "" }
            return level == .national ? level.chineseName : level.chineseName + "及以上"
        }
    }
}
