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
    }
}
