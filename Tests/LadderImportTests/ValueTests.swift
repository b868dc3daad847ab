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

    @Test("amounts in every written shape read to the same fen as decimal arithmetic", arguments: [
        ("0", "yuan", 0), ("7", "yuan", 700), ("12.", "yuan", 1_200), (".5", "yuan", 50), ("0.01", "yuan", 1),
        ("12.5", "yuan", 1_250), ("12.50", "yuan", 1_250), (" 42 ", "yuan", 4_200), ("+5", "yuan", 500),
        ("00012.30", "yuan", 1_230), ("9999999999999.99", "yuan", 999_999_999_999_999), ("99999999999999.99", "yuan", nil),
        ("330.25", "wan-yuan", 330_250_000), ("0.01", "wan-yuan", 10_000), ("12", "wan-yuan", 12_000_000),
        ("99999999999.99", "wan-yuan", nil), ("999999999999999", "yuan", nil), ("1.234", "yuan", nil),
        ("1e5", "yuan", nil), ("1,000", "yuan", nil), ("", "yuan", nil), (".", "yuan", nil), ("1.2.3", "yuan", nil),
        ("-5", "yuan", nil), ("12.a", "yuan", nil), ("12 .5", "yuan", nil),
    ] as [(String, String, Int64?)])
    func amountShapes(text: String, unit: String, fen: Int64?) throws {
        let (report, firms) = try importRegistry(firmXML(finance: "<Finance year=\"2024\" unit=\"\(unit)\"><Revenue>\(text)</Revenue></Finance>"))
        if let fen {
            #expect(report.rejected == 0, "\(text) \(unit)")
            #expect(firms.first?.finance.first?.revenue == Money(fen: fen), "\(text) \(unit)")
        } else {
            #expect(report.rejected == 1, "\(text) \(unit) should be rejected")
        }
    }

    @Test("dates must be real and exactly YYYY-MM-DD", arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2024-13-01", false), ("2024-1-01", false),
        ("2024-01-0a", false), ("2024/01/01", false), (" 2024-01-31 ", true), ("20240131", false),
    ])
    func dateShapes(text: String, valid: Bool) throws {
        let xml = firmXML().replacing("<RegisteredOn>2016-05-18<", with: "<RegisteredOn>\(text)<")
        let (report, firms) = try importRegistry(xml)
        #expect(report.rejected == (valid ? 0 : 1), "\(text)")
        if valid { #expect(firms.first?.registeredOn != nil) }
    }

    @Test("thousands of distinct element names do not confuse the name cache")
    func manyNames() throws {
        // More distinct names than XMLNameTable caches, in a foreign namespace (ignored), around every
        // element the firm needs: each known name must still be recognised after the cache overflows.
        let noise = (0..<3_000).map { "<x:n\($0) xmlns:x=\"urn:other\"/>" }.joined()
        let finance = "<Finance year=\"2024\">\(noise)<Revenue>12.5</Revenue>\(noise)<Employees>30</Employees></Finance>"
        let (report, firms) = try importRegistry(noise + firmXML(finance: finance, extra: noise) + noise + firmXML(id: "91370212MA3C4L0X5X"))
        #expect(report.rejected == 0)
        #expect(firms.count == 2)
        #expect(firms.first?.finance.first?.revenue == Money(fen: 1_250))
        #expect(firms.first?.finance.first?.employees == 30)
        #expect(firms.last?.name == "测试科技有限公司")
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
