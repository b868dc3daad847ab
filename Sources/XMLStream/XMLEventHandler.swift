import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives the events of a streaming parse. Methods run on the parsing thread, in document order.
public protocol XMLEventHandler: AnyObject {
    /// An element starts; its attributes are in `element`.
    func didStartElement(_ element: XMLStartElement, in context: XMLContext)
    /// An element ends.
    func didEndElement(_ name: XMLName, in context: XMLContext)
    /// A run of character data (text or CDATA, entities decoded); one text node may come in several runs.
    func didReadText(_ text: XMLBytes, in context: XMLContext)
}

/// The parse in progress, as a handler sees it: where the parser is, and a way to stop it.
public struct XMLContext {
    unowned(unsafe) let session: ParseSession
    @usableFromInline nonisolated(unsafe) let input: xmlParserInputPtr?

    init(session: ParseSession) {
        self.session = session
        input = session.input
    }

    /// The current 1-based line (at the end of the construct just reported).
    @inlinable public var line: Int { input.map { Int($0.pointee.line) } ?? 0 }
    /// The current 1-based column.
    @inlinable public var column: Int { input.map { Int($0.pointee.col) } ?? 0 }
    /// The file being parsed, as named by the caller.
    public var file: String { session.file }
    /// The current element depth (1 inside the root element).
    public var depth: Int { session.depth }

    /// Collects the text inside the element that just started (its own runs and those of any element
    /// inside it) for `collectedText`, instead of handing it to `didReadText` run by run. Call it from
    /// `didStartElement`; it ends when that element ends. For leaf values: one copy, no call per run.
    /// Inside an element that is already collecting, the call does nothing (the outer element keeps
    /// collecting, the inner one's `collectedText` is nil). `XMLLimits.maxTextBytes` bounds all the
    /// text collected for the element, its children's included.
    public func collectText() { guaranteed { $0.collectText() } }

    /// In `didEndElement` of an element that called `collectText()`: its text (valid during the
    /// callback). Nil otherwise.
    public var collectedText: XMLBytes? { guaranteed { $0.collectedText } }

    /// The session without a retain and release around the call (it outlives every callback).
    @inline(__always) private func guaranteed<R>(_ body: (ParseSession) -> R) -> R {
        Unmanaged.passUnretained(session)._withUnsafeGuaranteedRef(body)
    }

    /// A name as the file spells it: `XMLName.string`, with an alias (`XMLNameAliases`) restored.
    public func displayName(_ name: XMLName) -> String {
        let read = name.string
        return session.aliasesInEffect?.original(of: read) ?? read
    }

    /// Whether libxml2 reads names through the parse's aliases (`XMLStreamParser.nameAliases`): false
    /// when the parse has none, or the file is not one that gets them (its encoding, a DOCTYPE). A
    /// handler whose name tables know the aliases drops them when this is false
    /// (`XMLNameTable.dropAliases()`), so that a name spelt like an alias is not taken for one.
    public var readsAliases: Bool { session.aliasesInEffect != nil }

    /// Stops the parse; `parse` then throws an `XMLError` of kind `.stopped` with this message at the
    /// current position.
    public func stop(_ message: String) { session.fail(.stopped, message) }
}

/// The start of an element: names, namespace and attributes.
public struct XMLStartElement {
    /// The local name, interned (see `XMLName`).
    public let name: XMLName
    /// The namespace URI, interned; no name when the element has no namespace.
    public let namespaceName: XMLName
    @usableFromInline nonisolated(unsafe) let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    /// The number of attributes.
    public let attributeCount: Int

    /// The local name's bytes.
    @inlinable public var localName: XMLBytes { name.bytes }
    /// The namespace URI's bytes, empty when none.
    @inlinable public var namespace: XMLBytes { namespaceName.bytes }

    /// The local name of attribute `index`.
    public func attributeName(at index: Int) -> XMLBytes {
        XMLBytes(cString: attributes?[index * 5])
    }

    /// The local name of attribute `index`, interned (see `XMLName`).
    public func internedAttributeName(at index: Int) -> XMLName {
        XMLName(attributes?[index * 5])
    }

    /// The namespace URI of attribute `index`, empty when none.
    public func attributeNamespace(at index: Int) -> XMLBytes {
        XMLBytes(cString: attributes?[index * 5 + 2])
    }

    /// The value of attribute `index`, entities decoded.
    public func attributeValue(at index: Int) -> XMLBytes {
        guard let start = attributes?[index * 5 + 3], let end = attributes?[index * 5 + 4] else {
            return XMLBytes(nil, count: 0)
        }
        return XMLBytes(start, count: end - start)
    }

    /// The value of the attribute with a given local name.
    @inlinable @inline(__always) public subscript(name: StaticString) -> XMLBytes? {
        guard let attributes else { return nil }
        let length = name.utf8CodeUnitCount
        let literal = name.utf8Start
        for index in 0..<attributeCount {
            // Compare without strlen: the literal's bytes, then the name's terminating NUL. Attribute
            // names are short and mostly differ in their first byte.
            guard let candidate = attributes[index &* 5], candidate[0] == literal[0] else { continue }
            var offset = 1
            while offset < length && candidate[offset] == literal[offset] { offset &+= 1 }
            guard offset == length, candidate[length] == 0, let start = attributes[index &* 5 &+ 3],
                let end = attributes[index &* 5 &+ 4]
            else { continue }
            return XMLBytes(start, count: end - start)
        }
        return nil
    }
}
