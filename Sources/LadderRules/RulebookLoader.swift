import Foundation
import LadderCore
import XMLStream

/// Reads rulebook XML (namespace `urn:techladder:rules:1`, schema `Rules/schema/rulebook.xsd`) and
/// checks its structure itself, so every error names file, line and column even without XSD
/// validation.
public enum RulebookLoader {
    /// The rulebook namespace.
    public static let namespace = "urn:techladder:rules:1"

    /// Loads every `*.xml` file directly inside a directory, in name order.
    /// - Throws: `RulebookError` for the first file that fails.
    public static func loadDirectory(_ directory: String) throws(RulebookError) -> [Rulebook] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RulebookError(file: directory, line: 0, column: 0, message: "cannot list rulebooks: \(error)")
        }
        var books: [Rulebook] = []
        let schema = try schema(in: directory)
        for name in names.sorted() where name.hasSuffix(".xml") {
            let path = (directory as NSString).appendingPathComponent(name)
            let root: XMLNode
            do {
                root = try XMLNode.load(file: path)
            } catch {
                throw RulebookError(error)
            }
            // Other data files (targets.xml) live beside the rulebooks in their own namespaces.
            guard root.namespace == namespace || root.name == "Rulebook" else { continue }
            if let schema, let first = schema.validate(file: path, limit: 1).first {
                throw RulebookError(first)
            }
            books.append(try build(root, file: path))
        }
        var seen: [Tier: String] = [:]
        for book in books {
            if let other = seen[book.tier] {
                throw RulebookError(file: book.file, line: 1, column: 1, rulebook: book.id,
                                    message: "rung \(book.tier.rawValue) is already defined by \(other)")
            }
            seen[book.tier] = book.file
        }
        return books
    }

    /// The compiled rulebook XSD of a rules folder (`schema/rulebook.xsd`), when the folder has one.
    static func schema(in directory: String) throws(RulebookError) -> XMLSchema? {
        let path = (directory as NSString).appendingPathComponent("schema/rulebook.xsd")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try XMLSchema(file: path)
        } catch {
            throw RulebookError(error)
        }
    }

    /// Loads one rulebook file (structure checked by the loader; see `loadDirectory` for XSD validation).
    public static func load(file path: String) throws(RulebookError) -> Rulebook {
        let root: XMLNode
        do {
            root = try XMLNode.load(file: path)
        } catch {
            throw RulebookError(error)
        }
        return try build(root, file: path)
    }

    /// Loads a rulebook from text (tests, tools).
    public static func load(text: String, name: String) throws(RulebookError) -> Rulebook {
        let root: XMLNode
        do {
            root = try XMLNode.parse(text, name: name)
        } catch {
            throw RulebookError(error)
        }
        return try build(root, file: name)
    }

    static func build(_ parsed: XMLNode, file: String) throws(RulebookError) -> Rulebook {
        let root = parsed
        var reader = NodeReader(file: file)
        guard root.name == "Rulebook", root.namespace == namespace else {
            throw reader.error(root, "the root must be <Rulebook xmlns=\"\(namespace)\">, found <\(root.name)>")
        }
        let id = try reader.required(root, "id")
        reader.rulebook = id
        let tierText = try reader.required(root, "tier")
        guard let tier = Tier(rawValue: tierText) else {
            throw reader.error(root, "tier must be tech-sme, high-tech or leading, not '\(tierText)'")
        }
        let status = root["status"] ?? "law"
        guard ["law", "local-assumption"].contains(status) else {
            throw reader.error(root, "status must be law or local-assumption")
        }
        var notice: String?
        var settings: [RuleSetting] = []
        var versionNodes: [XMLNode] = []
        var examples: [RuleExample] = []
        for child in root.children {
            try reader.checkNamespace(child)
            switch child.name {
            case "Notice": notice = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "Setting": settings.append(try reader.setting(child))
            case "Version": versionNodes.append(child)
            case "Example": examples.append(try reader.example(child))
            default: throw reader.error(child, "unexpected <\(child.name)> in <Rulebook>; expected Notice, Setting, Version or Example")
            }
        }
        guard !versionNodes.isEmpty else { throw reader.error(root, "a rulebook needs at least one <Version>") }
        var versions: [RuleVersion] = []
        for node in versionNodes { versions.append(try reader.version(node, inherited: settings)) }
        return Rulebook(id: id, tier: tier, name: try reader.required(root, "name"),
                        nameEn: try reader.required(root, "nameEn"), status: status, notice: notice,
                        versions: versions, examples: examples, file: file)
    }
}

