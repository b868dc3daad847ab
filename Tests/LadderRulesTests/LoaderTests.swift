import LadderCore
import LadderImport
import LadderRules
import Testing

@Suite("Rulebook loader and expressions")
struct LoaderTests {
    static func book(_ body: String) -> String {
        """
        <Rulebook xmlns="urn:techladder:rules:1" id="t" tier="tech-sme" name="测" nameEn="T">
          <Version id="1" from="2020-01-01" basis="b">
        \(body)
          </Version>
        </Rulebook>
        """
    }

    @Test("an expression error names file, line, column, rulebook and criterion, with a caret")
    func expressionError() {
        #expect(throws: RulebookError.self) {
            _ = try RulebookLoader.load(text: Self.book(#"    <Gate id="g" name="n" test="Employees &lt;= 500 and Revenu &gt; 0"/>"#), name: "t.xml")
        }
        do {
            _ = try RulebookLoader.load(text: Self.book(#"    <Gate id="g" name="n" test="Employees &lt;= 500 and Revenu &gt; 0"/>"#), name: "t.xml")
        } catch {
            #expect(error.description == """
                t.xml:3:71: [t/g] in test: unknown name 'Revenu' (not a registry field, measure, score or built-in)
                  Employees <= 500 and Revenu > 0
                                       ^
                """)
        }
    }

    @Test("a structural error names the element's position")
    func structureError() {
        do {
            _ = try RulebookLoader.load(text: Self.book(#"    <Gate id="g" test="true"/>"#), name: "t.xml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t.xml:3:29: [t/g] <Gate> needs the attribute name")
        }
    }

    @Test("interval comparisons decide only when the whole range agrees", arguments: [
        (Interval(0.1), Interval(0.1), Verdict.pass), (Interval(0.0999), Interval(0.1), .fail),
        (Interval(0, 1), Interval(0.1), .unknown), (Interval(0.2, 0.3), Interval(0.1), .pass),
    ])
    func comparisons(value: Interval, threshold: Interval, expected: Verdict) {
        #expect(value.ge(threshold) == expected)
    }

    @Test("600,000 / 10,000,000 is exactly 6% despite binary floating point")
    func exactRatio() {
        #expect((Interval(600_000) / Interval(10_000_000)).ge(Interval(0.06)) == .pass)
        #expect((Interval(599_999.99) / Interval(10_000_000)).ge(Interval(0.06)) == .fail)
    }

    @Test("display width counts CJK as two columns", arguments: [("abc", 3), ("科技", 4), ("R&D 研发", 8)] as [(String, Int)])
    func width(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("the shipped rulebooks lint clean")
    func lint() throws {
        #expect(try #require(shippedLadder).copy().lint(readingExamples: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) }).map(\.description) == [])
    }
}
