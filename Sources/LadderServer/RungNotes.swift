import LadderCore
import LadderRules

/// A rung's notes on the firm page: in English `TierAssessment.notes` as every audit prints them; in
/// Chinese the same notes in plain words — the rulebook's notice, each unverified setting with the
/// reading chosen (the rule files word them in English only), and the review flags.
enum RungNotes {
    static func lines(_ rung: TierAssessment, lang: Lang) -> [String] {
        guard !lang.english else { return rung.notes }
        var lines: [String] = []
        if let notice = rung.rulebook.notice {
            lines.append(rung.rulebook.status == "local-assumption"
                ? "\(rung.tier.chineseName)是本市的工作假设，不是法规条件：目前没有正式认定标准，下列代理指标和门槛都是可调整的设置。"
                : notice)
        }
        if rung.version == nil { lines.append("评定日没有生效的规则版本，无法判定。") }
        for setting in rung.version?.settings ?? [] where setting.isUnverified {
            lines.append("待确认设置 [U]：\(reading(setting))。政策对此未作明确规定，这是本系统采用的理解。")
        }
        lines += ReviewFlag.decode(rung.flags).map(review)
        return lines
    }

    /// The reading a setting stands for, in words; an unknown setting by its id and value.
    static func reading(_ setting: RuleSetting) -> String {
        let value = setting.value
        let money = value.hasSuffix("亿") || value.hasSuffix("万") ? value + "元" : value
        switch setting.id {
        case "data-year":
            return value == "previous" ? "数据年度取评定日前一个会计年度" : "数据年度取 \(value)"
        case "standard.lead-role":
            return value == "lead" ? "“主导制定”标准按企业为牵头起草单位认定（“前五名起草单位”的理解尚未确认）" : "“主导制定”标准按起草角色 \(value) 认定"
        case "assume.catalogue-ok":
            return value == "1" ? "登记数据中没有产品目录，默认企业不属于禁止、限制或淘汰类" : "不默认企业产品符合目录要求"
        case "industry.excluded":
            let codes = value.split(separator: ",").joined(separator: "、")
            return "不得属于的行业（财税〔2015〕119号负面清单，由本系统对应到国民经济行业分类代码）：\(codes)"
        case "growth.nonpositive-base":
            return value == "zero-review" ? "增长率的基数（净资产或销售收入）为零或负数时，该项计 0 分并提示人工复核"
                : "增长率的基数为零或负数时，该项无法判定"
        case "growth.two-year":
            return value == "single-ratio" ? "只经营两年的企业按一年的增长率计算，只经营一年的计 0（通行理解，非文件原文）"
                : "经营不足三年的企业增长率计 0"
        case "leading.revenue-min": return "销售收入门槛 \(money)"
        case "leading.rd-intensity-min": return "研发费用占销售收入比例门槛 \(value)"
        case "leading.class1-ip-min": return "I类知识产权门槛 \(value) 项"
        case "leading.min-proxies": return "至少满足 \(value) 项代理指标即为符合"
        default: return "\(setting.id) 取 \(value)"
        }
    }

    static func review(_ flag: ReviewFlag) -> String {
        switch flag {
        case .nonPositiveGrowthBase: "需人工复核：增长率的基数（净资产或销售收入）为零或负数，该项按 0 分计。"
        case .shortGrowthPeriod: "需人工复核：经营不足三年，增长率按本系统的理解计算（非文件原文）。"
        }
    }
}
