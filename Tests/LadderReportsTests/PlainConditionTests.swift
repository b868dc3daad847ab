import LadderCore
import LadderRules
import Testing
@testable import LadderReports

@Suite("The firm report writes rule tests in plain words")
struct PlainConditionTests {
    private func leadingRung(_ language: Language) throws -> (FirmReport, TierAssessment) {
        let firm = try #require(try importDocument(registry(Fixture.sme(id: Fixture.code("370212", 7)))).firms.first)
        let assessment = try shippedLadder().assess(firm, asOf: asOf2025)
        let report = FirmReport(firm: firm, assessment: assessment, nearMisses: [], history: [], language: language)
        return (report, try #require(assessment.rungs.first { $0.tier == .leading }))
    }

    @Test("the leading rung's thresholds name fields in Chinese and settings by their values")
    func leadingThresholdsInChinese() throws {
        let (report, rung) = try leadingRung(.zh)
        let cells = report.criteria(rung).map { $0[3] }
        #expect(cells.contains("研发费用 / 销售收入 ≥ 3%"))
        #expect(cells.contains("销售收入 ≥ 5亿元"))
        #expect(cells.contains("Ⅰ类知识产权数 ≥ 20"))
        #expect(cells.contains("有国家级研发机构"))
        #expect(cells.contains("牵头省级及以上创新联合体"))
        #expect(cells.contains("持有效的高新技术企业认定 或 符合高新技术企业条件"))
        for cell in report.criteria(try #require(report.assessment.rungs.first)).map({ $0[3] }) + cells {
            #expect(cell.firstMatch(of: /[A-Za-z]\(/) == nil, "a function call in \(cell)")
            #expect(!cell.contains("otherwise"), "\(cell)")
        }
    }

    @Test("days read as 天 in Chinese")
    func daysInChinese() throws {
        let (report, _) = try leadingRung(.zh)
        let hnte = try #require(report.assessment.rungs.first { $0.tier == .highTech })
        let age = try #require(report.criteria(hnte).first { $0[3].contains("365") })
        #expect(age[3] == "≥ 365 天")
        #expect(age[2].hasSuffix(" 天"))
    }

    @Test("in English the same tests read as English words")
    func leadingThresholdsInEnglish() throws {
        let (report, rung) = try leadingRung(.en)
        let cells = report.criteria(rung).map { $0[3] }
        #expect(cells.contains("R&D expense / revenue ≥ 3%"))
        #expect(cells.contains("revenue ≥ 5亿 yuan"))
    }

    @Test("operators keep their grouping; a test with a call it cannot word gives nil")
    func grouping() {
        #expect(PlainCondition.text("(Revenue + TotalIncome) * 2 >= 10 and not resident()", version: nil, language: .zh)
                == "(销售收入 + 总收入) × 2 ≥ 10 且 非（居民企业）")
        #expect(PlainCondition.text("not industryIn('C16,F,R90')", version: nil, language: .zh) == "行业不属于 C16、F、R90")
        #expect(PlainCondition.text("true", version: nil, language: .zh) == "其他情况")
        #expect(PlainCondition.text("Revenue >=", version: nil, language: .zh) == nil)
        #expect(PlainCondition.text("expert('talent') >= 2", version: nil, language: .zh) == nil)
    }

    @Test("missing facts are named as a reader knows them")
    func missingNames() throws {
        let (report, _) = try leadingRung(.zh)
        #expect(report.missingName("Finance[2024].RDExpense") == "2024 年研发费用")
        #expect(report.missingName("Finance[≤2021].Revenue") == "2021 年及以前销售收入")
        #expect(report.missingName("ExpertScore[talent]") == "专家评分·人才引进与培养")
        #expect(report.missingName("Resident") == "居民企业")
        #expect(report.missingName("Award.rank") == "科技奖励排名")
        let (english, _) = try leadingRung(.en)
        #expect(english.missingName("ExpertScore[talent]") == "ExpertScore[talent]")
    }
}
