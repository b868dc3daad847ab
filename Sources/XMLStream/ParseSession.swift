import CLibXML2
import Foundation
import CLibXML2Support

/// One parse: owns the libxml2 parser context and forwards SAX2 callbacks to the handler.
final class ParseSession {
    // Stored properties are touched only by this parse's libxml2 callbacks, one at a time, and by
    // the handler they call on the same thread: no access overlaps, so they skip dynamic checks.
    let file: String
    let handler: any XMLEventHandler
    let limits: XMLLimits
    /// The aliases the parse may write into the bytes (see `XMLNameAliases`).
    let aliases: XMLNameAliases?
    /// Where the bytes come from, during `parse`.
    @exclusivity(unchecked) private var source: ByteSource?
    /// The aliases libxml2 reads, if the bytes have them: messages give the names as the file spells them.
    var aliasesInEffect: XMLNameAliases? { source?.rewritesNames == true ? aliases : nil }
    @exclusivity(unchecked) private var context: xmlParserCtxtPtr?
    @exclusivity(unchecked) private var sax = xmlSAXHandler()
    private(set) var error: XMLError? {
        didSet { failed = error != nil }
    }
    /// Whether `error` is set: checked on every event, without copying the error.
    @exclusivity(unchecked) private var failed = false
    @exclusivity(unchecked) private(set) var depth = 0
    @exclusivity(unchecked) private(set) var sawRoot = false
    @exclusivity(unchecked) private var textBytes = 0
    /// The depth of the element collecting its text (`collectText`), 0 when none; and the text so far.
    @exclusivity(unchecked) private var collectDepth = 0
    @exclusivity(unchecked) private var collected = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    @exclusivity(unchecked) private var collectedCapacity = 256
    @exclusivity(unchecked) private var collectedCount = 0
    /// Whether the last event ended an element: text now is a "tail" between siblings.
    @exclusivity(unchecked) private var afterEnd = false
    /// Whether tail text is dropped rather than delivered (see `XMLStreamParser.deliversTailText`).
    @exclusivity(unchecked) var skipsTailText = false

    init(file: String, handler: any XMLEventHandler, limits: XMLLimits, aliases: XMLNameAliases? = nil) {
        self.file = file
        self.handler = handler
        self.limits = limits
        self.aliases = aliases
        ParseSession.configure(&sax)
        // libxml2 keeps its generic error channel per thread: route it away from stderr here.
        techladder_capture_generic_errors()
        techladder_clear_generic_errors()
    }

    /// The parser's current input (the file: entities, which would push others, are refused).
    var input: xmlParserInputPtr? { context?.pointee.input }

