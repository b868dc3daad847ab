/// A small in-memory element tree, for files that are small by nature (rulebooks, mapping profiles,
/// schemas of examples). Registry exports are never loaded this way: they stream.
public final class XMLNode: Sendable {
    public let name: String
    /// The namespace URI, empty when none.
    public let namespace: String
    /// Attributes in document order (local names; namespaced attributes keep their local name).
    public let attributes: [(name: String, value: String)]
    public let children: [XMLNode]
    /// The element's own text (concatenated runs, not including children's text).
    public let text: String
    /// 1-based line and column where the start tag ended.
    public let line: Int
    public let column: Int

    public init(name: String, namespace: String = "", attributes: [(name: String, value: String)] = [],
                children: [XMLNode] = [], text: String = "", line: Int = 0, column: Int = 0) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.column = column
    }

    /// The value of an attribute, if present.
    public subscript(attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }

    /// The child elements with a given name.
    public func children(named name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The first child element with a given name.
    public func child(named name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The element serialized as XML text (its namespace written as a default `xmlns` when it differs
    /// from the parent's), escaped so that it parses back to the same tree.
    public func serialized(parentNamespace: String = "") -> String {
        var out = "<\(name)"
        if namespace != parentNamespace { out += " xmlns=\"\(XMLNode.escape(namespace))\"" }
        for attribute in attributes { out += " \(attribute.name)=\"\(XMLNode.escape(attribute.value))\"" }
        if children.isEmpty && text.isEmpty { return out + "/>" }
        out += ">" + XMLNode.escape(text)
        for child in children { out += child.serialized(parentNamespace: namespace) }
        return out + "</\(name)>"
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for XML text and attribute values.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Loads a whole small file as a tree, through the same secure streaming parser.
    public static func load(file path: String, name: String? = nil, limits: XMLLimits = .default) throws(XMLError) -> XMLNode {
        let builder = TreeBuilder()
        try XMLStreamParser(limits: limits).parse(file: path, name: name, handler: builder)
        return try builder.result(file: name ?? path)
    }

    /// Parses a whole small document held in memory as a tree.
    public static func parse(_ text: String, name: String, limits: XMLLimits = .default) throws(XMLError) -> XMLNode {
        let builder = TreeBuilder()
        try XMLStreamParser(limits: limits).parse(bytes: Array(text.utf8), name: name, handler: builder)
        return try builder.result(file: name)
    }
}

/// Builds an `XMLNode` tree from stream events.
final class TreeBuilder: XMLEventHandler {
    private struct Open {
        var name: String
        var namespace: String
        var attributes: [(name: String, value: String)]
        var children: [XMLNode] = []
        var text = ""
        var line: Int
        var column: Int
    }

    private var stack: [Open] = []
    private var root: XMLNode?

    func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
        var attributes: [(name: String, value: String)] = []
        for index in 0..<element.attributeCount {
            attributes.append((element.attributeName(at: index).string, element.attributeValue(at: index).string))
        }
        stack.append(Open(name: element.localName.string, namespace: element.namespace.string,
                          attributes: attributes, line: context.line, column: context.column))
    }

    func didEndElement(_ name: XMLName, in context: XMLContext) {
        guard let open = stack.popLast() else { return }
        let node = XMLNode(name: open.name, namespace: open.namespace, attributes: open.attributes,
                           children: open.children, text: open.text, line: open.line, column: open.column)
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }

    func didReadText(_ text: XMLBytes, in context: XMLContext) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += text.string
    }

    func result(file: String) throws(XMLError) -> XMLNode {
        guard let root else {
            throw XMLError(kind: .notWellFormed, file: file, line: 1, column: 1, message: "no root element")
        }
        return root
    }
}
