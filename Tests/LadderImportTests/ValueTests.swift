import LadderCore
import LadderImport
import Testing

@Suite("Values: units, unknowns, warnings and extensions")
struct ValueTests {
    @Test("wan-yuan amounts become exact fen")
    func wanYuan() throws {
        let (_, firms) = try importRegistry(firmXML(finance: "<Finance year=\"2024\" unit=\"wan-yuan\"><Revenue>330.25</Revenue><RDExpense>0.01</RDExpense></Finance>"))
        let year = try #require(firms.first?.finance.first)
        #expect(year.revenue == Money(yuan: 3_302_500))
        #expect(year.rdExpense == Money(yuan: 100))
    }

    @Test("an absent value is unknown, a written zero is zero")
    func unknownVersusZero() throws {
        let (_, firms) = try importRegistry(firmXML(finance: "<Finance year=\"2024\"><RDExpense>0</RDExpense></Finance>"))
        let firm = try #require(firms.first)
        #expect(firm.finance[0].rdExpense == .zero)
        #expect(firm.finance[0].revenue == nil)
        #expect(firm.finance[0].employees == nil)
        #expect(firm.resident == nil)
        #expect(firm.techDomain == nil)
        #expect(firm.ip.isEmpty)
    }

    @Test("negative net assets are allowed")
    func negativeNetAssets() throws {
        let (report, firms) = try importRegistry(firmXML(finance: "<Finance year=\"2024\"><NetAssets>-1500.5</NetAssets></Finance>"))
        #expect(report.rejected == 0)
        #expect(firms.first?.finance.first?.netAssets == Money(fen: -150_050))
    }

    @Test("a wrong check digit imports with a warning")
    func checkDigit() throws {
        let (report, firms) = try importRegistry(firmXML(id: "91370212MA3C4L0X5A"))
        #expect(firms.count == 1)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.reason.contains("check character is 'A', GB 32100-2015 gives 'W'") == true)
    }

    @Test("an id with Chinese characters imports with a warning")
    func chineseID() throws {
        let (report, firms) = try importRegistry(firmXML(id: "9137021测试C4L0X5W12"))
        #expect(firms.count == 1)
        #expect(report.warnings.first?.reason.contains("not in the GB 32100 alphabet") == true)
    }

    @Test("retired district codes import under their successor, with a warning",
          arguments: [("370282", "370215"), ("370205", "370203"), ("370284", "370211")])
    func retired(old: String, new: String) throws {
        let (report, firms) = try importRegistry(firmXML(district: old))
        #expect(firms.first?.district == new)
        #expect(report.districts == [new: 1])
        #expect(report.warnings.first?.reason.contains("is retired; counted as \(new)") == true)
    }

    @Test("elements in another namespace are ignored, unknown ones in ours warn")
    func extensions() throws {
        let xml = firmXML(extra: "<x:Note xmlns:x=\"urn:other\"><x:Deep>1</x:Deep></x:Note><Mystery/>")
        let (report, firms) = try importRegistry(xml)
        #expect(firms.count == 1)
        #expect(report.warnings.map(\.reason) == ["unknown element <Mystery> ignored"])
    }

    @Test("a file in another layout stops with a pointer to profiles")
    func foreignRoot() {
        #expect(throws: (any Error).self) {
            _ = try RegistryImporter().importDocument("<企业名录><企业/></企业名录>", name: "x.xml") { _ in }
        }
    }

    @Test("fragments parse for rulebook examples")
    func fragment() throws {
        let firms = try RegistryImporter.enterprises(fromFragment: firmXML(), name: "example")
        #expect(firms.map(\.name) == ["测试科技有限公司"])
    }
}
