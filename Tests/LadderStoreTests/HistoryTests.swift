import Foundation
import LadderCore
import LadderReports
import Testing
@testable import LadderStore

@Suite("Registry store: history, assessments and tallies")
struct HistoryTests {
    /// Two snapshots: in the second the firm lost its tech-SME registration, gained a finance year and
    /// changed status; a second firm appears only in the second.
    func twoSnapshots() throws -> (temp: TemporaryDatabase, store: RegistryStore, snapshots: [Snapshot]) {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        let firm = Fixtures.fullFirm()
        var later = firm
        later.status = .deregistered
        later.certifications.removeAll { $0.kind == .techSME }
        var y2025 = FinanceYear(year: 2025)
        y2025.revenue = Money(yuan: 1)
        later.finance.append(y2025)
        try Fixtures.importRecords([.enterprise(firm)], into: store)
        try Fixtures.importRecords([.enterprise(later), .enterprise(Fixtures.bareFirm(id: "NEW"))], into: store,
                                   header: Fixtures.header2026, hash: "hash-2", fileName: "registry-2026.xml")
        return (temp, store, try store.snapshots())
    }

    @Test("a firm's history lists every snapshot with its facts, verdicts and changes")
    func history() throws {
        let scenario = try twoSnapshots()
        let (store, snapshots) = (scenario.store, scenario.snapshots)
        defer { withExtendedLifetime(scenario.temp) {} }
        try store.saveAssessments([
            Assessment(firmID: "91370212MA3C4L0X5W", tier: .highTech, verdict: .pass, ruleVersion: "high-tech@2016"),
            Assessment(firmID: "91370212MA3C4L0X5W", tier: .techSME, verdict: .unknown, ruleVersion: "tech-sme@2022"),
        ], in: snapshots[0])
        try store.saveAssessments([
            Assessment(firmID: "91370212MA3C4L0X5W", tier: .highTech, verdict: .fail, ruleVersion: "high-tech@2016"),
        ], in: snapshots[1])

        let history = try #require(try store.history(of: "91370212MA3C4L0X5W"))
        #expect(history.entries.map(\.snapshot.id) == snapshots.map(\.id))
        #expect(history.entries[0].changes.isEmpty)
        #expect(history.entries[0].assessments.map(\.tier) == [.techSME, .highTech])
        let changes = history.entries[1].changes.map(\.description)
        #expect(changes.contains("status: active → deregistered"))
        #expect(changes.contains("+ finance 2025: reported"))
        #expect(changes.contains(
            "- certification: tech-sme 2025370212A0001234 issued 2025-04-10, valid to 2025-12-31, revoked 2025-09-01"))
        #expect(changes.contains("verdict high-tech: pass (high-tech@2016) → fail (high-tech@2016)"))
        #expect(changes.contains("- verdict tech-sme: unknown (tech-sme@2022)"))
        // The same changes in plain Chinese, for the firm report.
        let chinese = history.entries[1].changes.map { $0.line(.zh) }
        #expect(chinese.contains("经营状态：存续 → 已注销"))
        #expect(chinese.contains("新报 2025 年财务数据"))
        #expect(chinese.contains("不再列出资质认定：科技型中小企业 2025370212A0001234，2025-04-10 发证，有效至 2025-12-31，2025-09-01 撤销"))
        #expect(chinese.contains("高新技术企业评定：符合（规则 high-tech@2016） → 不符合（规则 high-tech@2016）"))
        #expect(chinese.contains("不再列出科技型中小企业评定：无法判定（数据不全）（规则 tech-sme@2022）"))
        #expect(history.entries[1].changes.map { $0.line(.en) } == changes)

        let newcomer = try #require(try store.history(of: "NEW"))
        #expect(newcomer.entries.map { $0.enterprise == nil } == [true, false])
        #expect(newcomer.entries[1].changes.map(\.description) == ["+ listing: listed in this export"])
        #expect(newcomer.entries[1].changes.map(\.chinese) == ["本期新列入名录"])
        #expect(try store.history(of: "NOBODY") == nil)
    }

    @Test("saving a verdict again replaces it")
    func assessmentsReplace() throws {
        let scenario = try twoSnapshots()
        let (store, snapshots) = (scenario.store, scenario.snapshots)
        defer { withExtendedLifetime(scenario.temp) {} }
        let first = Assessment(firmID: "NEW", tier: .techSME, verdict: .unknown, ruleVersion: "v1")
        let second = Assessment(firmID: "NEW", tier: .techSME, verdict: .pass, ruleVersion: "v2")
        #expect(try store.saveAssessments([first], in: snapshots[1]) == 1)
        try store.saveAssessments([second], in: snapshots[1])
        #expect(try store.assessments(in: snapshots[1]) == [second])
        #expect(try store.assessments(in: snapshots[0]).isEmpty)
    }

    @Test("tier counts per district follow certificate validity on the date, in SQL")
    func tierCounts() throws {
        let scenario = try twoSnapshots()
        let (store, snapshots) = (scenario.store, scenario.snapshots)
        defer { withExtendedLifetime(scenario.temp) {} }
        // 2025-12-31: the leading listing of 2024-03-01 has lapsed (annual), high-tech is valid to
        // 2026-10-31, the tech-SME registration was revoked 2025-09-01.
        #expect(try store.certifiedTierCounts(in: snapshots[0]) == [
            CertifiedTierCount(district: "370212", tier: .highTech, firms: 1),
        ])
        #expect(try store.certifiedTierCounts(in: snapshots[0], on: Fixtures.day("2024-06-01")) == [
            CertifiedTierCount(district: "370212", tier: .leading, firms: 1),
        ])
        #expect(try store.certifiedTierCounts(in: snapshots[0], on: Fixtures.day("2025-06-01")) == [
            CertifiedTierCount(district: "370212", tier: .highTech, firms: 1),
        ])
        // The firm is deregistered in the second export.
        #expect(try store.certifiedTierCounts(in: snapshots[1]) == [
            CertifiedTierCount(district: "370203", tier: nil, firms: 1),
        ])
        #expect(try store.certifiedTierCounts(in: snapshots[1], activeOnly: false).count == 2)
    }

    @Test("finance totals sum exact fen over firms that report the figure")
    func financeTotals() throws {
        let scenario = try twoSnapshots()
        let (store, snapshots) = (scenario.store, scenario.snapshots)
        defer { withExtendedLifetime(scenario.temp) {} }
        let revenue = try store.financeTotal(.revenue, year: 2023, in: snapshots[0])
        #expect(revenue == FinanceTotal(total: Money(fen: 5_000_000_001), firmsReporting: 1, firms: 1))
        let unknown = try store.financeTotal(.totalCost, year: 2023, in: snapshots[0])
        #expect(unknown == FinanceTotal(total: .zero, firmsReporting: 0, firms: 1))
    }
}

