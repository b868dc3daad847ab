import LadderCore
import XMLStream
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The profile state machine: follows the profile's path tree through the stream and fills the same
/// `Enterprise` values, rejects and warnings as the format-1 handler. This file: its state, the tables
/// built from the profile and the element events; the root, records, finance years and facts are
/// started and completed in `ProfileHandler+Records`, values read in `+Values`.
final class ProfileHandler: XMLEventHandler {
    // Stored properties are read and written only by this handler's own parse, one callback at a
    // time, so no two accesses overlap: they skip dynamic exclusivity checks.
    let profile: Profile
    let file: String
    /// The aliases the parse writes for the profile's names (see `XMLNameAliases`).
    let aliases: XMLNameAliases?
    /// The record bookkeeping, shared with the format-1 importer.
    @exclusivity(unchecked) var record: RecordBuilder

    @exclusivity(unchecked) var elementTable: XMLNameTable
    @exclusivity(unchecked) var attributeTable: XMLNameTable
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var skipFrom: Int?
    /// The profile node of each open element, bottom first (capacity 2: it grows in every import
    /// deeper than two levels, so tests exercise growth).
    @exclusivity(unchecked) private var stack = GrowableBuffer<Int32>(capacity: 2)

    // The finance year and fact being read.
    @exclusivity(unchecked) var year = FinanceYear(year: 0)
    @exclusivity(unchecked) var inFinance = false
    @exclusivity(unchecked) var yearSet = false
    @exclusivity(unchecked) var financeValues = false
    @exclusivity(unchecked) var scale: Int64 = 1
    @exclusivity(unchecked) var fact: FactKind?
    /// The fact's attribute values read so far, kept until the fact ends.
    @exclusivity(unchecked) var factValues = FactValues()
    @exclusivity(unchecked) var factStart = Anchor(line: 0, column: 0)
    @exclusivity(unchecked) var recordActive = false
    /// Whether this record element continues the previous one's firm (grouped layouts).
    @exclusivity(unchecked) var continuing = false
    /// The group attribute's value of the record being read, and of the record element now starting.
    @exclusivity(unchecked) var groupKey = GrowableBuffer<UInt8>(capacity: 32)
    @exclusivity(unchecked) var groupCandidate = GrowableBuffer<UInt8>(capacity: 32)
    // The element whose text is being collected.
    @exclusivity(unchecked) private var leafNode = -1
    @exclusivity(unchecked) private var leafDepth = 0
    @exclusivity(unchecked) private var leafStart = Anchor(line: 0, column: 0)
    /// Its text so far: an append is a capacity check and a copy, inline.
    @exclusivity(unchecked) private var text = GrowableBuffer<UInt8>(capacity: 256)

    // Lookups made once, so the hot path hashes nothing.
    let recordConstants: [Int]
    let financeConstants: [Int]
    let factConstants: [[Int]]
    /// Bit `k`: facts of kind `k` have constant fields.
    let factConstantKinds: UInt32
    let unitField: Int?
    /// Whether consecutive record elements group into one firm (`profile.groupBy`), and by which
    /// attribute token.
    let grouped: Bool
    let groupToken: Int
    /// Translation tables and date forms, compiled for reading values without copies.
    let translator: ProfileTranslator
    let dateReader: ProfileDateReader

    /// What `apply` and `store` read of each field, as plain values: reading `profile.fields[i]` copies
    /// (retains and releases) the field's strings and arrays.
    struct FieldInfo {
        var target: ProfileTarget
        /// The translation table, -1 for none.
        var translation: Int
        /// Whether the field fills the firm itself (not read again when a grouped record continues it).
        var isRecordScope: Bool
        /// Whether the field is an amount or count read as it is written (no translation), which
        /// `applyPlain` can take in place.
        var isPlainNumber: Bool
    }
    let fieldInfo: FlatTable<FieldInfo>

    /// What the event handlers ask of a profile node, as plain values: reading `profile.nodes[i]`
    /// retains and releases its arrays on every element.
    struct NodeInfo {
        var isRecord = false
        var isFinance = false
        var inRecord = false
        var hasAttributes = false
        /// The fact kind's raw value, or -1.
        var fact: Int8 = -1
        /// The one text field, -1 for none, -2 for several (read from `profile.nodes`).
        var textField: Int32 = -1
        /// Whether the element's start or end does more than collect text (most elements are leaves).
        var startsSomething = false
        var endsSomething = false
    }
    private let nodeInfo: FlatTable<NodeInfo>
    /// The child node for each (node, element token): `transitions[node * elementTokens + token]`, or -1.
    private let transitions: FlatTable<Int32>
    private let elementTokens: Int
    /// The fields read from each (node, attribute token), in the profile's order:
    /// `attributeFields[attributeSlots[node * attributeTokens + token] ..< +attributeCounts[…]]`.
    private let attributeSlots: FlatTable<Int32>
    private let attributeCounts: FlatTable<Int32>
    private let attributeFields: FlatTable<Int32>
    private let attributeTokens: Int

