import LadderCore
import LadderImport
import XMLStream
import Testing

@Suite("Record-level rejects name the position, id and reason, and the rest imports")
struct RejectTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var xml: String
        var element: String
        var reason: String
        var testDescription: String { label }
    }

    // Every case sits on line 3 of the wrapped document; columns point at the `>` ending the start tag.
    static let cases: [Case] = [
        Case(label: "a bad number", xml: firmXML(finance: "<Finance year=\"2024\"><Revenue>12abc</Revenue></Finance>"),
             element: "Finance/Revenue", reason: "Revenue '12abc' is not a decimal number"),
        Case(label: "thousands separators", xml: firmXML(finance: "<Finance year=\"2024\"><Revenue>1,000</Revenue></Finance>"),
             element: "Finance/Revenue", reason: "Revenue '1,000' uses a thousands separator; write digits only"),
        Case(label: "NaN", xml: firmXML(finance: "<Finance year=\"2024\"><RDExpense>NaN</RDExpense></Finance>"),
             element: "Finance/RDExpense", reason: "RDExpense 'NaN' is not a decimal number"),
        Case(label: "1e400", xml: firmXML(finance: "<Finance year=\"2024\"><TotalCost>1e400</TotalCost></Finance>"),
             element: "Finance/TotalCost", reason: "TotalCost '1e400' is not a decimal number"),
        Case(label: "three decimals", xml: firmXML(finance: "<Finance year=\"2024\"><Revenue>1.005</Revenue></Finance>"),
             element: "Finance/Revenue", reason: "Revenue '1.005' has more than 2 decimal places"),
        Case(label: "a negative count", xml: firmXML(finance: "<Finance year=\"2024\"><Employees>-3</Employees></Finance>"),
             element: "Finance/Employees", reason: "Employees '-3' is negative"),
        Case(label: "a negative revenue", xml: firmXML(finance: "<Finance year=\"2024\"><Revenue>-3</Revenue></Finance>"),
             element: "Finance/Revenue", reason: "Revenue '-3' is negative"),
        Case(label: "an unknown enum value", xml: firmXML(extra: "<IP class=\"III\" count=\"1\"/>"),
             element: "IP", reason: "class 'III' is not one of I, II"),
        Case(label: "an impossible date", xml: "<Enterprise id=\"91370212MA3C4L0X5W\"><Name>x</Name><District code=\"370212\"/><RegisteredOn>2025-02-30</RegisteredOn></Enterprise>",
             element: "RegisteredOn", reason: "RegisteredOn '2025-02-30' is not a real date in YYYY-MM-DD form"),
        Case(label: "a missing id", xml: "<Enterprise><Name>x</Name><District code=\"370212\"/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>",
             element: "Enterprise", reason: "has no id attribute (统一社会信用代码)"),
        Case(label: "a missing name", xml: "<Enterprise id=\"91370212MA3C4L0X5W\"><District code=\"370212\"/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>",
             element: "Name", reason: "is missing"),
        Case(label: "a district outside Qingdao", xml: firmXML(district: "110101"),
             element: "District", reason: "code '110101' is not a county-level division of Qingdao (GB/T 2260, region 370200)"),
        Case(label: "a finance year twice", xml: firmXML(finance: "<Finance year=\"2024\"/><Finance year=\"2024\"/>"),
             element: "Finance", reason: "year 2024 appears twice"),
        Case(label: "an unknown money unit", xml: firmXML(finance: "<Finance year=\"2024\" unit=\"usd\"/>"),
             element: "Finance", reason: "unit 'usd' is not yuan or wan-yuan"),
        Case(label: "expert points over the maximum", xml: firmXML(extra: "<ExpertScore item=\"talent\" points=\"5\"/>"),
             element: "ExpertScore", reason: "talent points 5 exceed the item's maximum 4"),
    ]

    @Test("each reject reason", arguments: cases)
    func reject(_ testCase: Case) throws {
        let good = firmXML(id: "91370200163562681G")
        let (report, firms) = try importRegistry(testCase.xml + "\n" + good)
        #expect(report.records == 2)
        #expect(report.rejected == 1)
        #expect(firms.map(\.id) == ["91370200163562681G"], "the good record still imports")
        let issue = try #require(report.rejects.first)
        #expect(issue.element == testCase.element)
        #expect(issue.reason == testCase.reason)
        #expect(issue.position.line == 3)
        #expect(issue.position.file == "test.xml")
        #expect(issue.position.column > 1)
    }

    @Test("a duplicate id is rejected at the second record's position")
    func duplicate() throws {
        let (report, firms) = try importRegistry(firmXML() + "\n" + firmXML())
        #expect(firms.count == 1)
        let issue = try #require(report.rejects.first)
        #expect(issue.position.line == 4)
        #expect(issue.position.column == 36)
        #expect(issue.recordID == "91370212MA3C4L0X5W")
        #expect(issue.reason.hasPrefix("duplicate id 91370212MA3C4L0X5W"))
    }

    @Test("a column points at the closing > of the offending start tag, counted in characters")
    func column() throws {
        let xml = firmXML(finance: "<Finance year=\"2024\"><Revenue>x</Revenue></Finance>")
        let (report, _) = try importRegistry(xml)
        let issue = try #require(report.rejects.first)
        let expected = xml.range(of: "<Revenue>")!.upperBound
        #expect(issue.position.column == xml.distance(from: xml.startIndex, to: expected))
    }

    @Test("rejects are all counted but only the first few kept, so memory stays bounded")
    func bounded() throws {
        let bad = (0..<5).map { firmXML(id: "9137021200000000\($0)X", finance: "<Finance year=\"2024\"><Revenue>x</Revenue></Finance>") }
        let document = "<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"2025-12-31\">\(bad.joined())</Registry>"
        let report = try RegistryImporter(keepIssues: 2).importDocument(document, name: "t.xml") { _ in }
        #expect(report.rejected == 5)
        #expect(report.rejects.count == 2)
        #expect(report.warningCount == 0, "a rejected record's warnings go with it")
    }
}

