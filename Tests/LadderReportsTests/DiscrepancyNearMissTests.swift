import Foundation
import LadderCore
import LadderReports
import LadderRules
import Testing

func discrepancies(_ xml: String) throws -> [Discrepancy] {
    let ladder = try shippedLadder()
    var audit = DiscrepancyAudit()
    for firm in try importDocument(registry(xml)).firms { audit.add(firm, ladder.assess(firm, asOf: asOf2025)) }
    return audit.sorted
}

func nearMisses(_ xml: String, asOf: Day = asOf2025) throws -> [NearMiss] {
    let ladder = try shippedLadder()
    let search = NearMissSearch(ladder: ladder.copy())
    return try importDocument(registry(xml)).firms.flatMap { search.nearMisses(for: $0, assessment: ladder.assess($0, asOf: asOf)) }
}

@Suite("Discrepancy audit")
struct DiscrepancyTests {
    static let validHNTE = #"<Certification kind="high-tech" number="GR202337005133" issued="2023-12-07"/>"#
    static let validSME = #"<Certification kind="tech-sme" number="2025370212A0001234" issued="2025-04-10"/>"#

    @Test("certified firms that qualify give no finding")
    func clean() throws {
        let xml = Fixture.hnte(id: Fixture.code("370214", 1), certificate: Self.validHNTE)
            + Fixture.sme(id: Fixture.code("370212", 2), extra: Self.validSME)
        #expect(try discrepancies(xml) == [])
    }

    @Test("a certified high-tech firm failing the tech-staff condition is a high finding with its evidence")
    func certifiedFailing() throws {
        let found = try discrepancies(Fixture.hnte(id: Fixture.code("370214", 3), techStaff: 19, certificate: Self.validHNTE))
        let finding = try #require(found.first { $0.kind == .certifiedFailing })
        #expect(finding.severity == .high)
        #expect(finding.tier == .highTech)
        #expect(finding.criterion == "tech.share")
        #expect(finding.value == "9.5%")
        #expect(finding.threshold == "≥ 10%")
        #expect(finding.check.contains("payroll") && finding.checkZh.contains("社保"))
        #expect(finding.district == "370214")
        #expect(finding.position?.line == 3)
    }

    @Test("a revoked certificate is high, an expired one medium, with dates")
    func lapsed() throws {
        let revoked = Fixture.hnte(id: Fixture.code("370214", 4), certificate:
            #"<Certification kind="high-tech" number="GR202337005133" issued="2023-12-07" revoked="2025-06-30"/>"#)
        let expired = Fixture.hnte(id: Fixture.code("370214", 5), certificate:
            #"<Certification kind="high-tech" number="GR202237005133" issued="2022-12-07"/>"#)
        let found = try discrepancies(revoked + expired).filter { $0.kind == .certificateLapsed }
        #expect(found.map(\.severity) == [.high, .medium])
        #expect(found[0].value == "revoked 2025-06-30")
        #expect(found[1].value == "expired 2025-12-06")
        #expect(found[1].evidence.contains("GR202237005133 issued 2022-12-07, valid to 2025-12-06"))
        #expect(found.allSatisfy { $0.threshold == "valid on 2025-12-31" })
    }

    @Test("an uncertified firm that qualifies is an opportunity")
    func qualifiedUncertified() throws {
        let found = try discrepancies(Fixture.sme(id: Fixture.code("370212", 6)))
        #expect(found.map(\.kind) == [.qualifiedUncertified])
        #expect(found.first?.severity == .info)
        #expect(found.first?.tier == .techSME)
        #expect(found.first?.value == "score 90")
    }

    @Test("every auditor check has its Chinese wording, without English words")
    func checksInChinese() {
        let criteria = ["active", "resident", "age", "ip.owned", "domain", "tech.share", "rd.intensity", "rd.domestic",
                        "hightech.revenue", "incidents", "size.staff", "size.revenue", "size.assets", "tax", "industry",
                        "misconduct", "catalogue", "prereq.high-tech", "pass"]
        for tier in Tier.allCases {
            for criterion in criteria {
                let zh = AuditorCheck.chinese(for: criterion, tier: tier)
                #expect(!zh.isEmpty && !zh.contains(where: { $0.isASCII && $0.isLetter }), "\(tier) \(criterion): \(zh)")
                #expect(AuditorCheck.text(for: criterion, tier: tier) != zh)
            }
        }
    }

    @Test("every format renders; CSV starts with a BOM and neutralises formulas")
    func formats() throws {
        let audit = try { () throws -> DiscrepancyAudit in
            var audit = DiscrepancyAudit()
            let ladder = try shippedLadder()
            let xml = Fixture.sme(id: Fixture.code("370212", 7), name: "=HYPERLINK(\"x\")青岛")
            for firm in try importDocument(registry(xml)).firms { audit.add(firm, ladder.assess(firm, asOf: asOf2025)) }
            return audit
        }()
        let csv = AuditRender.render(audit, asOf: "2025-12-31", format: .csv)
        #expect(csv.hasPrefix("\u{FEFF}severity,kind,"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")青岛\""))
        let json = AuditRender.render(audit, asOf: "2025-12-31", format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["findings"] as? [Any])?.count == 1)
        let text = AuditRender.render(audit, asOf: "2025-12-31", format: .text)
        #expect(text.contains("符合条件但未认定"))
        let jsonl = AuditRender.render(audit, asOf: "2025-12-31", format: .jsonl)
        #expect(jsonl.split(separator: "\n").count == 1)
        // In Chinese the cells say what the codes mean; English and JSON keep the codes.
        let chinese = AuditRender.render(audit, asOf: "2025-12-31", format: .csv, language: .zh)
        let row = try #require(chinese.split(whereSeparator: \.isNewline).dropFirst().first)
        #expect(row.hasPrefix("提示,符合条件但未认定,") && row.contains(",科技型中小企业,"), "\(row)")
        #expect(row.contains("邀请企业申报") && !row.contains("invite the firm"), "the auditor's check in Chinese: \(row)")
        #expect(csv.contains("info,qualified-uncertified,") && csv.contains(",tech-sme,"))
        #expect(jsonl.contains("\"kind\":\"qualified-uncertified\"") && !jsonl.contains("符合条件但未认定"))
    }
}

@Suite("Near-miss audit")
struct NearMissTests {
    /// A tech SME whose R&D is 4.9% of sales: one band short of 60 points (20 + 30 + … = 80? no: see below).
    static func shortOfRD(_ id: String, rd: Int, ip: String = #"<IP class="II" kind="utility-model" count="2" acquired="own"/>"#) -> String {
        """
          <Enterprise id="\(id)">
            <Name>青岛差一点科技有限公司</Name><District code="370213"/><Industry code="I6513"/>
            <RegisteredOn>2016-05-18</RegisteredOn><Status>active</Status><Resident>true</Resident><TaxAssessment>actual-profit</TaxAssessment>
            <Finance year="2024" unit="yuan"><Employees>100</Employees><TechStaff>30</TechStaff><Revenue>10000000</Revenue><TotalIncome>10000000</TotalIncome><TotalCost>9000000</TotalCost><TotalAssets>9000000</TotalAssets><RDExpense>\(rd)</RDExpense><RDExpenseDomestic>\(rd)</RDExpenseDomestic></Finance>
            \(ip)
          </Enterprise>
        """
    }