    /// When set, the first `traceLimit` records log each value read.
    @exclusivity(unchecked) var trace: [ProfileTraceEntry]?
    @exclusivity(unchecked) var traceLimit = 0
    /// When set, the parse stops as the record after this many starts.
    @exclusivity(unchecked) var stopAfter: Int?
    /// Whether the parse was stopped on purpose (`stopAfter`).
    @exclusivity(unchecked) var stopRequested = false

    /// - Parameter aliases: the aliases the parse writes for the profile's names (both spellings are read).
    init(profile: Profile, file: String, aliases: XMLNameAliases? = nil, onHeader: @escaping (RegistryHeader) throws -> Void,
         onRecord: @escaping (RegistryRecord) throws -> Void) {
        self.profile = profile
        self.file = file
        self.aliases = aliases
        record = RecordBuilder(file: file, onHeader: onHeader, onRecord: onRecord)
        elementTable = XMLNameTable(profile.elementNames, aliases: aliases)
        attributeTable = XMLNameTable(profile.attributeNames, aliases: aliases)
        recordConstants = profile.constants[.record] ?? []
        financeConstants = profile.constants[.finance] ?? []
        factConstants = FactKind.allCases.map { profile.constants[.fact($0)] ?? [] }
        factConstantKinds = factConstants.enumerated().reduce(0) { $0 | ($1.element.isEmpty ? 0 : 1 << UInt32($1.offset)) }
        unitField = profile.fieldFor[.unit].flatMap { profile.fields[$0].constant == nil ? $0 : nil }
        grouped = profile.groupBy != nil
        groupToken = profile.groupBy?.token ?? -1
        translator = ProfileTranslator(profile.translations)
        dateReader = ProfileDateReader(profile.fields)
        fieldInfo = FlatTable(profile.fields.map { field in
            FieldInfo(target: field.target, translation: field.translation ?? -1, isRecordScope: field.scope == .record,
                      isPlainNumber: field.translation == nil && field.target.isFinanceFigure)
        })
        let nodes = profile.nodes
        elementTokens = max(profile.elementNames.count, 1)
        attributeTokens = max(profile.attributeNames.count, 1)
        var transitions = [Int32](repeating: -1, count: max(nodes.count, 1) * elementTokens)
        var slots = [Int32](repeating: 0, count: max(nodes.count, 1) * attributeTokens)
        var counts = slots
        var flat: [Int32] = []
        var infos: [NodeInfo] = []
        for (index, node) in nodes.enumerated() {
            for token in 0..<attributeTokens {
                let fields = node.attributes.filter { $0.token == token }.map { Int32($0.field) }
                slots[index * attributeTokens + token] = Int32(flat.count)
                counts[index * attributeTokens + token] = Int32(fields.count)
                flat += fields
            }
            var info = NodeInfo()
            info.isRecord = node.isRecord
            info.isFinance = node.isFinance
            info.inRecord = node.inRecord
            info.hasAttributes = !node.attributes.isEmpty
            info.fact = node.fact.map { Int8($0.rawValue) } ?? -1
            info.textField = node.textFields.count == 1 ? Int32(node.textFields[0]) : node.textFields.isEmpty ? -1 : -2
            info.endsSomething = info.isRecord || info.isFinance || info.fact >= 0
            info.startsSomething = info.endsSomething || info.hasAttributes
            infos.append(info)
            // The first entry for a token wins, as in `ProfileNode.child`.
            for entry in node.children.reversed() where entry.token >= 0 && entry.token < elementTokens {
                transitions[index * elementTokens + entry.token] = Int32(entry.node)
            }
        }
        nodeInfo = FlatTable(infos)
        self.transitions = FlatTable(transitions)
        attributeSlots = FlatTable(slots)
        attributeCounts = FlatTable(counts)
        attributeFields = FlatTable(flat)
    }

    func anchor(_ context: XMLContext) -> Anchor { Anchor(line: context.line, column: context.column) }

