import Foundation
import LadderCore
import LadderImport
import LadderReports
import Testing

/// Runs the data-quality audit over a document the way `techladder audit --data-quality` does.
func dataQuality(_ xml: String, name: String = "fixture.xml", checker: inout DataQualityChecker) throws -> [DataQualityFinding] {
    let (firms, report) = try importDocument(xml, name: name)
    var findings = firms.flatMap { checker.check($0, asOf: asOf2025) }
    for (issues, rejected) in [(report.rejects, true), (report.warnings, false)] {
        for issue in issues {
            if let finding = checker.importIssue(recordID: issue.recordID, element: issue.element, reason: issue.reason,
                                                 position: issue.position, rejected: rejected) {
                findings.append(finding)
            }
        }
    }
    return findings
}

func dataQuality(_ xml: String) throws -> [DataQualityFinding] {
    var checker = DataQualityChecker()
    return try dataQuality(xml, checker: &checker)
}

@Suite("Data-quality audit")
struct DataQualityTests {
    @Test("a clean fixture gives no finding")
    func clean() throws {
        let xml = registry(Fixture.sme(id: Fixture.code("370212", 1), extra: """
            <Certification kind="tech-sme" number="2025370212A0001234" issued="2025-04-10"/>
            """) + Fixture.hnte(id: Fixture.code("370214", 2), certificate: """
            <Certification kind="high-tech" number="GR202337005133" issued="2023-12-07"/>
            """))
        #expect(try dataQuality(xml) == [])
    }

    /// One planted problem per case: the fragment, the kind, the severity, the field, and the line of
    /// the position (1-based in the document built by `registry`).
    static let planted: [(String, DataQualityKind, AuditSeverity, String, Int)] = [
        (Fixture.sme(id: "91370212MA3P3X6T7K"), .creditCodeCheckDigit, .high, "Enterprise@id", 3),
        (Fixture.sme(id: Fixture.code("370282", 3), district: "370282"), .districtRetired, .medium, "District@code", 4),
        (Fixture.sme(id: Fixture.code("370212", 4), finance: Fixture.smeFinance.replacingOccurrences(
            of: "<TechStaff>46</TechStaff>", with: "<TechStaff>130</TechStaff>")),
         .techStaffExceedsEmployees, .high, "Finance[2024].TechStaff", 7),
        (Fixture.sme(id: Fixture.code("370212", 5), finance: Fixture.smeFinance.replacingOccurrences(
            of: "<RDExpenseDomestic>330</RDExpenseDomestic>", with: "<RDExpenseDomestic>331</RDExpenseDomestic>")),
         .domesticRDExceedsRD, .high, "Finance[2024].RDExpenseDomestic", 7),
        (Fixture.sme(id: Fixture.code("370212", 6), finance: Fixture.smeFinance.replacingOccurrences(
            of: "<Revenue>5800</Revenue><TotalIncome>5900</TotalIncome>", with: "<Revenue>30</Revenue><TotalIncome>30</TotalIncome>")),
         .absurdValue, .medium, "Finance[2024].RDExpense", 7),
        (Fixture.sme(id: Fixture.code("370212", 7), finance: Fixture.smeFinance.replacingOccurrences(
            of: "<HighTechRevenue>", with: "").replacingOccurrences(of: "<TotalIncome>5900</TotalIncome>",
            with: "<TotalIncome>5900</TotalIncome><HighTechRevenue>6000</HighTechRevenue>")),
         .absurdValue, .medium, "Finance[2024].HighTechRevenue", 7),
        (Fixture.sme(id: Fixture.code("370212", 8), registered: "2024-03-01"), .registeredAfterFinance, .medium,
         "RegisteredOn", 6),
        (Fixture.sme(id: Fixture.code("370212", 9), finance: String(Fixture.smeFinance.split(separator: "\n")[0])),
         .missingYear, .medium, "Finance[2024]", 3),
        (Fixture.sme(id: Fixture.code("370212", 10), extra: """
            <Certification kind="high-tech" number="GR20233700513" issued="2023-12-07"/>
            """), .certificateNumberFormat, .medium, "Certification[1](high-tech)@number", 3),
        (Fixture.sme(id: Fixture.code("370212", 11), extra: """
            <Certification kind="tech-sme" number="2025370212-0001234" issued="2025-04-10"/>
            """), .certificateNumberFormat, .medium, "Certification[1](tech-sme)@number", 3),
        (Fixture.sme(id: Fixture.code("370212", 12), extra: """
            <Certification kind="high-tech" number="GR202237005133" issued="2023-12-07"/>
            """), .certificateNumberYear, .medium, "Certification[1](high-tech)@number", 3),
        (Fixture.sme(id: Fixture.code("370212", 13), extra: """
            <Certification kind="high-tech" number="GR202344005133" issued="2023-12-07"/>
            """), .certificateRegion, .low, "Certification[1](high-tech)@number", 3),
        (Fixture.sme(id: Fixture.code("370212", 14), extra: """
            <Certification kind="high-tech" number="GR202337005133" issued="2023-12-07" revoked="2023-01-01"/>
            """), .certificateDates, .high, "Certification[1](high-tech)@revoked", 3),
        (Fixture.sme(id: Fixture.code("370203", 15)), .creditCodeRegion, .low, "Enterprise@id[3-8]", 3),
    ]

