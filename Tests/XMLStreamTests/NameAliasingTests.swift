import Foundation
import Testing
import XMLStream

#if canImport(Glibc)
import Glibc
#endif

/// Records every event with its position, names as libxml2 read them and as the file spells them.
final class EventRecorder: XMLEventHandler {
    /// For a parse of a document already spelt with aliases: how to show its names.
    let spelling: XMLNameAliases?
    var events: [String] = []
    /// Element and attribute names exactly as libxml2 delivered them (aliases, when rewritten).
    var readNames: [String] = []
    /// All text, joined.
    var text = ""

    init(spelling: XMLNameAliases? = nil) { self.spelling = spelling }

    /// The events without their columns.
    var eventsWithoutColumns: [String] { events.map { $0.replacing(/:\d+/, with: "") } }

    private func show(_ name: XMLName, _ context: XMLContext) -> String {
        spelling.map { $0.original(of: name.string) } ?? context.displayName(name)
    }

    func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
        var event = "start \(show(element.name, context)) @\(context.line):\(context.column)"
        readNames.append(element.name.string)
        for index in 0..<element.attributeCount {
            let name = element.internedAttributeName(at: index)
            readNames.append(name.string)
            event += " \(show(name, context))=\(element.attributeValue(at: index).string)"
        }
        events.append(event)
    }

    func didEndElement(_ name: XMLName, in context: XMLContext) {
        events.append("end \(show(name, context)) @\(context.line):\(context.column)")
    }

    func didReadText(_ text: XMLBytes, in context: XMLContext) {
        events.append("text \(text.string) @\(context.line):\(context.column)")
        self.text += text.string
    }
}

@Suite("Name aliases: Chinese names read as ASCII, positions and names as written")
struct NameAliasingTests {
    static let names = ["企业名录", "企业", "企业名称", "年度数据", "年份", "金额单位", "从业人员", "高新技术产品收入", "A", "人"]

    /// Parses `bytes` with and without aliases, `step` bytes at a time.
    func parseBoth(_ bytes: [UInt8], aliases: XMLNameAliases, step: Int = 7) -> (plain: EventRecorder, aliased: EventRecorder, plainError: XMLError?, aliasedError: XMLError?) {
        let plain = EventRecorder()
        let aliased = EventRecorder()
        var plainError: XMLError?
        var aliasedError: XMLError?
        do { try XMLStreamParser(chunkSize: step).parse(bytes: bytes, name: "t.xml", handler: plain) } catch { plainError = error }
        do { try XMLStreamParser(chunkSize: step, nameAliases: aliases).parse(bytes: bytes, name: "t.xml", handler: aliased) } catch { aliasedError = error }
        return (plain, aliased, plainError, aliasedError)
    }

