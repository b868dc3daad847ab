import LadderCore
import Testing

@Suite("The format-1 vocabulary")
struct RegistryVocabularyTests {
    @Test("every finance field has its own element name, Chinese name, English name and store column")
    func financeNamesAreDistinct() {
        for name in [\FieldSpec.element, \.chineseName, \.englishName, \.column] {
            let names = FinanceField.all.map { $0.spec[keyPath: name] }
            #expect(Set(names).count == FinanceField.all.count, "\(names)")
            #expect(!names.contains(""))
        }
    }

    @Test("each finance field reads and writes its own property of a year, in fen for money")
    func subscriptReachesEachProperty() {
        for field in FinanceField.all {
            var year = FinanceYear(year: 2024)
            year[field] = 1_234 + Int64(field.rawValue)
            #expect(year[field] == 1_234 + Int64(field.rawValue))
            for other in FinanceField.all where other != field { #expect(year[other] == nil, "\(field) also set \(other)") }
            #expect(year.text(field) == (field.isMoney ? Money(fen: year[field]!).decimalText : String(year[field]!)))
            year[field] = nil
            #expect(year == FinanceYear(year: 2024))
        }
        var year = FinanceYear(year: 2024)
        year[.rdExpenseDomestic] = 310_000_000
        #expect(year.rdExpenseDomestic == Money(yuan: 3_100_000))
        year[.conversions] = 3
        #expect(year.conversions == 3)
        #expect(year[money: .conversions] == nil)
    }

    @Test("counts and the signed amount are the fields the spec says")
    func types() {
        #expect(FinanceField.all.filter { $0.type == .count } == [.employees, .techStaff, .conversions])
        #expect(FinanceField.all.filter { $0.type == .signedMoney } == [.netAssets])
        #expect(FinanceField(name: "RDExpenseDomestic") == .rdExpenseDomestic)
        #expect(FinanceField(name: "rdExpenseDomestic") == nil)
        #expect(FinanceField.columnList.hasPrefix("employees, tech_staff, revenue,"))
    }

    @Test("repeated facts list their required and date attributes as format 1 does")
    func facts() {
        #expect(FactKind.ip.required == ["class", "count"])
        #expect(FactKind.certification.attributes == ["kind", "number", "issued", "expires", "revoked"])
        #expect(FactKind.certification.dateAttributes == [2, 3, 4])
        #expect(FactKind.rdInstitution.dateAttributes == [1])
        #expect(FactKind.maxAttributes == 5)
        #expect(FactKind(element: "ExpertScore") == .expertScore)
        #expect(Set(FactKind.all.map(\.spec.table)).count == FactKind.all.count)
    }

    @Test("a fact's attribute texts follow its kind's attribute order")
    func factTexts() {
        var firm = Enterprise(id: "91370212MA3C4L0X5W", name: "x", district: "370212")
        firm.certifications = [Certification(kind: .highTech, number: "GR1", issued: Day("2023-11-01")!, revoked: Day("2024-01-02")!)]
        firm.ip = [IPHolding(ipClass: .one, kind: .inventionPatent, count: 2)]
        #expect(firm.factTexts(.certification) == [["high-tech", "GR1", "2023-11-01", nil, "2024-01-02"]])
        #expect(firm.factTexts(.ip) == [["I", "invention-patent", "2", nil]])
        #expect(firm.factTexts(.award).isEmpty)
        #expect(RecordField.all.filter(\.isRequired) == [.id, .name, .district, .registeredOn])
    }

    @Test("the highest valid rung is the highest kind among certificates valid that day")
    func certifiedTier() {
        var firm = Enterprise(id: "91370212MA3C4L0X5W", name: "x", district: "370212")
        firm.certifications = [
            Certification(kind: .techSME, issued: Day("2025-04-10")!),
            Certification(kind: .highTech, issued: Day("2022-11-01")!),
        ]
        #expect(firm.certifiedTier(on: Day("2025-06-30")!) == .highTech)
        #expect(firm.certifiedTier(on: Day("2025-11-01")!) == .techSME)  // high-tech lapsed after 3 years
        #expect(firm.certifiedTier(on: Day("2022-10-31")!) == nil)
    }
}
