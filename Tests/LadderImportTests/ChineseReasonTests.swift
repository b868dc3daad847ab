import Foundation
import LadderCore
import LadderImport
import Testing

/// Every reject and warning carries a Chinese wording beside the English one (which the database
/// stores and audits read, so it stays as it was).
@Suite("Import reasons have a Chinese wording with no English sentence, and the English one is unchanged")
struct ChineseReasonTests {
    /// Two English words in a row: what a reason left in English would contain.
    static func englishPhrase(in text: String) -> String? {
        text.firstMatch(of: #/[A-Za-z]{2,} [A-Za-z]{2,}/#).map { String($0.output) }
    }

    static func expectChinese(_ issue: RecordIssue, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(issue.reasonZh != issue.reason, "no Chinese wording: \(issue.reason)", sourceLocation: sourceLocation)
        #expect(englishPhrase(in: issue.reasonZh) == nil, "English left in: \(issue.reasonZh)", sourceLocation: sourceLocation)
        #expect(issue.reasonZh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
                "no Chinese in: \(issue.reasonZh)", sourceLocation: sourceLocation)
    }

    /// Format-1 records with one reject each beyond `RejectTests.cases`: the other places reasons are made.
    static let moreRejects: [String] = [
        firmXML(id: "91370212MA3C4L0X5A") + firmXML(id: "91370212MA3C4L0X5A"),
        "<Enterprise id=\"A1\"><Name>x</Name><District/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>",
        "<Enterprise id=\"A2\"><Name> </Name><District code=\"370212\"/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>",
        "<Enterprise id=\"A3\"><Name>x</Name><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>",
        "<Enterprise id=\"A4\"><Name>x</Name><District code=\"370212\"/></Enterprise>",
        firmXML(id: "A5", finance: "<Finance/>"),
        firmXML(id: "A6", finance: "<Finance year=\"1800\"/>"),
        firmXML(id: "A7", extra: "<Industry code=\"1234\"/>"),
        firmXML(id: "A8", extra: "<IP class=\"I\"/>"),
        firmXML(id: "A9", extra: "<Certification kind=\"high-tech\" issued=\"2024-13-01\"/>"),
        firmXML(id: "B1", finance: "<Finance year=\"2024\"><Employees>many</Employees></Finance>"),
        "<Enterprise id=\"B2\"><Name>x</Name><District code=\"370212\"/><RegisteredOn>2016-05-18</RegisteredOn><Status>gone</Status></Enterprise>",
        "<Platform level=\"national\"/>",
    ]

    @Test("each format-1 reject has a Chinese reason", arguments: RejectTests.cases.map(\.xml) + moreRejects)
    func formatOneRejects(_ xml: String) throws {
        let (report, _) = try importRegistry(xml)
        let issue = try #require(report.rejects.first, "no reject for \(xml)")
        Self.expectChinese(issue)
    }