    @Test("R&D short of a band: the least R&D increase that qualifies, in yuan of the data year")
    func rdIncrease() throws {
        // 20 (staff 30%) + 30 (R&D 4.9%) + 12 (2 Class II) = 62 would pass; at 3.9% R&D it is 20 + 20 + 12 = 52.
        let entries = try nearMisses(Self.shortOfRD(Fixture.code("370213", 1), rd: 390_000))
        let sme = try #require(entries.first { $0.tier == .techSME })
        #expect(sme.outcome == .reachable)
        let step = try #require(sme.steps.first)
        #expect(sme.steps.count == 1)
        #expect(step.move == .rdExpense)
        #expect(step.year == 2024)
        // 4% of sales is 400,000: ¥10,000 more (also added to total costs).
        #expect(step.amount == 10_000)
        #expect(step.text == "+¥10K R&D in 2024")
        #expect(abs((sme.distance ?? 0) - 10_000.0 / 390_000) < 1e-9)
        #expect(step.criteria.contains("pass"))
    }

    @Test("no Class I IP and low R&D: the plan names IP in the units a person acts on")
    func ipStep() throws {
        let entries = try nearMisses(Self.shortOfRD(Fixture.code("370213", 2), rd: 100_000, ip: ""))
        let sme = try #require(entries.first { $0.tier == .techSME })
        #expect(sme.outcome == .reachable)
        #expect(sme.steps.contains { $0.text == "1 Class I IP (e.g. invention patent)" })
    }

    @Test("over the staff limit is impossible by the rules, and says so")
    func sizeLimit() throws {
        let big = Self.shortOfRD(Fixture.code("370213", 3), rd: 390_000)
            .replacingOccurrences(of: "<Employees>100</Employees><TechStaff>30</TechStaff>",
                                  with: "<Employees>600</Employees><TechStaff>200</TechStaff>")
        let entries = try nearMisses(big)
        let sme = try #require(entries.first { $0.tier == .techSME })
        #expect(sme.outcome == .impossible)
        #expect(sme.distance == nil)
        #expect(sme.reasons.contains { $0.hasPrefix("size.staff") && $0.contains("size limit exceeded") })
    }

    @Test("a firm already on a rung gets no near miss for it")
    func alreadyOn() throws {
        let entries = try nearMisses(Fixture.sme(id: Fixture.code("370212", 4)))
        #expect(!entries.contains { $0.tier == .techSME })
    }

    @Test("--within keeps plans at most that far, and the district tally counts firms newly on the ladder")
    func withinAndDistricts() throws {
        let ladder = try shippedLadder()
        let search = NearMissSearch(ladder: ladder.copy())
        var report = NearMissReport(within: 0.05)
        let xml = Self.shortOfRD(Fixture.code("370213", 5), rd: 390_000) + Self.shortOfRD(Fixture.code("370213", 6), rd: 300_000)
        for firm in try importDocument(registry(xml)).firms {
            let assessment = ladder.assess(firm, asOf: asOf2025)
            report.add(firm, assessment, search.nearMisses(for: firm, assessment: assessment))
        }
        #expect(report.ranked.count == 1)
        #expect(report.districts["370213"]?.withinReach == 1)
        #expect(report.total.firms == 2)
        let text = AuditRender.render(report, asOf: "2025-12-31", format: .text)
        #expect(text.contains("+¥10K R&D in 2024"))
        #expect(text.contains("22000"))
    }
}