/// Reads elements and attributes with errors that carry the position.
struct NodeReader {
    let file: String
    var rulebook: String?
    var criterion: String?

    init(file: String) { self.file = file }

    func error(_ node: XMLNode, _ message: String) -> RulebookError {
        RulebookError(file: file, line: node.line, column: node.column, rulebook: rulebook, criterion: criterion,
                      message: message)
    }

    func checkNamespace(_ node: XMLNode) throws(RulebookError) {
        guard node.namespace == RulebookLoader.namespace else {
            throw error(node, "<\(node.name)> is not in the rulebook namespace \(RulebookLoader.namespace)")
        }
    }

    func required(_ node: XMLNode, _ attribute: String) throws(RulebookError) -> String {
        guard let value = node[attribute], !value.isEmpty else {
            throw error(node, "<\(node.name)> needs the attribute \(attribute)")
        }
        return value
    }

    func day(_ node: XMLNode, _ attribute: String) throws(RulebookError) -> Day? {
        guard let text = node[attribute] else { return nil }
        guard let day = Day(text) else { throw error(node, "\(attribute)=\"\(text)\" is not a date YYYY-MM-DD") }
        return day
    }

    func double(_ node: XMLNode, _ attribute: String) throws(RulebookError) -> Double? {
        guard let text = node[attribute] else { return nil }
        guard let value = NodeReader.number(text) else {
            throw error(node, "\(attribute)=\"\(text)\" is not a number")
        }
        return value
    }

    /// Parses a number with an optional `%`, `万` or `亿` suffix.
    static func number(_ text: String) -> Double? {
        var body = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        if body.hasSuffix("%") { scale = 0.01 } else if body.hasSuffix("万") { scale = 1e4 } else if body.hasSuffix("亿") {
            scale = 1e8
        }
        if scale != 1 { body.removeLast() }
        return Double(body).map { $0 * scale }
    }

    func setting(_ node: XMLNode) throws(RulebookError) -> RuleSetting {
        let status = node["status"] ?? "V"
        guard ["U", "1", "V"].contains(status) else { throw error(node, "status must be U, 1 or V") }
        return RuleSetting(id: try required(node, "id"), value: try required(node, "value"), status: status,
                           cite: node["cite"], note: node["note"] ?? node.text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func example(_ node: XMLNode) throws(RulebookError) -> RuleExample {
        let expectText = try required(node, "expect")
        guard let expect = TierVerdict(rawValue: expectText) else {
            throw error(node, "expect must be qualified, not-qualified or undetermined")
        }
        let enterprises = node.children.filter { $0.name == "Enterprise" }
        guard enterprises.count == 1, let enterprise = enterprises.first else {
            throw error(node, "an <Example> holds exactly one <Enterprise> fragment (registry format 1)")
        }
        guard enterprise.namespace == "urn:techladder:registry:1" else {
            throw error(enterprise, "the example's <Enterprise> must be in the registry namespace urn:techladder:registry:1")
        }
        func list(_ name: String) -> [String] { (node[name] ?? "").split(separator: " ").map(String.init) }
        return RuleExample(name: try required(node, "name"), expect: expect, asOf: try day(node, "asOf"),
                           fails: list("fails"), unknown: list("unknown"), fragment: enterprise.serialized(),
                           position: SourcePosition(file: file, line: node.line, column: node.column))
    }
}