    var line: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    var column: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.col)
    }

    /// Parses everything `source` gives: libxml2 pulls the bytes as it needs them (its pull mode is
    /// about a tenth faster than feeding it chunks, which makes it look ahead for complete markup).
    func parse(_ source: ByteSource) {
        let read: xmlInputReadCallback = { raw, buffer, length in
            guard let raw, let buffer, length > 0 else { return 0 }
            let source = Unmanaged<ByteSource>.fromOpaque(raw).takeUnretainedValue()
            return Int32(source.fill(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
        }
        self.source = source
        defer { self.source = nil }
        withExtendedLifetime(source) {
            context = xmlCreateIOParserCtxt(
                &sax, Unmanaged.passUnretained(self).toOpaque(), read, nil,
                Unmanaged.passUnretained(source).toOpaque(), XML_CHAR_ENCODING_NONE)
            guard let context else {
                fail(.io, "libxml2 could not create a parser")
                return
            }
            // NOENT only decodes the predefined entities (&amp; in attribute values would otherwise
            // arrive as &#38;): every entity declaration is refused, external loads are refused by the
            // process-wide loader, and no external-subset callback is installed.
            let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
                | Int32(XML_PARSE_NOENT.rawValue)
            xmlCtxtUseOptions(context, options)
            let status = xmlParseDocument(context)
            // A read that failed is the cause of whatever libxml2 made of it.
            if let failure = source.failure {
                error = XMLError(kind: .io, file: file, line: line, column: column, message: failure)
            }
            check(status)
        }
    }

    private func check(_ status: Int32) {
        guard status != 0, !failed else { return }
        fail(.notWellFormed, "XML error \(status)")
    }

    /// Replaces libxml2's wording for an empty input with a plain one.
    func checkNotEmpty(totalBytes: Int64) {
        guard totalBytes == 0 else { return }
        error = XMLError(kind: .notWellFormed, file: file, line: 1, column: 1, message: "the file is empty (0 bytes)")
    }

    deinit { collected.deallocate() }

    /// Starts collecting the text inside the element that just started (see `XMLContext.collectText`).
    func collectText() {
        guard collectDepth == 0 else { return }  // inside a collecting element: that one keeps collecting
        collectDepth = depth
        collectedCount = 0
    }

    /// The collected text, while the collecting element ends; nil otherwise.
    var collectedText: XMLBytes? {
        collectDepth > 0 && collectDepth == depth ? XMLBytes(UnsafePointer(collected), count: collectedCount) : nil
    }

    func close() {
        if let context {
            // libxml2 may build a document node while it reads a DOCTYPE; it belongs to the caller.
            if let document = context.pointee.myDoc {
                xmlFreeDoc(document)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
            self.context = nil
        }
    }

    /// Records the first error and stops the parser.
    func fail(_ kind: XMLError.Kind, _ message: String, line: Int? = nil, column: Int? = nil) {
        guard !failed else { return }
        error = XMLError(kind: kind, file: file, line: line ?? self.line, column: column ?? self.column, message: message)
        if let context { xmlStopParser(context) }
    }

    // MARK: Events

    fileprivate func start(_ element: XMLStartElement) {
        depth += 1
        afterEnd = false
        sawRoot = true
        textBytes = 0
        if depth > limits.maxDepth {
            fail(.limit, "elements nest deeper than \(limits.maxDepth) levels (XMLLimits.maxDepth)")
            return
        }
        if element.attributeCount > limits.maxAttributes {
            fail(.limit, "element has \(element.attributeCount) attributes, more than \(limits.maxAttributes) (XMLLimits.maxAttributes)")
            return
        }
        handler.didStartElement(element, in: XMLContext(session: self))
    }

    fileprivate func end(_ name: XMLName) {
        guard !failed else { return }
        handler.didEndElement(name, in: XMLContext(session: self))
        if depth == collectDepth { collectDepth = 0 }
        depth -= 1
        afterEnd = true
        textBytes = 0
    }

    /// Whether text now goes nowhere (outside the root, a dropped tail, after an error): checked in
    /// the callback itself, since most text runs are the white space between elements.
    private var dropsText: Bool { depth == 0 || (afterEnd && skipsTailText) || failed }

    @inline(__always) fileprivate func text(_ bytes: XMLBytes) {
        guard !dropsText else { return }
        if collectDepth > 0 { collect(bytes) } else { deliver(bytes) }
    }

    /// Appends a run to the collected text; the collected total is bounded like one text node.
    @inline(__always) private func collect(_ bytes: XMLBytes) {
        let needed = collectedCount + bytes.count
        if needed > collectedCapacity || needed > limits.maxTextBytes {
            guard grow(to: needed) else { return }
        }
        if let base = bytes.base { (collected + collectedCount).update(from: base, count: bytes.count) }
        collectedCount = needed
    }

    /// Makes room for `needed` collected bytes; false (and the parse stopped) past the text limit.
    @inline(never) private func grow(to needed: Int) -> Bool {
        guard needed <= limits.maxTextBytes else {
            fail(.limit, "text content longer than \(limits.maxTextBytes) bytes (XMLLimits.maxTextBytes)")
            return false
        }
        guard needed > collectedCapacity else { return true }
        let larger = min(max(needed, collectedCapacity * 2), limits.maxTextBytes)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        fresh.update(from: collected, count: collectedCount)
        collected.deallocate()
        collected = fresh
        collectedCapacity = larger
        return true
    }

    @inline(never) private func deliver(_ bytes: XMLBytes) {
        textBytes += bytes.count
        if textBytes > limits.maxTextBytes {
            fail(.limit, "text content longer than \(limits.maxTextBytes) bytes (XMLLimits.maxTextBytes)")
            return
        }
        handler.didReadText(bytes, in: XMLContext(session: self))
    }

    fileprivate func libxmlError(_ raw: xmlError) {
        guard raw.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = raw.message.map { String(cString: $0) } ?? "XML error \(raw.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        if raw.code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue) {
            message = "not an XML document: no root element found (the file does not start with '<')"
        }
        // Pulling, libxml2 reports the end of a truncated file as an unfinished tag; pushed, as the
        // end of the document.
        let endCodes = [Int32(XML_ERR_DOCUMENT_END.rawValue), Int32(XML_ERR_TAG_NOT_FINISHED.rawValue)]
        if endCodes.contains(raw.code), depth > 0 {
            message = "the file ends with \(depth) element\(depth == 1 ? "" : "s") still open: truncated?"
        }
        var kind: XMLError.Kind
        switch Int(raw.code) {
        case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_ENCODING.rawValue),
            Int(XML_ERR_UNKNOWN_ENCODING.rawValue), Int(XML_ERR_UNSUPPORTED_ENCODING.rawValue),
            Int(XML_I18N_CONV_FAILED.rawValue):
            kind = .encoding
        default:
            kind = .notWellFormed
        }
        // An encoding conversion failure reaches the structured channel only as a premature end; the
        // generic channel says what happened.
        let generic = String(cString: techladder_generic_errors())
        if generic.contains("conversion failed") {
            kind = .encoding
            let detail = generic.split(separator: "\n").first { $0.contains("conversion failed") }
                .map { $0.replacingOccurrences(of: "encoding error : ", with: "") } ?? "input conversion failed"
            message = "the bytes do not match the declared encoding (\(detail.trimmingCharacters(in: .whitespaces)))"
        }
        let line = raw.line > 0 ? Int(raw.line) : nil
        let column = raw.int2 > 0 ? Int(raw.int2) : nil
        fail(kind, aliasesInEffect?.restoringNames(in: message) ?? message, line: line, column: column)
    }

    // MARK: C callbacks

    private static func with(_ raw: UnsafeMutableRawPointer?, _ body: (ParseSession) -> Void) {
        guard let raw else { return }
        Unmanaged<ParseSession>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }

    private static func configure(_ sax: inout xmlSAXHandler) {
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { raw, localName, _, uri, _, _, attributeCount, _, attributes in
            let element = XMLStartElement(
                name: XMLName(localName), namespaceName: XMLName(uri),
                attributes: attributes, attributeCount: Int(attributeCount))
            ParseSession.with(raw) { $0.start(element) }
        }
        sax.endElementNs = { raw, localName, _, _ in
            ParseSession.with(raw) { $0.end(XMLName(localName)) }
        }
        sax.characters = { raw, bytes, count in
            ParseSession.with(raw) { $0.text(XMLBytes(bytes, count: Int(count))) }
        }
        sax.cdataBlock = sax.characters
        sax.entityDecl = { raw, name, _, _, _, _ in
            let entity = name.map { String(cString: $0) } ?? "?"
            ParseSession.with(raw) {
                $0.fail(.forbidden, "entity declaration '\(entity)' refused: registry files may not declare entities")
            }
        }
        sax.serror = { raw, error in
            guard let error else { return }
            ParseSession.with(raw) { $0.libxmlError(error.pointee) }
        }
    }
}