    @Test("each format-1 warning has a Chinese reason; the English one is as before")
    func formatOneWarnings() throws {
        let finance = "<Finance year=\"2024\"><Employees>61</Employees><TechStaff>71</TechStaff><Revenue>100</Revenue>"
            + "<TotalIncome>90</TotalIncome><RDExpense>10</RDExpense><RDExpenseDomestic>20</RDExpenseDomestic></Finance>"
        let firms = [
            firmXML(id: "91370212MA3P3X6T7K"),
            firmXML(id: "91370200163562681G", district: "370282"),
            firmXML(id: "91370212MA3C4L0X5W", finance: finance, extra: "<IP class=\"II\" kind=\"invention-patent\" count=\"1\"/><Gadget/>"),
            "<Enterprise id=\"91370203MA3C9GEX1Q\"><Name>x</Name><District code=\"370212\" zone=\"999999\"/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>",
        ]
        let (report, _) = try importRegistry(firms.joined(separator: "\n"))
        #expect(report.rejected == 0, "\(report.rejects)")
        for issue in report.warnings { Self.expectChinese(issue) }
        let reasons = Dictionary(report.warnings.map { ($0.reason, $0.reasonZh) }, uniquingKeysWith: { first, _ in first })
        #expect(reasons["credit code 91370212MA3P3X6T7K: check character is 'K', GB 32100-2015 gives 'P'; imported as given"]
            == "统一社会信用代码 91370212MA3P3X6T7K：校验码为 'K'，按 GB 32100-2015 应为 'P'；按原样导入")
        #expect(reasons["code 370282 (即墨市) is retired; counted as 370215 即墨区"] == "区市代码 370282（即墨市）已撤销，计入 370215 即墨区")
        #expect(reasons["2024: TechStaff 71 exceeds Employees 61"] == "2024 年：科技人员 71 人多于职工总数 61 人")
        #expect(reasons["2024: RDExpenseDomestic exceeds RDExpense"] == "2024 年：境内研发费用高于研发费用")
        #expect(reasons["2024: TotalIncome is less than Revenue"] == "2024 年：总收入低于销售收入")
        #expect(reasons["unknown element <Gadget> ignored"] == "未知元素 <Gadget>，已忽略")
        #expect(reasons["zone '999999' is not a known functional zone code"] == "功能区代码 '999999' 不是已知的功能区")
        #expect(reasons.keys.contains { $0.hasPrefix("kind invention-patent is Class I, but the record says Class II") })
        #expect(report.warnings.count >= 8)
    }

    @Test("Chinese reasons name the field by the format-1 vocabulary's Chinese name")
    func fieldNames() throws {
        let (report, _) = try importRegistry(firmXML(finance: "<Finance year=\"2024\"><Revenue>12abc</Revenue></Finance>"))
        let issue = try #require(report.rejects.first)
        #expect(issue.reason == "Revenue '12abc' is not a decimal number")
        #expect(issue.reasonZh == "\(FinanceField.revenue.spec.chineseName) '12abc' 不是十进制数")
    }

    @Test("each reject and warning read through a profile has a Chinese reason")
    func profileIssues() throws {
        let bodies = [
            "<所属区市>370299</所属区市>", "<所属区市>崂山新区</所属区市>", "<所属区市>370205</所属区市>",
            "<所属区市>370212</所属区市><所属园区>崂山</所属园区>", "<年度数据 年份=\"2024\"><销售收入>12abc</销售收入></年度数据>",
            "<年度数据 年份=\"2024\"><职工总数>61</职工总数><科技人员>71</科技人员></年度数据>",
            "<年度数据 年份=\"2024\"/><年度数据 年份=\"2024\"/>", "<年度数据 年份=\"x\"/>", "<行业代码>9</行业代码>",
            "<成立日期>2016-02-30</成立日期>",
        ]
        let (report, _) = try ProfileValueTests.importDistrict(ProfileValueTests.districtDocument(bodies))
        #expect(report.rejected >= 5, "\(report.rejects)")
        #expect(report.warningCount >= 3, "\(report.warnings)")
        for issue in report.rejects + report.warnings { Self.expectChinese(issue) }
    }

    @Test("a required field a profile maps but the record lacks is explained in Chinese, naming the profile line")
    func profileMissingField() throws {
        let (path, line) = try ProfileErrorTests.variant(of: "flat-firm-year", replacing: "from=\"@name\"", with: "from=\"@firmName\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try Profile.load(file: path, name: "variant.xml")
        let sample = try #require(ProjectFiles.locate("SampleData/flat-layout.xml"))
        let report = try ProfileImporter(profile: profile).importFile(sample, name: "flat-layout.xml") { _ in }
        let issue = try #require(report.rejects.first)
        #expect(issue.reason == "is missing: profile variant.xml:\(line) maps it from @firmName, and this record has none")
        #expect(issue.reasonZh == "缺少企业名称：映射配置 variant.xml:\(line) 从 @firmName 映射，而本记录没有该值")
    }

    @Test("SampleData/shapes.xml's warnings have Chinese reasons")
    func shapes() throws {
        let path = try #require(ProjectFiles.locate("SampleData/shapes.xml"))
        let report = try RegistryImporter().importFile(path, name: "shapes.xml") { _ in }
        #expect(report.warningCount == 2)
        for issue in report.rejects + report.warnings { Self.expectChinese(issue) }
    }
}