@Suite("Text limits while leaves collect their text")
struct TextLimitTests {
    @Test("a leaf longer than XMLLimits.maxTextBytes stops the parse with a limit error at its line",
          arguments: [100, 300, 5_000])
    func leafOverLimit(limit: Int) throws {
        let name = String(repeating: "科", count: limit / 3 + 1)  // 3 bytes each: just over the limit
        let document = """
            <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31">
            \(firmXML().replacing("<Name>测试科技有限公司</Name>", with: "<Name>\(name)</Name>"))
            </Registry>
            """
        let importer = RegistryImporter(limits: XMLLimits(maxTextBytes: limit))
        #expect(throws: XMLError.self) { try importer.importDocument(document, name: "long.xml") { _ in } }
        do {
            _ = try importer.importDocument(document, name: "long.xml") { _ in }
        } catch let error as XMLError {
            #expect(error.kind == .limit)
            #expect(error.line == 2)
        }
    }

    @Test("text split by a comment is collected whole, and counts whole against the limit")
    func splitText() throws {
        let split = firmXML().replacing("<Name>测试科技有限公司</Name>", with: "<Name>测试<!-- x -->科技<!-- y -->有限公司</Name>")
        let (report, firms) = try importRegistry(split)
        #expect(report.rejected == 0)
        #expect(firms.first?.name == "测试科技有限公司")
        let document = "<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"2025-12-31\">\(split)</Registry>"
        // Each run is 6–12 bytes, the whole 24: a limit of 20 must stop it.
        #expect(throws: XMLError.self) {
            try RegistryImporter(limits: XMLLimits(maxTextBytes: 20)).importDocument(document, name: "split.xml") { _ in }
        }
    }
}