    @Test("each planted problem is found with its evidence and position", arguments: 0..<planted.count)
    func plantedProblem(index: Int) throws {
        let (fragment, kind, severity, field, line) = Self.planted[index]
        let xml = registry(fragment)
        let findings = try dataQuality(xml)
        let matching = findings.filter { $0.kind == kind }
        #expect(matching.count == 1, "\(kind): \(findings.map { "\($0.kind) \($0.message)" })")
        let finding = try #require(matching.first)
        #expect(finding.severity == severity)
        #expect(finding.field == field)
        #expect(finding.position?.file == "fixture.xml")
        #expect(finding.position?.line == line, "\(finding.position?.description ?? "no position")")
        #expect(findings.count == 1, "only the planted problem: \(findings.map(\.message))")
    }

    @Test("a duplicate credit code across files names the first record's position")
    func duplicateAcrossFiles() throws {
        let id = Fixture.code("370212", 20)
        var checker = DataQualityChecker()
        let first = try dataQuality(registry(Fixture.sme(id: id)), name: "a.xml", checker: &checker)
        let second = try dataQuality(registry(Fixture.sme(id: id)), name: "b.xml", checker: &checker)
        #expect(first == [])
        let duplicate = try #require(second.first { $0.kind == .duplicateFirm })
        #expect(duplicate.severity == .high)
        #expect(duplicate.position?.file == "b.xml")
        #expect(duplicate.message.contains("a.xml:3:"))
    }

    @Test("every kind has a Chinese name; the Chinese CSV names the severity and kind, JSON keeps the codes")
    func kindsInChinese() throws {
        for kind in DataQualityKind.allCases {
            #expect(!kind.chineseName.isEmpty && !kind.chineseName.contains(where: { $0.isASCII && $0.isLetter }), "\(kind)")
        }
        #expect(Set(DataQualityKind.allCases.map(\.chineseName)).count == DataQualityKind.allCases.count)
        let id = Fixture.code("370212", 20)
        var checker = DataQualityChecker()
        _ = try dataQuality(registry(Fixture.sme(id: id)), name: "a.xml", checker: &checker)
        let findings = try dataQuality(registry(Fixture.sme(id: id)), name: "b.xml", checker: &checker)
        let chinese = AuditRender.render(findings, checker: checker, asOf: "2025-12-31", format: .csv, language: .zh)
        #expect(chinese.contains("\n高,企业重复,"), "\(chinese)")
        let english = AuditRender.render(findings, checker: checker, asOf: "2025-12-31", format: .csv, language: .en)
        #expect(english.contains("\nhigh,duplicate-firm,"))
        let json = AuditRender.render(findings, checker: checker, asOf: "2025-12-31", format: .jsonl)
        #expect(json.contains("\"kind\":\"duplicate-firm\""))
    }

    @Test("a registration with the city bureau (370200) or before a re-coding is normal")
    func normalAdminCodes() throws {
        let city = Fixture.sme(id: Fixture.code("370200", 21))
        let jimo = Fixture.sme(id: Fixture.code("370282", 22), name: "青岛即墨纺织科技有限公司", district: "370215",
                              registered: "2012-01-01")
        #expect(try dataQuality(registry(city + jimo)) == [])
        let late = Fixture.sme(id: Fixture.code("370282", 23), district: "370215", registered: "2019-01-01")
        let findings = try dataQuality(registry(late))
        #expect(findings.map(\.kind) == [.creditCodeRegion])
        #expect(findings.first?.severity == .low)
    }

    @Test("a rejected record is reported with its position")
    func rejected() throws {
        let findings = try dataQuality(registry(Fixture.sme(id: Fixture.code("110101", 24), district: "110101")))
        let finding = try #require(findings.first)
        #expect(finding.kind == .rejectedRecord)
        #expect(finding.severity == .high)
        #expect(finding.position?.line == 4)
    }
}