    /// `text` in GB18030, through iconv.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")
        try #require(converter != iconv_t(bitPattern: -1))
        defer { iconv_close(converter) }
        var source = Array(text.utf8).map { CChar(bitPattern: $0) }
        var target = [CChar](repeating: 0, count: source.count * 2 + 8)
        let written = source.withUnsafeMutableBufferPointer { from in
            target.withUnsafeMutableBufferPointer { to in
                var inPointer = from.baseAddress
                var inLeft = from.count
                var outPointer = to.baseAddress
                var outLeft = to.count
                let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return status == -1 || inLeft != 0 ? -1 : to.count - outLeft
            }
        }
        try #require(written >= 0)
        return target.prefix(written).map { UInt8(bitPattern: $0) }
    }

    /// A document that uses every construct the rewriter steps through, long enough that its chunks
    /// end everywhere. `spell` spells the names in tags (content keeps them as they are).
    static func document(encoding: String, firms: Int = 60, spell: (String) -> String = { $0 }) -> String {
        let (root, firm, name, year, fiscal, unit, staff, revenue) = (
            spell("企业名录"), spell("企业"), spell("企业名称"), spell("年份"), spell("年度数据"), spell("金额单位"),
            spell("从业人员"), spell("高新技术产品收入"))
        var text = "<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n<!-- <企业名称>in a comment</企业名称> -->\n<?note <企业> in an instruction?>\n<\(root) \(year)='2025'>\n"
        for index in 0..<firms {
            text += "  <\(firm) \(year)=\"20\(index % 10)\" \(unit) = '万>元'>"
            text += "<\(name)>青岛\(index)号 &lt;企业名称&gt;</\(name)>"
            text += "<\(fiscal) \(year)=\"2024\"><\(staff)>\(index)</\(staff)><\(revenue)>1.5</\(revenue)></\(fiscal)>"
            text += "<![CDATA[<企业名称>raw]]]><\(spell("_A"))>alias-spelt</\(spell("_A"))><A/><人>one character</人>"
            text += "<企业名称x>longer name</企业名称x><p:\(firm) xmlns:p=\"urn:x\">prefixed</p:\(firm)>"
            text += "<ns:\(spell("_A")) xmlns:ns=\"urn:y\" ns:\(spell("_A"))='1'>prefix, alias-spelt</ns:\(spell("_A"))>"
            text += "<\(spell("_A")):x xmlns:\(spell("_A"))=\"urn:z\">alias-spelt prefix</\(spell("_A")):x>\n"
            text += "  </\(firm) >\n"
        }
        return text + "</\(root)>\n"
    }

    /// How the rewriter spells a name: its alias, a name spelt like an alias escaped, others as written.
    static func spelling(_ aliases: XMLNameAliases) -> (String) -> String {
        let all = Set(aliases.pairs.map(\.alias))
        return { name in aliases.alias(of: name) ?? (all.contains(name) ? "\u{EFFFD}" + name.dropFirst() : name) }
    }

    /// The document parsed with aliases, compared with two references: the same bytes parsed without
    /// aliases (every event, value and line alike; libxml2 counts the bytes of an end tag's name in
    /// its columns, so columns after a Chinese end tag differ), and the document written with the
    /// aliases parsed without (alike to the column).
    func checkDocument(_ bytes: [UInt8], spelt: [UInt8], aliases: XMLNameAliases, step: Int) -> EventRecorder {
        let (plain, aliased, plainError, aliasedError) = parseBoth(bytes, aliases: aliases, step: step)
        let reference = EventRecorder(spelling: aliases)
        #expect(throws: Never.self) { try XMLStreamParser(chunkSize: step).parse(bytes: spelt, name: "t.xml", handler: reference) }
        #expect(plainError == nil && aliasedError == nil, "\(String(describing: plainError)) \(String(describing: aliasedError))")
        #expect(aliased.eventsWithoutColumns == plain.eventsWithoutColumns)
        #expect(aliased.events == reference.events)
        #expect(aliased.events.count > 1000)
        return aliased
    }

    @Test("aliases keep each name's length in characters, are ASCII, distinct, and never a listed name")
    func aliasShapes() throws {
        let aliases = XMLNameAliases(NameAliasingTests.names + ["_A", "_B"])
        let aliased = Dictionary(uniqueKeysWithValues: aliases.pairs.map { ($0.name, $0.alias) })
        #expect(Set(aliased.keys) == ["企业名录", "企业", "企业名称", "年度数据", "年份", "金额单位", "从业人员", "高新技术产品收入"])
        for (name, alias) in aliased {
            #expect(alias.unicodeScalars.count == name.unicodeScalars.count)
            #expect(alias.first == "_" && alias.allSatisfy(\.isASCII))
            #expect(!["_A", "_B"].contains(alias))
            #expect(aliases.original(of: alias) == name)
        }
        #expect(Set(aliased.values).count == aliased.count)
        // The same names in another order get the same aliases.
        let again = XMLNameAliases((NameAliasingTests.names + ["_A", "_B"]).reversed())
        #expect(again.pairs.map(\.alias) == aliases.pairs.map(\.alias))
        #expect(aliases.original(of: "\u{EFFFD}A") == "_A")
        #expect(aliases.restoringNames(in: "mismatch: \(aliased["企业名称"]!) line 3 and \(aliased["企业"]!)") == "mismatch: 企业名称 line 3 and 企业")
    }

    @Test("a UTF-8 document reads the same with aliases: events, values, lines and columns", arguments: [64, 333, 4096])
    func utf8Document(step: Int) throws {
        let aliases = XMLNameAliases(NameAliasingTests.names)
        try #require(aliases.alias(of: "企业") == "_A")  // so that the document's <_A> is spelt like an alias
        let aliased = checkDocument(
            Array(NameAliasingTests.document(encoding: "UTF-8").utf8),
            spelt: Array(NameAliasingTests.document(encoding: "UTF-8", spell: NameAliasingTests.spelling(aliases)).utf8),
            aliases: aliases, step: step)
        // The rewrite happened: libxml2 read the aliases, not the Chinese names …
        #expect(aliased.readNames.contains(aliases.alias(of: "高新技术产品收入")!))
        #expect(!aliased.readNames.contains("企业名称"))
        // … but not inside the comment, the instruction, the CDATA section or the escaped text.
        #expect(aliased.text.contains("<企业名称>raw]alias-spelt"))
        #expect(aliased.text.contains("青岛0号 <企业名称>"))
        // A name spelt like an alias stays itself, and longer, one-character or prefixed names are left alone.
        #expect(aliased.readNames.contains("\u{EFFFD}A") && aliased.events.contains { $0.hasPrefix("start _A @") })
        #expect(aliased.readNames.contains("企业名称x") && aliased.readNames.contains("人"))
        // A prefixed name's parts are read like names: the local name aliased, an alias-spelt one kept apart.
        #expect(aliased.events.contains { $0.hasPrefix("start 企业 @") && !$0.contains("=") })
        #expect(aliased.events.contains { $0.hasPrefix("start _A @") && $0.contains(" _A=1") })
        #expect(!aliased.events.contains { $0.contains("start 企业 @") && $0.contains("企业=1") })
    }

    @Test("a GB18030 document reads the same with aliases, including a CDATA section whose character ends in ]")
    func gb18030Document() throws {
        let aliases = XMLNameAliases(NameAliasingTests.names)
        // A character whose second byte is `]`, then `]>`: not the end of the section; a scanner
        // reading bytes rather than characters would rewrite the name after it.
        let cdata = try NameAliasingTests.gb18030("<![CDATA[") + [0x81, 0x5D, 0x5D, 0x3E] + (try NameAliasingTests.gb18030("<企业名称>]]>"))
        func withCDATA(_ text: String) throws -> [UInt8] {
            var bytes = try NameAliasingTests.gb18030(text)
            let lastEndTag = try #require(bytes.indices.last { bytes[$0] == 0x3C && bytes[$0 + 1] == 0x2F })
            bytes.insert(contentsOf: cdata, at: lastEndTag)
            return bytes
        }
        let aliased = checkDocument(
            try withCDATA(NameAliasingTests.document(encoding: "GB18030")),
            spelt: try withCDATA(NameAliasingTests.document(encoding: "GB18030", spell: NameAliasingTests.spelling(aliases))),
            aliases: aliases, step: 4096)
        #expect(aliased.text.contains("]><企业名称>"))
        #expect(aliased.readNames.contains(aliases.alias(of: "企业名称")!))
    }

    @Test("files that are not UTF-8 or GB18030, or have a DOCTYPE, pass through unchanged")
    func passThrough() throws {
        let aliases = XMLNameAliases(NameAliasingTests.names)
        let units = Array(NameAliasingTests.document(encoding: "UTF-16", firms: 3).utf16)
        let utf16: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        // Without a byte-order mark libxml2 still reads UTF-16 (from `<` and a zero byte): so must the rewriter.
        let unmarked = Array(utf16.dropFirst(2))
        let doctype = Array(NameAliasingTests.document(encoding: "UTF-8", firms: 3).replacingOccurrences(of: "<企业名录 ", with: "<!DOCTYPE 企业名录><企业名录 ").utf8)
        for bytes in [utf16, unmarked, doctype] {
            let (plain, aliased, plainError, aliasedError) = parseBoth(bytes, aliases: aliases, step: 4096)
            #expect(plainError == nil && aliasedError == nil)
            #expect(aliased.events == plain.events)
            #expect(aliased.readNames.contains("企业名称"))
            #expect(aliased.events.contains { $0.hasPrefix("start _A @") })  // spelt like an alias, shown as itself
        }
    }

    @Test("errors name the elements as written, at their line and character column", arguments: [
        "<企业名录><企业名称>x</企业>\n</企业名录>",
        "<企业名录>\n  <企业 年份=\"1\" 年份=\"2\"/></企业名录>",
        "<企业名录><企业名称>x</企业名称>",
        "<企业名录><企业名称 年份></企业名称></企业名录>",
    ])
    func errors(_ text: String) throws {
        let aliases = XMLNameAliases(NameAliasingTests.names)
        let (_, _, plainError, aliasedError) = parseBoth(Array(text.utf8), aliases: aliases, step: 4096)
        let plain = try #require(plainError)
        let aliased = try #require(aliasedError)
        #expect(aliased.message == plain.message && aliased.line == plain.line && aliased.kind == plain.kind)
        #expect(!aliases.pairs.contains { aliased.message.contains($0.alias) })
        // The column is where the same text written with the aliases ends (libxml2 counts an end tag's
        // name in bytes, so the plain parse's column can be larger).
        var spelt = text
        for (name, alias) in aliases.pairs.sorted(by: { $0.name.count > $1.name.count }) {
            spelt = spelt.replacingOccurrences(of: name, with: alias)
        }
        do {
            try XMLStreamParser().parse(bytes: Array(spelt.utf8), name: "t.xml", handler: EventRecorder())
            Issue.record("the spelt text parsed")
        } catch {
            #expect(aliased.column == error.column && aliased.line == error.line)
        }
    }

    @Test("nesting deeper than the end-tag shortcut tracks reads the same", arguments: [200, 300])
    func deepNesting(levels: Int) throws {
        let aliases = XMLNameAliases(NameAliasingTests.names)
        let text = "<企业名录>" + String(repeating: "<企业><企业名称 年份='1'/>", count: levels) + "x" + String(repeating: "</企业>", count: levels) + "</企业名录>"
        let limits = XMLLimits(maxDepth: 1000)
        let plain = EventRecorder()
        let aliased = EventRecorder()
        let plainError = Result { try XMLStreamParser(limits: limits).parse(bytes: Array(text.utf8), name: "t.xml", handler: plain) }
        let aliasedError = Result { try XMLStreamParser(limits: limits, nameAliases: aliases).parse(bytes: Array(text.utf8), name: "t.xml", handler: aliased) }
        #expect(aliased.eventsWithoutColumns == plain.eventsWithoutColumns)
        #expect(aliased.events.count > levels)
        switch (plainError, aliasedError) {
        case (.success, .success): #expect(levels < 256)
        case let (.failure(one), .failure(other)): #expect(one.localizedDescription == other.localizedDescription && levels >= 256)
        default: Issue.record("one parse failed, the other did not")
        }
    }

    @Test("every hostile-corpus file ends with the same error when aliases are given")
    func hostileCorpus() throws {
        let aliases = XMLNameAliases(NameAliasingTests.names + ["registry", "Registry", "企业名称"])
        for expected in HostileInputTests.corpus {
            let path = try hostile(expected.file)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let (plain, aliased, plainError, aliasedError) = parseBoth(bytes, aliases: aliases, step: 1 << 12)
            #expect(aliasedError?.message == plainError?.message, "\(expected.file)")
            #expect(aliasedError?.line == plainError?.line && aliasedError?.column == plainError?.column, "\(expected.file)")
            #expect(aliased.events == plain.events, "\(expected.file)")
            #expect(aliasedError != nil, "\(expected.file)")
        }
    }

    @Test("a profile with more names than get aliases: the rest are read as they are")
    func manyNames() throws {
        let names = (0..<400).map { "字段\($0)号" }
        let aliases = XMLNameAliases(names)
        #expect(aliases.pairs.count == XMLNameAliases.maxAliases)
        let text = "<字段0号>" + names.dropFirst().map { "<\($0) \($0)='x'/>" }.joined() + "</字段0号>"
        let plain = EventRecorder()
        let aliased = EventRecorder()
        try XMLStreamParser(limits: XMLLimits(maxAttributes: 1000)).parse(bytes: Array(text.utf8), name: "t.xml", handler: plain)
        try XMLStreamParser(limits: XMLLimits(maxAttributes: 1000), nameAliases: aliases).parse(bytes: Array(text.utf8), name: "t.xml", handler: aliased)
        #expect(aliased.eventsWithoutColumns == plain.eventsWithoutColumns)
        #expect(aliased.readNames.filter { $0.hasPrefix("_") }.count == 2 * XMLNameAliases.maxAliases - 1)  // as element and attribute; the root once
    }

    @Test("a name table knows a name by its alias")
    func tableTokens() throws {
        let aliases = XMLNameAliases(NameAliasingTests.names)
        final class Tokens: XMLEventHandler {
            var table: XMLNameTable
            var tokens: [Int] = []
            init(_ table: XMLNameTable) { self.table = table }
            func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
                if context.depth == 1 && !context.readsAliases { table.dropAliases() }
                tokens.append(table.token(for: element.name))
            }
            func didEndElement(_ name: XMLName, in context: XMLContext) {}
            func didReadText(_ text: XMLBytes, in context: XMLContext) {}
        }
        try #require(aliases.alias(of: "企业") == "_A")
        // Read with the aliases; and, behind a DOCTYPE, without (where <_A> is a name of its own).
        for text in ["<企业名录><企业><企业名称>x</企业名称><其他/><_A/></企业></企业名录>", "<!DOCTYPE 企业名录><企业名录><企业><企业名称>x</企业名称><其他/><_A/></企业></企业名录>"] {
            let plain = Tokens(XMLNameTable(NameAliasingTests.names))
            let aliased = Tokens(XMLNameTable(NameAliasingTests.names, aliases: aliases))
            try XMLStreamParser().parse(bytes: Array(text.utf8), name: "t.xml", handler: plain)
            try XMLStreamParser(nameAliases: aliases).parse(bytes: Array(text.utf8), name: "t.xml", handler: aliased)
            #expect(plain.tokens == [0, 1, 2, XMLNameTable.unknown, XMLNameTable.unknown])
            #expect(aliased.tokens == plain.tokens)
        }
    }
}
