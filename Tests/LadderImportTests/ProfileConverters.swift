import Foundation
import LadderCore
import LadderImport
import XMLStream

/// Writes firms in the shipped layouts, translating values back through the profiles' own tables.
struct ProfileConverter {
    /// Format-1 value → the first source value that a table translates to it.
    let reverse: [String: [String: String]]

    init(profile name: String) throws {
        let root = try XMLNode.load(file: ProfileLayouts.profilePath(name))
        var reverse: [String: [String: String]] = [:]
        for table in root.children(named: "Translation") {
            var map: [String: String] = [:]
            for value in table.children(named: "Value") where map[value["to"] ?? ""] == nil {
                map[value["to"] ?? ""] = value["from"]
            }
            reverse[table["id"] ?? ""] = map
        }
        self.reverse = reverse
    }

    func term(_ table: String, _ value: String) -> String { reverse[table]?[value] ?? value }

    static func escape(_ text: String) -> String { XMLNode.escape(text) }

    /// 万元 text exact to the fen: 5800, 4612.3456, 0.000001 ...
    static func wan(_ money: Money) -> String {
        let sign = money.fen < 0 ? "-" : ""
        let fen = money.fen.magnitude
        var fraction = String(fen % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(fen / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    static func chinese(_ day: Day) -> String { "\(day.year)年\(day.month)月\(day.day)日" }
    static func slashed(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "/") }
    static func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    // MARK: District bureau layout

    func districtLayout(_ firms: [Enterprise], encoding: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n<企业名录 导出日期=\"2025-12-31\" 填报单位=\"青岛市科学技术局\">\n"
        for (index, firm) in firms.enumerated() {
            out += "  <企业 统一社会信用代码=\"\(firm.id)\">\n"
            out += "    <企业名称>\(Self.escape(firm.name))</企业名称>\n"
            out += "    <所属区市>\(index % 3 == 0 ? firm.district : District.name(of: firm.district) ?? firm.district)</所属区市>\n"
            if let zone = firm.zone { out += "    <所属园区>\(index % 2 == 0 ? "高新区" : District.name(of: zone) ?? zone)</所属园区>\n" }
            if let industry = firm.industry { out += "    <行业代码>\(industry)</行业代码>\n" }
            if let domain = firm.techDomain { out += "    <技术领域>\(term("技术领域", domain.rawValue))</技术领域>\n" }
            if let day = firm.registeredOn { out += "    <成立日期>\([Self.chinese, Self.slashed, Self.compact, \.description][index % 4](day))</成立日期>\n" }
            if let status = firm.status { out += "    <经营状态>\(term("经营状态", status.rawValue))</经营状态>\n" }
            if let resident = firm.resident { out += "    <居民企业>\(resident ? "是" : "否")</居民企业>\n" }
            if let tax = firm.taxAssessment { out += "    <征收方式>\(term("征收方式", tax.rawValue))</征收方式>\n" }
            for year in firm.finance {
                let wan = (index + year.year) % 2 == 0
                let money: (Money?) -> String? = { $0.map { wan ? Self.wan($0) : $0.decimalText } }
                out += "    <年度数据 年份=\"\(year.year)\" 金额单位=\"\(wan ? "万元" : "元")\">"
                let values: [(String, String?)] = [
                    ("从业人员", year.employees.map(String.init)), ("科技人员", year.techStaff.map(String.init)),
                    ("销售收入", money(year.revenue)), ("总收入", money(year.totalIncome)), ("成本费用总额", money(year.totalCost)),
                    ("资产总额", money(year.totalAssets)), ("净资产", money(year.netAssets)), ("研发费用", money(year.rdExpense)),
                    ("境内研发费用", money(year.rdExpenseDomestic)), ("高新技术产品收入", money(year.highTechRevenue)),
                    ("成果转化数", year.conversions.map(String.init)),
                ]
                for (name, value) in values { if let value { out += "<\(name)>\(value)</\(name)>" } }
                out += "</年度数据>\n"
            }
            if !firm.ip.isEmpty {
                out += "    <知识产权清单>\n"
                for ip in firm.ip {
                    out += "      <知识产权 类别=\"\(term("知识产权类别", ip.ipClass.rawValue))\" 数量=\"\(ip.count)\""
                    if let kind = ip.kind { out += " 种类=\"\(term("知识产权种类", kind.rawValue))\"" }
                    if let acquired = ip.acquired { out += " 获得方式=\"\(term("获得方式", acquired.rawValue))\"" }
                    out += "/>\n"
                }
                out += "    </知识产权清单>\n"
            }
            if !firm.certifications.isEmpty {
                out += "    <资质认定>"
                for cert in firm.certifications {
                    out += "<资质 类型=\"\(term("资质类型", cert.kind.rawValue))\" 发证日期=\"\(Self.slashed(cert.issued))\""
                    if let number = cert.number { out += " 证书编号=\"\(Self.escape(number))\"" }
                    if let expires = cert.expires { out += " 有效期至=\"\(Self.compact(expires))\"" }
                    if let revoked = cert.revoked { out += " 撤销日期=\"\(Self.chinese(revoked))\"" }
                    out += "/>"
                }
                out += "</资质认定>\n"
            }
            for award in firm.awards {
                out += "    <获奖 级别=\"\(term("级别", award.level.rawValue))\" 年度=\"\(award.year)\"\(award.rank.map { " 排名=\"\($0)\"" } ?? "")/>\n"
            }
            for institution in firm.rdInstitutions {
                out += "    <研发机构 级别=\"\(term("级别", institution.level.rawValue))\"\(institution.since.map { " 认定日期=\"\(Self.chinese($0))\"" } ?? "")/>\n"
            }
            for standard in firm.standards {
                out += "    <标准 级别=\"\(term("标准级别", standard.level.rawValue))\" 角色=\"\(term("角色", standard.role.rawValue))\" 年度=\"\(standard.year)\"/>\n"
            }
            for incident in firm.incidents {
                out += "    <不良记录 类型=\"\(term("不良记录类型", incident.kind.rawValue))\" 日期=\"\(incident.date)\"/>\n"
            }
            for score in firm.expertScores {
                out += "    <专家评分 项目=\"\(term("评分项目", score.item.rawValue))\" 分值=\"\(score.points)\"/>\n"
            }
            for consortium in firm.consortia {
                out += "    <创新联合体 角色=\"\(term("角色", consortium.role.rawValue))\" 级别=\"\(term("级别", consortium.level.rawValue))\"/>\n"
            }
            out += "  </企业>\n"
        }
        return out + "</企业名录>\n"
    }

    // MARK: Flat layout

    /// Firm fields and finance years only: the flat layout has no repeated facts.
    static func flatProjection(_ firm: Enterprise) -> Enterprise {
        var copy = ProfileLayouts.comparable(firm)
        copy.ip = []
        copy.certifications = []
        copy.awards = []
        copy.rdInstitutions = []
        copy.standards = []
        copy.incidents = []
        copy.expertScores = []
        copy.consortia = []
        return copy
    }

    func flatLayout(_ firms: [Enterprise], encoding: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n<FirmYearTable exportDate=\"20251231\" issuer=\"青岛市科学技术局\" region=\"370200\">\n"
        for (index, firm) in firms.enumerated() {
            var firmAttributes = "uscc=\"\(firm.id)\" name=\"\(Self.escape(firm.name))\" county=\"\(index % 2 == 0 ? firm.district : District.name(of: firm.district) ?? "")\""
            let optional: [(String, String?)] = [
                ("zone", firm.zone), ("industry", firm.industry), ("domain", firm.techDomain?.rawValue),
                ("registered", firm.registeredOn.map(Self.compact)), ("status", firm.status?.rawValue),
                ("resident", firm.resident.map { $0 ? "Y" : "N" }), ("taxMode", firm.taxAssessment.map { term("taxMode", $0.rawValue) }),
            ]
            for (name, value) in optional { if let value { firmAttributes += " \(name)=\"\(value)\"" } }
            if firm.finance.isEmpty { out += "  <Row \(firmAttributes)/>\n" }
            for year in firm.finance {
                var row = firmAttributes + " year=\"\(year.year)\""
                let values: [(String, String?)] = [
                    ("employees", year.employees.map(String.init)), ("techStaff", year.techStaff.map(String.init)),
                    ("salesRevenue", year.revenue?.decimalText), ("totalIncome", year.totalIncome?.decimalText),
                    ("totalCost", year.totalCost?.decimalText), ("totalAssets", year.totalAssets?.decimalText),
                    ("netAssets", year.netAssets?.decimalText), ("rdExpense", year.rdExpense?.decimalText),
                    ("rdExpenseDomestic", year.rdExpenseDomestic?.decimalText),
                    ("highTechRevenue", year.highTechRevenue?.decimalText), ("conversions", year.conversions.map(String.init)),
                ]
                for (name, value) in values { if let value { row += " \(name)=\"\(value)\"" } }
                out += "  <Row \(row)/>\n"
            }
        }
        return out + "</FirmYearTable>\n"
    }
}
