import LadderCore
import XMLStream

/// Why a profile cannot be used: every problem found, each with the profile's file:line:column.
public struct ProfileError: Error, Sendable, CustomStringConvertible {
    /// The problems, in profile order.
    public var problems: [XMLError]

    /// Creates an error from its problems.
    public init(problems: [XMLError]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension Profile {
    /// Loads a profile: the secure parser first, then the profile XSD (when one is given or found),
    /// then the meaning of every path, field name and translation.
    /// - Parameters:
    ///   - path: the profile file.
    ///   - name: the name used in messages (default: the path).
    ///   - schema: the profile XSD; by default `Profiles/schema/profile.xsd` found by `ProjectFiles`.
    /// - Returns: the compiled profile.
    /// - Throws: `ProfileError` listing every problem with its profile line.
    public static func load(
        file path: String, name: String? = nil,
        schema: String? = ProjectFiles.locate("Profiles/schema/profile.xsd")
    ) throws(ProfileError) -> Profile {
        let display = name ?? path
        let root: XMLNode
        do {
            root = try XMLNode.load(file: path, name: display)
        } catch {
            throw ProfileError(problems: [error])
        }
        if let schema {
            do {
                let errors = try XMLSchema(file: schema).validate(file: path, name: display)
                if !errors.isEmpty { throw ProfileError(problems: errors) }
            } catch let error as XMLError {
                throw ProfileError(problems: [error])
            } catch let error as ProfileError {
                throw error
            } catch {
                throw ProfileError(problems: [XMLError(kind: .invalid, file: display, line: 0, column: 0, message: "\(error)")])
            }
        }
        var compiler = ProfileCompiler(file: display)
        let profile = compiler.compile(root)
        guard compiler.problems.isEmpty, let profile else { throw ProfileError(problems: compiler.problems) }
        return profile
    }
}

/// Turns a profile's element tree into the path tree and field table the handler streams with.
struct ProfileCompiler {
    let file: String
    var problems: [XMLError] = []
    private var nodes: [ProfileNode] = []
    private var fields: [ProfileField] = []
    private var elementNames: [String] = []
    private var attributeNames: [String] = []
    private var translations: [ProfileTranslation] = []
    private var constants: [ProfileScope: [Int]] = [:]
    private var defaultDates: [ProfileDateFormat] = []

    init(file: String) { self.file = file }

    mutating func problem(_ node: XMLNode, _ message: String) {
        problems.append(XMLError(kind: .invalid, file: file, line: node.line, column: node.column, message: message))
    }

    mutating func compile(_ root: XMLNode) -> Profile? {
        guard root.name == "Profile", root.namespace == Profile.namespace else {
            problem(root, "the root element is <\(root.name)>, not <Profile> in \(Profile.namespace): not a mapping profile")
            return nil
        }
        defaultDates = dateFormats(root["dateFormat"] ?? "YYYY-MM-DD", at: root)
        for table in root.children(named: "Translation") { addTranslation(table) }
        guard let rootSpec = root.child(named: "Root"), let rootName = rootSpec["element"], let record = root.child(named: "Record") else {
            problem(root, "a profile needs <Root element=\"…\"> and <Record from=\"…\">")
            return nil
        }
        nodes.append(ProfileNode(name: elementToken(rootName), depth: 1))
        var seen: [ProfileScope: [String]] = [:]
        for field in rootSpec.children(named: "Field") {
            addField(field, scope: .header, owner: 0, seen: &seen)
        }
        let recordPath = record["from"] ?? ""
        guard let recordNode = walk(from: 0, path: recordPath, at: record, allowAttribute: false, allowSelf: false)?.node else { return nil }
        nodes[recordNode].isRecord = true
        nodes[recordNode].inRecord = true
        var groupBy: (token: Int, name: String, line: Int)?
        if let group = record["groupBy"] {
            if group.hasPrefix("@"), isName(String(group.dropFirst())) {
                groupBy = (attributeToken(String(group.dropFirst())), group, record.line)
            } else {
                problem(record, "groupBy '\(group)' must name an attribute of the record element, like @id")
            }
        }
        for field in record.children(named: "Field") { addField(field, scope: .record, owner: recordNode, seen: &seen) }
        var defaultScale: Int64 = 1
        for finance in record.children(named: "Finance") { defaultScale = addFinance(finance, record: recordNode, seen: &seen) }
        for repeated in record.children(named: "Repeated") { addRepeated(repeated, record: recordNode) }
        for scope in [ProfileScope.header, .record] + (record.child(named: "Finance") == nil ? [] : [.finance]) {
            let anchor = scope == .header ? rootSpec : (scope == .finance ? record.child(named: "Finance") ?? record : record)
            for name in scope.required where !(seen[scope] ?? []).contains(name) {
                problem(anchor, "no <Field to=\"\(name)\">: format 1 requires \(scope.elementName) \(name), so every record would be rejected")
            }
        }
        let policy = UnmappedPolicy(rawValue: record["unmapped"] ?? "warn") ?? .warn
        var fieldFor: [ProfileTarget: Int] = [:]
        for (index, field) in fields.enumerated() where fieldFor[field.target] == nil { fieldFor[field.target] = index }
        return Profile(
            id: root["id"] ?? "", name: root["name"] ?? "", file: file, rootElement: rootName,
            recordPath: rootName + "/" + recordPath, encoding: root["encoding"], fields: fields, nodes: nodes,
            elementNames: elementNames, attributeNames: attributeNames, translations: translations,
            constants: constants, groupBy: groupBy, unmapped: policy, fieldFor: fieldFor, recordLine: record.line,
            defaultScale: defaultScale)
    }

    private mutating func addTranslation(_ table: XMLNode) {
        let id = table["id"] ?? ""
        if translations.contains(where: { $0.id == id }) { problem(table, "translation '\(id)' is defined twice") }
        var entries: [(from: [UInt8], to: [UInt8])] = []
        for value in table.children(named: "Value") {
            guard let from = value["from"], let to = value["to"] else {
                problem(value, "<Value> needs from and to")
                continue
            }
            if entries.contains(where: { $0.from == Array(from.utf8) }) { problem(value, "'\(from)' is translated twice in '\(id)'") }
            entries.append((Array(from.utf8), Array(to.utf8)))
        }
        translations.append(ProfileTranslation(
            id: id, entries: entries, districtNames: table["districtNames"] == "true",
            keepOthers: table["otherwise"] == "keep", line: table.line))
    }

    private mutating func addFinance(_ finance: XMLNode, record: Int, seen: inout [ProfileScope: [String]]) -> Int64 {
        guard let node = walk(from: record, path: finance["from"] ?? ".", at: finance, allowAttribute: false, allowSelf: true)?.node else { return 1 }
        if nodes[node].fact != nil { problem(finance, "the Finance element is also a repeated fact") }
        nodes[node].isFinance = true
        for field in finance.children(named: "Field") { addField(field, scope: .finance, owner: node, seen: &seen) }
        switch finance["unit"] ?? "yuan" {
        case "wan-yuan": return 10_000
        case "yuan": return 1
        case let other:
            problem(finance, "unit '\(other)' is not yuan or wan-yuan")
            return 1
        }
    }

    private mutating func addRepeated(_ repeated: XMLNode, record: Int) {
        guard let kind = FactKind(element: repeated["to"] ?? "") else {
            let known = FactKind.allCases.map(\.element).joined(separator: ", ")
            problem(repeated, "unknown repeated fact '\(repeated["to"] ?? "")': known facts are \(known)")
            return
        }
        guard let node = walk(from: record, path: repeated["from"] ?? "", at: repeated, allowAttribute: false, allowSelf: false)?.node else { return }
        if nodes[node].isFinance || nodes[node].fact != nil {
            problem(repeated, "the element '\(repeated["from"] ?? "")' is already mapped as Finance or another fact")
            return
        }
        nodes[node].fact = kind
        var seen: [ProfileScope: [String]] = [:]
        for field in repeated.children(named: "Field") { addField(field, scope: .fact(kind), owner: node, seen: &seen) }
        for name in ProfileScope.fact(kind).required where !(seen[.fact(kind)] ?? []).contains(name) {
            problem(repeated, "no <Field to=\"\(name)\">: format 1 requires \(kind.element) \(name)")
        }
    }

    private mutating func addField(_ field: XMLNode, scope: ProfileScope, owner: Int, seen: inout [ProfileScope: [String]]) {
        let to = field["to"] ?? ""
        guard let target = scope.targets.first(where: { $0.0 == to })?.1 else {
            let known = scope.targets.map(\.0).joined(separator: ", ")
            problem(field, "unknown field '\(to)' in \(scope.elementName): known fields are \(known)")
            return
        }
        seen[scope, default: []].append(to)
        var compiled = ProfileField(target: target, scope: scope, to: to, from: field["from"] ?? "", constant: nil,
                                    translation: nil, dates: target.isDate ? defaultDates : [], line: field.line)
        if let id = field["translate"] {
            if let index = translations.firstIndex(where: { $0.id == id }) {
                compiled.translation = index
            } else {
                problem(field, "translation '\(id)' is not defined in this profile")
            }
        }
        if let format = field["format"] {
            if target.isDate { compiled.dates = dateFormats(format, at: field) } else { problem(field, "format is only for dates; \(to) is not a date") }
        }
        let index = fields.count
        switch (field["from"], field["value"]) {
        case (nil, let value?):
            compiled.constant = Array(value.utf8)
            fields.append(compiled)
            constants[scope, default: []].append(index)
        case (let from?, nil):
            let onlyAttribute = scope == .header || target == .unit
            guard let place = walk(from: owner, path: from, at: field, allowAttribute: true, allowSelf: !onlyAttribute) else { return }
            if onlyAttribute && (place.attribute == nil || place.node != owner) {
                let whose = scope == .header ? "the root element" : "the Finance element"
                problem(field, "'\(from)' must be an attribute of \(whose) (from=\"@…\") or a constant (value=\"…\")")
                return
            }
            fields.append(compiled)
            if let attribute = place.attribute {
                nodes[place.node].attributes.append((attributeToken(attribute), index))
            } else {
                nodes[place.node].textFields.append(index)
            }
        default:
            problem(field, "a <Field> needs exactly one of from (a path) and value (a constant)")
        }
    }

    /// Follows a relative path from a node, creating nodes; returns the node and the final attribute.
    private mutating func walk(from start: Int, path: String, at spec: XMLNode, allowAttribute: Bool,
                               allowSelf: Bool) -> (node: Int, attribute: String?)? {
        if path == "." {
            if allowSelf { return (start, nil) }
            problem(spec, "bad path '.': this element must be below its parent")
            return nil
        }
        let steps = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var node = start
        for (index, step) in steps.enumerated() {
            let last = index == steps.count - 1
            if step.hasPrefix("@") {
                guard last, allowAttribute, isName(String(step.dropFirst())) else {
                    problem(spec, "bad path '\(path)': '\(step)' — an attribute can only be the last step of a field's path")
                    return nil
                }
                return (node, String(step.dropFirst()))
            }
            guard isName(step) else {
                problem(spec, "bad path '\(path)': '\(step)' is not an element name (paths are names separated by /, optionally ending in @attribute)")
                return nil
            }
            node = child(of: node, named: step)
        }
        return (node, nil)
    }

    private mutating func child(of parent: Int, named name: String) -> Int {
        let token = elementToken(name)
        if let existing = nodes[parent].child(token) { return existing }
        var node = ProfileNode(name: token, depth: nodes[parent].depth + 1)
        node.inRecord = nodes[parent].inRecord
        nodes.append(node)
        nodes[parent].children.append((token, nodes.count - 1))
        return nodes.count - 1
    }

    private func isName(_ step: String) -> Bool {
        guard let first = step.unicodeScalars.first, first != "-", first != ".", !("0"..."9").contains(first) else { return false }
        return !step.unicodeScalars.contains { " \t\n/@[]()*=,'\"|:".unicodeScalars.contains($0) } && step != ".."
    }

    private mutating func elementToken(_ name: String) -> Int {
        if let index = elementNames.firstIndex(of: name) { return index }
        elementNames.append(name)
        return elementNames.count - 1
    }

    private mutating func attributeToken(_ name: String) -> Int {
        if let index = attributeNames.firstIndex(of: name) { return index }
        attributeNames.append(name)
        return attributeNames.count - 1
    }

    private mutating func dateFormats(_ text: String, at spec: XMLNode) -> [ProfileDateFormat] {
        var formats: [ProfileDateFormat] = []
        for pattern in text.split(separator: "|") {
            if let format = ProfileDateFormat(String(pattern)) { formats.append(format) } else {
                problem(spec, "date format '\(pattern)' needs YYYY, M or MM, and D or DD")
            }
        }
        return formats
    }
}