    /// `profile.xml:12`, for messages that point into the profile.
    func profileLine(_ line: Int) -> String { "\(profile.file):\(line)" }

    // MARK: Events

    func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
        depth += 1
        if skipFrom != nil { return }
        if depth == 1 {
            startRoot(element, context)
            push(0)
            return
        }
        guard !stack.isEmpty else { return }
        let parent = Int(stack[stack.count &- 1])
        let token = elementTable.token(for: element.name)
        let child = token >= 0 && token < elementTokens ? Int(transitions[parent &* elementTokens &+ token]) : -1
        guard child >= 0 else {
            if recordActive && nodeInfo[parent].inRecord { unmapped(element, context) }
            skipFrom = depth
            return
        }
        let node = child
        let info = nodeInfo[node]
        push(node)
        let here = anchor(context)
        if info.startsSomething {
            if info.isRecord {
                startRecord(element, here)
                if stopRequested {
                    context.stop("stopped after \(record.report.records) records")
                    return
                }
            }
            if info.isFinance { startFinance(element, node, here) }
            if info.fact >= 0, let kind = FactKind(rawValue: Int(info.fact)) { startFact(kind, here) }
            if info.hasAttributes { readAttributes(element, node, here) }
        }
        if info.textField != -1 {
            leafNode = node
            leafDepth = depth
            leafStart = here
            text.removeAll()
        }
    }

    func didEndElement(_ name: XMLName, in context: XMLContext) {
        defer { depth -= 1 }
        if let skip = skipFrom {
            if depth == skip { skipFrom = nil }
            return
        }
        guard !stack.isEmpty else { return }
        let node = Int(stack.removeLast())
        let info = nodeInfo[node]
        if node == leafNode && depth == leafDepth {
            leafNode = -1
            let at = leafStart
            text.withUnsafeBufferPointer { value in
                if info.textField >= 0 {
                    let field = Int(info.textField)
                    if !applyPlain(field, value) { apply(field, value, at) }
                } else {
                    for field in profile.nodes[node].textFields { apply(field, value, at) }
                }
            }
        }
        if info.endsSomething {
            if fact != nil && info.fact >= 0 { endFact() }
            if info.isFinance { endFinance() }
            if info.isRecord && !grouped { completeRecord() }
        }
        if depth == 1 && recordActive { completeRecord() }
    }

    func didReadText(_ bytes: XMLBytes, in context: XMLContext) {
        guard leafNode >= 0, depth == leafDepth else { return }
        _ = bytes.withContiguousStorageIfAvailable { text.append(contentsOf: $0) }
    }

    @inline(__always) private func push(_ node: Int) { stack.append(Int32(node)) }

    // MARK: Attributes and unmapped elements

    private func readAttributes(_ element: XMLStartElement, _ node: Int, _ here: Anchor) {
        let unit = unitField ?? -1
        for attribute in 0..<element.attributeCount {
            let token = attributeTable.token(for: element.internedAttributeName(at: attribute))
            guard token >= 0, token < attributeTokens else { continue }
            let slot = node * attributeTokens + token
            let start = Int(attributeSlots[slot])
            for entry in start..<start + Int(attributeCounts[slot]) {
                let field = Int(attributeFields[entry])
                if field == unit { continue }
                ProfileHandler.withValue(element, attribute) { if !applyPlain(field, $0) { apply(field, $0, here) } }
            }
        }
    }

    private func unmapped(_ element: XMLStartElement, _ context: XMLContext) {
        let name = context.displayName(element.name)
        let reason = Reason("element <\(name)> is not mapped by profile \(profile.file) and was ignored",
                            "元素 <\(name)> 未被映射配置 \(profile.file) 映射，已忽略")
        switch profile.unmapped {
        case .ignore: break
        case .warn: record.warn(name, reason, at: anchor(context))
        case .reject: record.reject(name, Reason("element <\(name)> is not mapped by profile \(profile.file) (unmapped=\"reject\", line \(profile.recordLine))",
                                                "元素 <\(name)> 未被映射配置 \(profile.file) 映射（unmapped=\"reject\"，第 \(profile.recordLine) 行）"), at: anchor(context))
        }
    }
}

extension ProfileHandler {
    /// Runs a body over an attribute's value (entities decoded by the parser).
    static func withValue(_ element: XMLStartElement, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        _ = element.attributeValue(at: index).withContiguousStorageIfAvailable(body)
    }
}
