import LadderCore
import LadderRules

/// The names the audits give missing facts (`Finance[2024].RDExpense`, `ExpertScore[talent]`), as a
/// Chinese reader knows them: `2024 年研发费用`, `专家评分·人才引进与培养`.
public enum MissingFact {
    /// The fact's Chinese name; a name it does not know is returned as is.
    public static func chinese(_ name: String) -> String {
        if name.hasPrefix("ExpertScore["), let item = ExpertItem(rawValue: String(name.dropFirst(12).dropLast())) {
            return "专家评分·\(item.chineseName)"
        }
        if name.hasPrefix("Finance["), let close = name.firstIndex(of: "]") {
            let year = name[name.index(name.startIndex, offsetBy: 8)..<close]
            let field = FinanceField(name: String(name[name.index(after: close)...].dropFirst()))
            let when = year.hasPrefix("≤") ? "\(year.dropFirst()) 年及以前" : "\(year) 年"
            return "\(when)\(field?.spec.chineseName ?? name)"
        }
        if name == "Award.rank" { return "科技奖励排名" }
        return RecordField.all.first { $0.spec.element == name }?.spec.chineseName ?? name
    }
}
