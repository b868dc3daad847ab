import Foundation
import LadderCore
import LadderImport
import Testing

@Suite("The vocabulary drives the format-1 reader and writer")
struct VocabularyImportTests {
    /// A firm with every finance figure of the vocabulary set to a distinct value.
    static func firmWithEveryFigure() -> Enterprise {
        var firm = Enterprise(id: "91370212MA3C4L0X5W", name: "测试科技有限公司", district: "370212")
        firm.registeredOn = Day("2016-05-18")
        var year = FinanceYear(year: 2024)
        for field in FinanceField.all { year[field] = field.isMoney ? 100_000 * Int64(field.rawValue + 1) + 25 : Int64(field.rawValue + 1) }
        firm.finance = [year]
        firm.certifications = [Certification(kind: .highTech, number: "GR202337100123", issued: Day("2023-11-01")!)]
        firm.expertScores = [ExpertScore(item: .talent, points: 3)]
        return firm
    }

    @Test("every finance figure is written under its element name and read back into its own property")
    func everyFigureRoundTrips() throws {
        let firm = Self.firmWithEveryFigure()
        let document = RegistryWriter.document(header: RegistryHeader(exportedAt: Day("2025-12-31")!), records: [.enterprise(firm)])
        for field in FinanceField.all {
            #expect(document.contains("<\(field.name)>\(firm.finance[0].text(field)!)</\(field.name)>"), "\(field.name) not written")
        }
        #expect(document.contains("<ExpertScore item=\"talent\" points=\"3\"/>"))
        var read: [Enterprise] = []
        let report = try RegistryImporter().importDocument(document, name: "every.xml") { record in
            if case .enterprise(let firm) = record { read.append(firm) }
        }
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        var expected = firm
        expected.finance[0].position = read.first?.finance.first?.position
        expected.position = read.first?.position
        #expect(read == [expected])
    }

    @Test("a bad value of any finance figure is rejected under the figure's element name")
    func badFigureNamesItsElement() throws {
        for field in FinanceField.all {
            let (report, firms) = try importRegistry(firmXML(finance: "<Finance year=\"2024\"><\(field.name)>abc</\(field.name)></Finance>"))
            #expect(firms.isEmpty)
            #expect(report.rejects.first?.element == "Finance/\(field.name)", "\(field.name): \(report.rejects)")
        }
    }

    @Test("only net assets may be negative")
    func negativeAmounts() throws {
        for field in FinanceField.all where field.isMoney {
            let (report, _) = try importRegistry(firmXML(finance: "<Finance year=\"2024\"><\(field.name)>-5</\(field.name)></Finance>"))
            #expect(report.rejects.isEmpty == (field.type == .signedMoney), "\(field.name)")
        }
    }
}
