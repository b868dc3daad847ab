import LadderCore
import Testing
@testable import LadderReports

@Suite("A near-miss change in Chinese")
struct NearMissChineseTests {
    func step(_ move: NearMissMove, _ amount: Int64, year: Int? = 2024) -> NearMissStep {
        NearMissStep(move: move, amount: amount, year: year, criteria: [], text: "", distance: 0)
    }

    @Test("money in 万元 or 亿元 with the field's Chinese name and year, counts with their measure word")
    func wording() {
        #expect(step(.rdExpense, 738_000).chinese == "2024 年研发费用 +73.8万元")
        #expect(step(.revenue, 250_000_000).chinese == "2024 年销售收入 +2.5亿元")
        #expect(step(.highTechRevenue, 800).chinese == "2024 年高新技术产品(服务)收入 +800元")
        #expect(step(.techStaff, 2).chinese == "2024 年科技人员 +2 人（新招）")
        #expect(step(.conversions, 1).chinese == "2024 年科技成果转化数 +1 项")
        #expect(step(.classTwoIP, 3, year: nil).chinese == "Ⅱ类知识产权（实用新型、软件著作权等）+3 项")
        #expect(step(.waitDays, 120, year: nil).chinese == "再等 120 天（成立满一年）")
    }

    @Test("no step's Chinese text carries the English of the plan")
    func noEnglish() {
        let moves: [NearMissMove] = [.techStaff, .rdExpense, .highTechRevenue, .revenue, .conversions, .classOneIP,
                                     .classTwoIP, .highTechCertificate, .actualProfitTax, .waitDays]
        for move in moves {
            let text = step(move, 5).chinese
            #expect(!text.contains(where: { $0.isASCII && $0.isLetter }), "\(move): \(text)")
        }
    }

    @Test("the near-miss CSV and JSON carry the Chinese change beside the English one")
    func inTables() throws {
        var miss = NearMiss(firmID: "91370212MA3C4L0X5W", firmName: "青岛甲", district: "370212", tier: .techSME,
                            verdict: .notQualified, score: nil, offLadder: true, outcome: .reachable,
                            steps: [step(.rdExpense, 480_000)], reasons: [], position: nil)
        miss.steps[0].text = "+¥480K R&D in 2024"
        let header = AuditRender.nearMissHeader, row = AuditRender.nearMissRow(miss)
        let changes = try #require(header.firstIndex(of: "changes")), chinese = try #require(header.firstIndex(of: "changesZh"))
        #expect(row[changes] == "+¥480K R&D in 2024" && row[chinese] == "2024 年研发费用 +48万元")
        #expect(AuditColumns.columns(header)[chinese].chinese == "所需变化")
        #expect(AuditRender.nearMissJSON(miss).contains("\"text\":\"+¥480K R&D in 2024\",\"textZh\":\"2024 年研发费用 +48万元\""))
        // Rung, verdict and outcome: words in Chinese, codes in English (and JSON).
        let tier = try #require(header.firstIndex(of: "tier")), verdict = try #require(header.firstIndex(of: "verdict"))
        let outcome = try #require(header.firstIndex(of: "outcome"))
        let zh = AuditRender.nearMissRow(miss, .zh)
        #expect([zh[tier], zh[verdict], zh[outcome]] == ["科技型中小企业", "不符合", "可达"])
        #expect([row[tier], row[verdict], row[outcome]] == ["tech-sme", "not-qualified", "reachable"])
        #expect(AuditRender.nearMissJSON(miss).contains("\"tier\":\"tech-sme\",\"verdict\":\"not-qualified\""))
    }

    @Test("an impossible rung's reasons in Chinese name the criterion and say why, without the English")
    func impossibleInChinese() throws {
        let big = NearMissTests.shortOfRD(Fixture.code("370213", 3), rd: 390_000)
            .replacingOccurrences(of: "<Employees>100</Employees><TechStaff>30</TechStaff>",
                                  with: "<Employees>600</Employees><TechStaff>200</TechStaff>")
        let sme = try #require(try nearMisses(big).first { $0.tier == .techSME })
        #expect(sme.outcome == .impossible)
        #expect(sme.reasonsZh.count == sme.reasons.count)
        let staff = try #require(sme.reasonsZh.first { $0.hasPrefix("size.staff") })
        #expect(staff.contains("现为 600") && staff.contains("超过规模上限"), "\(staff)")
        #expect(!staff.contains("size limit") && !staff.contains(" vs "))
    }

    @Test("every near miss on 500 firms of the sample registry has its reasons in Chinese, one for one; the text report in Chinese shows the Chinese changes")
    func sampleInChinese() throws {
        let ladder = try shippedLadder()
        let search = NearMissSearch(ladder: ladder.copy())
        var report = NearMissReport()
        for firm in try importFirms(repositoryRoot + "/SampleData/registry-2025.xml").firms.prefix(500) {
            let assessment = ladder.assess(firm, asOf: asOf2025)
            report.add(firm, assessment, search.nearMisses(for: firm, assessment: assessment))
        }
        #expect(Set(report.entries.map(\.outcome)) == [.reachable, .impossible, .undetermined, .noPlan])
        #expect(report.entries.allSatisfy { $0.reasonsZh.count == $0.reasons.count })
        let english = ["collect", "no plan", "not changeable", "size limit"]
        for entry in report.entries { for reason in entry.reasonsZh { #expect(!english.contains { reason.contains($0) }, "\(reason)") } }
        let chinese = AuditRender.render(report, asOf: "2025-12-31", format: .text, language: .zh)
        #expect(chinese.contains("年研发费用 +") && !chinese.contains(" R&D in "))
        #expect(chinese.contains("按规则无法达到") && !chinese.contains("not changeable"))
        let inEnglish = AuditRender.render(report, asOf: "2025-12-31", format: .text, language: .en)
        #expect(inEnglish.contains(" R&D in ") && inEnglish.contains("not changeable"))
        // The summary line too: in Chinese without the English sentence.
        #expect(chinese.contains("与 tally 同一口径）：") && !chinese.contains("toward the 2028 target"))
        #expect(inEnglish.contains("toward the 2028 target"))
    }
}