@Suite("A firm's changes in plain Chinese")
struct FirmChangeChineseTests {
    @Test("a count that changed is one change, money reads in 万元, a new value set entry by its Chinese name")
    func countsMoneyAndNames() {
        var old = Enterprise(id: "91370212MA3C4L0X5W", name: "青岛示例科技有限公司", district: "370212")
        old.ip = [IPHolding(ipClass: .two, kind: .utilityModel, count: 33, acquired: .own)]
        var year = FinanceYear(year: 2024)
        year.revenue = Money(fen: 12_000_000_00)
        year.employees = 50
        old.finance = [year]
        var new = old
        new.ip = [IPHolding(ipClass: .two, kind: .utilityModel, count: 38, acquired: .own),
                  IPHolding(ipClass: .one, kind: .inventionPatent, count: 2, acquired: .transfer)]
        new.finance[0].revenue = Money(fen: 15_000_000_00)
        new.finance[0].employees = 60
        new.techDomain = .newMaterials
        let changes = FirmChange.between(old, new)
        #expect(changes.map(\.chinese) == [
            "技术领域：未报 → 新材料",
            "2024 年职工总数：50人 → 60人",
            "2024 年销售收入：1200万元 → 1500万元",
            "知识产权 Ⅱ类 实用新型专利（自主研发）：33 项 → 38 项",
            "新增知识产权：Ⅰ类 发明专利 ×2（受让）",
        ])
        #expect(changes.map(\.description).contains("IP: class II utility-model ×33 (own) → class II utility-model ×38 (own)"))
        #expect(changes.map(\.description).contains("tech domain: unknown → new-materials"))
    }
}
