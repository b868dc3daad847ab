import Hummingbird
import LadderCore

/// The page language: Chinese unless `?lang=en`.
struct Lang: Sendable {
    var english: Bool

    init(english: Bool) { self.english = english }
    init(_ request: Request) { english = request.uri.queryParameters.get("lang") == "en" }

    var code: String { english ? "en" : "zh-CN" }
    /// `lang=en` to carry in links, or nothing.
    var query: String { english ? "lang=en" : "" }
    /// Appends the language to a link that may already have a query.
    func link(_ path: String) -> String {
        guard english else { return path }
        return path + (path.contains("?") ? "&" : "?") + "lang=en"
    }

    /// The labels of this language, for templates as `{{t.key}}`.
    var labels: [String: String] { english ? Labels.english : Labels.chinese }
    func t(_ key: String) -> String { labels[key] ?? key }
}

/// The words on the pages, Chinese and English, by key.
enum Labels {
    static let chinese: [String: String] = [
        "site": "青岛市科技型企业梯度培育", "overview": "总览", "firms": "企业", "rules": "规则", "snapshots": "快照",
        "api": "接口", "switch": "English", "search": "搜索", "searchHint": "企业名称或统一社会信用代码",
        "snapshot": "快照", "asOf": "统计日期", "show": "查看", "district": "区市", "districts": "各区市",
        "certified": "已认定", "eligible": "符合条件", "pipeline": "符合未认定", "risk": "认定不符", "undetermined": "待定",
        "lapsed": "证书失效", "deregistered": "已注销", "activeFirms": "存续企业", "target": "目标", "share": "完成度", "ofCity": "占全市",
        "gap": "差距", "total": "合计", "techSME": "科技型中小企业", "highTech": "高新技术企业", "leading": "科技领军企业",
        "id": "统一社会信用代码", "name": "企业名称", "rung": "梯度", "status": "状态", "all": "全部", "csv": "下载 CSV",
        "firmsBehind": "计数背后的企业", "page": "页", "previous": "上一页", "next": "下一页", "found": "家企业符合",
        "identity": "基本信息", "zone": "功能区", "industry": "行业", "registeredOn": "成立日期", "active": "存续",
        "certificates": "证书", "number": "编号", "issued": "发证日期", "validUntil": "有效期至", "revoked": "撤销",
        "valid": "有效", "invalid": "无效", "history": "历次快照", "changes": "变化", "present": "在册", "absent": "不在册",
        "criterion": "条件", "value": "数值", "threshold": "门槛", "margin": "余量", "points": "得分", "verdict": "结论",
        "citation": "依据", "qualified": "符合", "notQualified": "不符合", "toCollect": "待补充数据", "nextRung": "如何达到更高梯度",
        "noNearMiss": "没有找到可行的改进路径。", "ruleVersion": "规则版本", "score": "总分", "versions": "版本",
        "effective": "生效", "basis": "依据文件", "settings": "待确认设置 [U]", "chosen": "当前取值", "examples": "示例",
        "expect": "预期", "passes": "通过", "fails": "未通过", "rationale": "理由", "kind": "类型",
        "exported": "导出日期", "source": "来源", "file": "文件", "imported": "导入时间", "rejected": "拒收记录",
        "platforms": "平台", "contracts": "技术合同", "brokers": "技术经纪人", "position": "位置", "reason": "原因",
        "notFound": "找不到页面", "error": "出错了", "unknownFirm": "本快照中没有这个统一社会信用代码的企业。",
        "trySearch": "试试搜索：", "home": "返回总览", "funnel": "梯度漏斗", "none": "无", "notComputed": "未计算",
        "districtPage": "区市详情", "sortHint": "点击表头排序", "perRung": "各梯度计数", "apiDoc": "OpenAPI 文档",
        "noFirms": "没有符合条件的企业。", "findPlans": "计算改进路径（近似达标搜索）", "note": "说明", "rdExpense": "研发费用",
        "byScore": "按评分", "auditJSON": "审计 JSON", "plan.reachable": "可达到", "plan.impossible": "按规则无法达到",
        "plan.undetermined": "需先补齐数据", "plan.no-plan": "未找到少量改动即可达到的方案",
    ]

    static let english: [String: String] = [
        "site": "Qingdao technology enterprise ladder", "overview": "Overview", "firms": "Firms", "rules": "Rules",
        "snapshots": "Snapshots", "api": "API", "switch": "中文", "search": "Search", "searchHint": "firm name or credit code",
        "snapshot": "Snapshot", "asOf": "As of", "show": "Show", "district": "District", "districts": "Districts",
        "certified": "Certified", "eligible": "Eligible", "pipeline": "Pipeline", "risk": "Audit risk",
        "undetermined": "Undetermined", "lapsed": "Lapsed", "deregistered": "Deregistered", "activeFirms": "Active firms",
        "target": "Target", "share": "Share", "ofCity": "Of city", "gap": "Gap", "total": "Total", "techSME": "Tech SME", "highTech": "High-tech",
        "leading": "Leading", "id": "Credit code", "name": "Name", "rung": "Rung", "status": "Status", "all": "All",
        "csv": "Download CSV", "firmsBehind": "Firms behind the counts", "page": "page", "previous": "Previous",
        "next": "Next", "found": "firms match", "identity": "Identity", "zone": "Zone", "industry": "Industry",
        "registeredOn": "Registered", "active": "Active", "certificates": "Certificates", "number": "Number",
        "issued": "Issued", "validUntil": "Valid until", "revoked": "Revoked", "valid": "valid", "invalid": "not valid",
        "history": "History", "changes": "Changes", "present": "listed", "absent": "not listed", "criterion": "Criterion",
        "value": "Value", "threshold": "Threshold", "margin": "Margin", "points": "Points", "verdict": "Verdict",
        "citation": "Citation", "qualified": "qualified", "notQualified": "not qualified", "toCollect": "Data to collect",
        "nextRung": "What it would take to climb", "noNearMiss": "No feasible plan found.", "ruleVersion": "Rule version",
        "score": "Score", "versions": "Versions", "effective": "Effective", "basis": "Basis", "settings": "Open settings [U]",
        "chosen": "Chosen reading", "examples": "Examples", "expect": "Expected", "passes": "passes", "fails": "fails",
        "rationale": "Rationale", "kind": "Kind", "exported": "Exported", "source": "Source", "file": "File",
        "imported": "Imported", "rejected": "Rejected records", "platforms": "Platforms", "contracts": "Contracts",
        "brokers": "Brokers", "position": "Position", "reason": "Reason", "notFound": "Page not found", "error": "Error",
        "unknownFirm": "This snapshot has no firm with that credit code.", "trySearch": "Try a search:",
        "home": "Back to the overview", "funnel": "Ladder funnel", "none": "none", "notComputed": "not computed",
        "districtPage": "District", "sortHint": "click a heading to sort", "perRung": "Counts by rung",
        "apiDoc": "OpenAPI document", "noFirms": "No firms match.", "findPlans": "Search for the smallest changes (near-miss search)", "note": "Note", "rdExpense": "R&D expense",
        "byScore": "score", "auditJSON": "audit JSON", "plan.reachable": "reachable", "plan.impossible": "impossible",
        "plan.undetermined": "undetermined", "plan.no-plan": "no-plan",
    ]

    /// A rung's name in a language.
    static func tier(_ tier: Tier?, _ lang: Lang) -> String {
        guard let tier else { return lang.t("none") }
        return lang.english ? tier.englishName : tier.chineseName
    }
}
