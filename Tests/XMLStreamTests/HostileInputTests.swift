import Foundation
import Testing
import XMLStream

/// Collects what a parse delivered, to prove nothing leaked.
final class Collector: XMLEventHandler {
    var names: [String] = []
    var text = ""
    func didStartElement(_ element: XMLStartElement, in context: XMLContext) { names.append(element.localName.string) }
    func didEndElement(_ name: XMLName, in context: XMLContext) {}
    func didReadText(_ text: XMLBytes, in context: XMLContext) { self.text += text.string }
}

func hostile(_ name: String) throws -> String {
    let dir = try #require(Bundle.module.url(forResource: "Hostile", withExtension: nil))
    return dir.appendingPathComponent(name).path
}

/// Parses a file and returns the error it must end with.
func parseError(_ path: String, limits: XMLLimits = .default) -> (XMLError?, Collector) {
    let collector = Collector()
    do {
        try XMLStreamParser(limits: limits).parse(file: path, name: (path as NSString).lastPathComponent, handler: collector)
        return (nil, collector)
    } catch {
        return (error, collector)
    }
}

@Suite("Hostile input ends in a clear error with a position, never a leak")
struct HostileInputTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var file: String
        var kind: XMLError.Kind
        var line: Int
        var message: String
        var testDescription: String { file }
    }

    static let corpus: [Expectation] = [
        Expectation(file: "xxe-local-file.xml", kind: .forbidden, line: 3, message: "entity declaration 'x' refused"),
        Expectation(file: "xxe-url.xml", kind: .forbidden, line: 3, message: "entity declaration 'x' refused"),
        Expectation(file: "parameter-entity.xml", kind: .forbidden, line: 3, message: "entity declaration 'p' refused"),
        Expectation(file: "billion-laughs.xml", kind: .forbidden, line: 3, message: "entity declaration 'lol' refused"),
        Expectation(file: "quadratic-blowup.xml", kind: .forbidden, line: 2, message: "entity declaration 'a' refused"),
        Expectation(file: "truncated.xml", kind: .notWellFormed, line: 3, message: "the file ends with 3 elements still open: truncated?"),
        Expectation(file: "empty.xml", kind: .notWellFormed, line: 1, message: "the file is empty (0 bytes)"),
        Expectation(file: "not-xml.txt", kind: .notWellFormed, line: 1, message: "not an XML document"),
        Expectation(file: "invalid-utf8.xml", kind: .encoding, line: 4, message: "Input is not proper UTF-8"),
        Expectation(file: "declared-utf8-but-gb18030.xml", kind: .encoding, line: 3, message: "Input is not proper UTF-8"),
        Expectation(file: "bom-contradicts-declaration.xml", kind: .encoding, line: 1, message: "Document labelled UTF-16 but has UTF-8 content"),
        Expectation(file: "declared-gb18030-bad-bytes.xml", kind: .encoding, line: 3, message: "do not match the declared encoding"),
        Expectation(file: "nul-bytes.xml", kind: .encoding, line: 3, message: "Char 0x0 out of allowed range"),
    ]

    @Test("each corpus file ends as expected", arguments: corpus)
    func corpusFile(_ expected: Expectation) throws {
        let (error, collector) = parseError(try hostile(expected.file))
        let failure = try #require(error)
        #expect(failure.kind == expected.kind)
        #expect(failure.line == expected.line)
        #expect(failure.column >= 1)
        #expect(failure.file == expected.file)
        #expect(failure.message.contains(expected.message), "message: \(failure.message)")
        #expect(!collector.text.contains("root:"), "no file content leaks")
    }

    @Test("an external DTD is never loaded")
    func externalDTD() throws {
        let (error, collector) = parseError(try hostile("external-dtd.xml"))
        #expect(error == nil)
        #expect(collector.text == "ok")
    }

    @Test("100,000 nested elements stop at the depth bound")
    func deepNesting() throws {
        let path = try temporaryFile(String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (error, _) = parseError(path)
        let failure = try #require(error)
        #expect(failure.kind == .limit)
        #expect(failure.message.contains("deeper than 64 levels"))
    }

    @Test("a 50 MB text node stops at the text bound")
    func hugeText() throws {
        let path = try temporaryFile("<r>" + String(repeating: "x", count: 50_000_000) + "</r>")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (error, _) = parseError(path)
        let failure = try #require(error)
        #expect(failure.kind == .limit)
        #expect(failure.message.contains("longer than 1048576 bytes"))
    }

    @Test("a 10,000-attribute element stops at the attribute bound")
    func manyAttributes() throws {
        let attributes = (0..<10_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let path = try temporaryFile("<r \(attributes)/>")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (error, _) = parseError(path)
        let failure = try #require(error)
        #expect(failure.kind == .limit)
        #expect(failure.message.contains("10000 attributes"))
    }

    @Test("limits are settings: a raised bound accepts what the default refuses")
    func raisedLimit() throws {
        let path = try temporaryFile(String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(parseError(path).0 != nil)
        #expect(parseError(path, limits: XMLLimits(maxDepth: 200)).0 == nil)
    }

    @Test("GB18030 and UTF-16 files decode to the same text as UTF-8", arguments: ["gb18030.xml", "utf16.xml"])
    func encodings(_ file: String) throws {
        let (error, collector) = parseError(try hostile(file))
        #expect(error == nil)
        #expect(collector.text == "青岛海纳光电科技有限公司")
        #expect(collector.names == ["r", "n"])
    }

    @Test("a missing file is an io error naming the file")
    func missingFile() {
        let (error, _) = parseError("/nonexistent/registry.xml")
        #expect(error?.kind == .io)
        #expect(error?.description.hasPrefix("registry.xml: cannot open") == true, "no position for a file that cannot be opened")
    }

    @Test("errors render the offending line with a caret under the column")
    func rendering() {
        let error = XMLError(kind: .notWellFormed, file: "a.xml", line: 2, column: 5, message: "boom")
        #expect(error.rendered(sourceLine: "<r><x</r>") == "a.xml:2:5: boom\n  <r><x</r>\n      ^")
    }
}

func temporaryFile(_ content: String) throws -> String {
    let path = NSTemporaryDirectory() + "techladder-\(UUID().uuidString).xml"
    try content.write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

final class AttributeCollector: XMLEventHandler {
    var values: [String] = []
    func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
        for index in 0..<element.attributeCount { values.append(element.attributeValue(at: index).string) }
    }
    func didEndElement(_ name: XMLName, in context: XMLContext) {}
    func didReadText(_ text: XMLBytes, in context: XMLContext) {}
}

@Suite("Predefined entities and character references")
struct EntityDecodingTests {
    @Test("attribute values and text decode &amp; &lt; &#x4E2D; once")
    func decoded() throws {
        let attributes = AttributeCollector()
        let xml = "<r a=\"R&amp;D &lt;1&gt; &#x4E2D;\" b=\"&amp;#38;\"/>"
        try XMLStreamParser().parse(bytes: Array(xml.utf8), name: "e.xml", handler: attributes)
        #expect(attributes.values == ["R&D <1> 中", "&#38;"])
        let text = Collector()
        try XMLStreamParser().parse(bytes: Array("<r>R&amp;D &#20013;</r>".utf8), name: "t.xml", handler: text)
        #expect(text.text == "R&D 中")
    }
}

@Suite("Error rendering")
struct ErrorRenderingTests {
    @Test("the caret lines up under Chinese text when given a display width")
    func chineseCaret() {
        let error = XMLError(kind: .notWellFormed, file: "a.xml", line: 1, column: 4, message: "bad")
        let wide: (Substring) -> Int = { $0.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x4E00 && $1.value <= 0x9FFF ? 2 : 1) } }
        #expect(error.rendered(sourceLine: "<青岛>x", width: wide) == "a.xml:1:4: bad\n  <青岛>x\n       ^")
    }

    @Test("a line that is not UTF-8 (a GB18030 file) is left out rather than shown garbled")
    func notUTF8() {
        let error = XMLError(kind: .notWellFormed, file: "g.xml", line: 2, column: 3, message: "bad")
        #expect(error.rendered(sourceLine: "<\u{FFFD}\u{FFFD}>") == "g.xml:2:3: bad")
    }
}
