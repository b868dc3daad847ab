import LadderCore
import XMLStream
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The profile state machine: follows the profile's path tree through the stream and fills the same
/// `Enterprise` values, rejects and warnings as the format-1 handler.
final class ProfileHandler: XMLEventHandler {
    typealias Anchor = RegistryHandler.Anchor

    let profile: Profile
    let file: String
    /// The aliases the parse writes for the profile's names (see `XMLNameAliases`).
    let aliases: XMLNameAliases?
    private let onHeader: (RegistryHeader) throws -> Void
    private let onRecord: (RegistryRecord) throws -> Void
    private(set) var callbackError: (any Error)?
    var report: ImportReport

    private var elementTable: XMLNameTable
    var attributeTable: XMLNameTable
    var ids = IDSet()
    /// The id's key, taken (and its slot prefetched) when the id is read, inserted when the record ends.
    var idKey: IDSet.Key?
    private var depth = 0
    private var skipFrom: Int?
    /// The profile node of each open element, bottom first, in memory of the handler's own (an array
    /// would check its uniqueness on every push).
    private var stack: UnsafeMutablePointer<Int32>
    private var stackCount = 0
    private var stackCapacity = 2  // grows in every import deeper than two levels, so tests exercise growth

    // The record being read.
    var firm = Enterprise(id: "", name: "", district: "")
    var year = FinanceYear(year: 0)
    var inFinance = false
    var yearSet = false
    var financeValues = false
    var scale: Int64 = 1
    var fact: FactKind?
    /// The fact's attribute values read so far (bit `i` of `factSet`: attribute `i` was read): value
    /// `i` is `factCounts[i]` bytes at `factBytes + i * factSlot`, read through field `factFields[i]`.
    /// Memory reused from fact to fact; the slots grow together when a value does not fit.
    private(set) var factBytes: UnsafeMutablePointer<UInt8>
    private(set) var factSlot = 64
    let factCounts: UnsafeMutablePointer<Int>
    let factFields: UnsafeMutablePointer<Int>
    static let factAttributes = 5
    var factSet: UInt8 = 0
    var factStart = Anchor(line: 0, column: 0)
    var hasName = false
    var hasRegisteredOn = false
    var recordActive = false
    /// Whether this record element continues the previous one's firm (grouped layouts).
    var continuing = false
    /// The group attribute's value of the record being read, and of the record element now starting.
    private let groupKey = ByteBuffer(capacity: 32)
    private let groupCandidate = ByteBuffer(capacity: 32)
    var recordStart = Anchor(line: 0, column: 0)
    /// The record's reject: the first problem found. `hasProblem` says whether there is one, so that
    /// the hot path tests a Bool rather than comparing an optional struct of strings with nil (which
    /// copies it).
    var problem: RecordIssue? {
        didSet { hasProblem = problem != nil }
    }
    private(set) var hasProblem = false
    var recordWarnings: [RecordIssue] = []
    var currentID: String?
    var districtIndex = -1
    private var districtCounts = [Int](repeating: 0, count: District.qingdao.count)

    // The element whose text is being collected.
    private var leafNode = -1
    private var leafDepth = 0
    private var leafStart = Anchor(line: 0, column: 0)
    /// Its text so far, in memory of the handler's own: an append is a bounds check and a copy, inline.
    private var text: UnsafeMutablePointer<UInt8>
    private var textCount = 0
    private var textCapacity = 256

    // Lookups made once, so the hot path hashes nothing.
    private let recordConstants: [Int]
    private let financeConstants: [Int]
    private let factConstants: [[Int]]
    /// Bit `k`: facts of kind `k` have constant fields.
    private let factConstantKinds: UInt32
    private let unitField: Int?
    /// Whether consecutive record elements group into one firm (`profile.groupBy`), and by which
    /// attribute token.
    private let grouped: Bool
    private let groupToken: Int
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
    let fieldInfo: UnsafeMutablePointer<FieldInfo>

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
    private let nodeInfo: UnsafeMutablePointer<NodeInfo>
    /// The child node for each (node, element token): `transitions[node * elementTokens + token]`, or -1.
    private let transitions: UnsafeMutablePointer<Int32>
    private let elementTokens: Int
    /// The fields read from each (node, attribute token), in the profile's order:
    /// `attributeFields[attributeSlots[node * attributeTokens + token] ..< +attributeCounts[…]]`.
    private let attributeSlots: UnsafeMutablePointer<Int32>
    private let attributeCounts: UnsafeMutablePointer<Int32>
    private let attributeFields: UnsafeMutablePointer<Int32>
    private let attributeTokens: Int

    /// When set, the first `traceLimit` records log each value read.
    var trace: [ProfileTraceEntry]?
    var traceLimit = 0
    /// When set, the parse stops as the record after this many starts.
    var stopAfter: Int?

    /// - Parameter aliases: the aliases the parse writes for the profile's names (both spellings are read).
    init(profile: Profile, file: String, aliases: XMLNameAliases? = nil, onHeader: @escaping (RegistryHeader) throws -> Void,
         onRecord: @escaping (RegistryRecord) throws -> Void) {
        self.profile = profile
        self.file = file
        self.aliases = aliases
        self.onHeader = onHeader
        self.onRecord = onRecord
        report = ImportReport(file: file)
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
        fieldInfo = .allocate(capacity: max(profile.fields.count, 1))
        for (index, field) in profile.fields.enumerated() {
            let number: Set<ProfileTarget> = [.employees, .techStaff, .conversions]
            (fieldInfo + index).initialize(to: FieldInfo(
                target: field.target, translation: field.translation ?? -1, isRecordScope: field.scope == .record,
                isPlainNumber: field.translation == nil && (field.target.isMoney || number.contains(field.target))))
        }
        stack = .allocate(capacity: stackCapacity)
        text = .allocate(capacity: textCapacity)
        factBytes = .allocate(capacity: factSlot * Self.factAttributes)
        factCounts = .allocate(capacity: Self.factAttributes)
        factCounts.initialize(repeating: 0, count: Self.factAttributes)
        factFields = .allocate(capacity: Self.factAttributes)
        factFields.initialize(repeating: -1, count: Self.factAttributes)
        let nodes = profile.nodes
        nodeInfo = .allocate(capacity: max(nodes.count, 1))
        elementTokens = max(profile.elementNames.count, 1)
        transitions = .allocate(capacity: max(nodes.count, 1) * elementTokens)
        transitions.initialize(repeating: -1, count: max(nodes.count, 1) * elementTokens)
        attributeTokens = max(profile.attributeNames.count, 1)
        let slots = max(nodes.count, 1) * attributeTokens
        attributeSlots = .allocate(capacity: slots)
        attributeSlots.initialize(repeating: 0, count: slots)
        attributeCounts = .allocate(capacity: slots)
        attributeCounts.initialize(repeating: 0, count: slots)
        var flat: [Int32] = []
        for (index, node) in nodes.enumerated() {
            for token in 0..<attributeTokens {
                let fields = node.attributes.filter { $0.token == token }.map { Int32($0.field) }
                attributeSlots[index * attributeTokens + token] = Int32(flat.count)
                attributeCounts[index * attributeTokens + token] = Int32(fields.count)
                flat += fields
            }
        }
        attributeFields = .allocate(capacity: max(flat.count, 1))
        attributeFields.initialize(repeating: 0, count: max(flat.count, 1))
        for (index, field) in flat.enumerated() { attributeFields[index] = field }
        for (index, node) in nodes.enumerated() {
            var info = NodeInfo()
            info.isRecord = node.isRecord
            info.isFinance = node.isFinance
            info.inRecord = node.inRecord
            info.hasAttributes = !node.attributes.isEmpty
            info.fact = node.fact.map { Int8($0.rawValue) } ?? -1
            info.textField = node.textFields.count == 1 ? Int32(node.textFields[0]) : node.textFields.isEmpty ? -1 : -2
            info.endsSomething = info.isRecord || info.isFinance || info.fact >= 0
            info.startsSomething = info.endsSomething || info.hasAttributes
            (nodeInfo + index).initialize(to: info)
            // The first entry for a token wins, as in `ProfileNode.child`.
            for entry in node.children.reversed() where entry.token >= 0 && entry.token < elementTokens {
                transitions[index * elementTokens + entry.token] = Int32(entry.node)
            }
        }
    }

    deinit {
        fieldInfo.deallocate()
        stack.deallocate()
        text.deallocate()
        factBytes.deallocate()
        factCounts.deallocate()
        factFields.deallocate()
        nodeInfo.deallocate()
        transitions.deallocate()
        attributeSlots.deallocate()
        attributeCounts.deallocate()
        attributeFields.deallocate()
    }

    func anchor(_ context: XMLContext) -> Anchor { Anchor(line: context.line, column: context.column) }

    func position(_ anchor: Anchor) -> SourcePosition {
        SourcePosition(file: file, line: anchor.line, column: anchor.column)
    }

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
        guard stackCount > 0 else { return }
        let parent = Int(stack[stackCount &- 1])
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
                    context.stop("stopped after \(report.records) records")
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
            textCount = 0
        }
    }

    func didEndElement(_ name: XMLName, in context: XMLContext) {
        defer { depth -= 1 }
        if let skip = skipFrom {
            if depth == skip { skipFrom = nil }
            return
        }
        guard stackCount > 0 else { return }
        stackCount &-= 1
        let node = Int(stack[stackCount])
        let info = nodeInfo[node]
        if node == leafNode && depth == leafDepth {
            leafNode = -1
            let at = leafStart
            let value = UnsafeBufferPointer(start: text, count: textCount)
            if info.textField >= 0 {
                let field = Int(info.textField)
                if !applyPlain(field, value) { apply(field, value, at) }
            } else {
                for field in profile.nodes[node].textFields { apply(field, value, at) }
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
        _ = bytes.withContiguousStorageIfAvailable { run in
            guard let base = run.baseAddress else { return }
            let needed = textCount + run.count
            if needed > textCapacity { growText(to: needed) }
            (text + textCount).update(from: base, count: run.count)
            textCount = needed
        }
    }

    @inline(never) private func growText(to needed: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, textCapacity * 2))
        larger.update(from: text, count: textCount)
        text.deallocate()
        text = larger
        textCapacity = max(needed, textCapacity * 2)
    }

    @inline(__always) private func push(_ node: Int) {
        if stackCount == stackCapacity { growStack() }
        stack[stackCount] = Int32(node)
        stackCount &+= 1
    }

    @inline(never) private func growStack() {
        let larger = UnsafeMutablePointer<Int32>.allocate(capacity: stackCapacity * 2)
        larger.update(from: stack, count: stackCount)
        stack.deallocate()
        stack = larger
        stackCapacity *= 2
    }

    /// Makes every fact value slot hold at least `needed` bytes, keeping the values.
    func growFactSlots(to needed: Int) {
        let slot = max(needed, factSlot * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: slot * Self.factAttributes)
        for attribute in 0..<Self.factAttributes {
            (larger + attribute * slot).update(from: factBytes + attribute * factSlot, count: factCounts[attribute])
        }
        factBytes.deallocate()
        factBytes = larger
        factSlot = slot
    }

    // MARK: Structure

    private func startRoot(_ element: XMLStartElement, _ context: XMLContext) {
        if !context.readsAliases {  // a file the aliases do not apply to: a name spelt like one is itself
            elementTable.dropAliases()
            attributeTable.dropAliases()
        }
        guard elementTable.token(for: element.name) == profile.nodes[0].name else {
            context.stop("the root element is <\(context.displayName(element.name))>, but profile '\(profile.id)' (\(profile.file)) reads files whose root is <\(profile.rootElement)>")
            return
        }
        var exportedAt: Day?
        var header = RegistryHeader(exportedAt: Day(ordinal: 0))
        var failure: String?
        func read(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            let field = profile.fields[index]
            var translated = Array(bytes)
            if let table = field.translation {
                switch translator.translate(bytes, table: table) {
                case .value(let value): translated = Array(value)
                case .unchanged: break
                case .missing:
                    failure = "\(field.from) '\(ValueParser.text(bytes))' has no entry in translation '\(profile.translations[table].id)' (profile \(profileLine(field.line)))"
                    return
                }
            }
            translated.withUnsafeBufferPointer { value in
                switch field.target {
                case .exportedAt:
                    exportedAt = dateReader.day(value, field: index)
                    if exportedAt == nil {
                        failure = "<\(profile.rootElement) \(field.from.dropFirst())=\"\(ValueParser.text(value))\">: not a date in the form \(field.dates.map(\.description).joined(separator: " or ")) (profile \(profileLine(field.line)))"
                    }
                case .source: header.source = ValueParser.text(ValueParser.trimmed(value))
                case .region: header.region = ValueParser.text(ValueParser.trimmed(value))
                default: break
                }
            }
        }
        for index in profile.constants[.header] ?? [] {
            profile.fields[index].constant?.withUnsafeBufferPointer { read(index, $0) }
        }
        for attribute in 0..<element.attributeCount {
            let token = attributeTable.token(for: element.internedAttributeName(at: attribute))
            for entry in profile.nodes[0].attributes where entry.token == token {
                ProfileHandler.withValue(element, attribute) { read(entry.field, $0) }
            }
        }
        if let failure {
            context.stop(failure)
            return
        }
        guard let exportedAt else {
            let note = profile.fieldFor[.exportedAt].map { "profile \(profileLine(profile.fields[$0].line)) maps exportedAt from \(profile.fields[$0].from)" } ?? ""
            context.stop("<\(profile.rootElement)> has no export date (\(note)); the export date is required")
            return
        }
        header.exportedAt = exportedAt
        report.header = header
        call { try onHeader(header) }
    }

    /// Whether the parse was stopped on purpose (`stopAfter`).
    private(set) var stopRequested = false

    private func startRecord(_ element: XMLStartElement, _ here: Anchor) {
        groupCandidate.reset()
        if grouped {
            for attribute in 0..<element.attributeCount
            where attributeTable.token(for: element.internedAttributeName(at: attribute)) == groupToken {
                groupCandidate.append(element.attributeValue(at: attribute))
            }
            if recordActive, groupCandidate.count > 0, groupCandidate.count == groupKey.count {
                let same = groupCandidate.withUnsafeBytes { candidate in
                    groupKey.withUnsafeBytes { key in
                        memcmp(candidate.baseAddress.unsafelyUnwrapped, key.baseAddress.unsafelyUnwrapped, key.count) == 0
                    }
                }
                if same {
                    continuing = true
                    return
                }
            }
        }
        if recordActive { completeRecord() }
        if let stopAfter, report.records >= stopAfter {
            stopRequested = true
            return
        }
        groupCandidate.withUnsafeBytes { groupKey.set($0) }
        continuing = false
        recordActive = true
        report.records += 1
        if hasProblem { problem = nil }
        if !recordWarnings.isEmpty { recordWarnings.removeAll(keepingCapacity: true) }
        recordStart = here
        firm.reset(id: "")
        firm.position = position(here)
        currentID = nil
        idKey = nil
        districtIndex = -1
        hasName = false
        hasRegisteredOn = false
        if !recordConstants.isEmpty { applyConstants(recordConstants, here) }
    }

    private func startFinance(_ element: XMLStartElement, _ node: Int, _ here: Anchor) {
        year = FinanceYear(year: 0)
        year.position = position(here)
        yearSet = false
        financeValues = false
        inFinance = true
        scale = profile.defaultScale
        if !financeConstants.isEmpty { applyConstants(financeConstants, here) }
        guard let unitField else { return }
        for (token, field) in profile.nodes[node].attributes where field == unitField {
            for attribute in 0..<element.attributeCount where attributeTable.token(for: element.internedAttributeName(at: attribute)) == token {
                ProfileHandler.withValue(element, attribute) { apply(field, $0, here) }
            }
        }
    }

    private func endFinance() {
        inFinance = false
        guard yearSet else {
            if financeValues {
                let note = profile.fieldFor[.year].map { " (profile \(profileLine(profile.fields[$0].line)) maps it from \(profile.fields[$0].from))" } ?? ""
                reject("Finance", "has no year\(note)", at: Anchor(line: year.position?.line ?? 0, column: year.position?.column ?? 0))
            }
            return
        }
        if firm.finance.contains(where: { $0.year == year.year }) {
            reject("Finance", "year \(year.year) appears twice", at: Anchor(line: year.position?.line ?? 0, column: year.position?.column ?? 0))
            return
        }
        firm.finance.append(year)
    }

    private func startFact(_ kind: FactKind, _ here: Anchor) {
        fact = kind
        factStart = here
        factSet = 0
        if factConstantKinds & 1 << UInt32(kind.rawValue) != 0 { applyConstants(factConstants[kind.rawValue], here) }
    }

    private func applyConstants(_ indexes: [Int], _ here: Anchor) {
        for index in indexes {
            profile.fields[index].constant?.withUnsafeBufferPointer { apply(index, $0, here) }
        }
    }

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
        let reason = "element <\(name)> is not mapped by profile \(profile.file) and was ignored"
        switch profile.unmapped {
        case .ignore: break
        case .warn: warn(name, reason, at: anchor(context))
        case .reject: reject(name, "element <\(name)> is not mapped by profile \(profile.file) (unmapped=\"reject\", line \(profile.recordLine))", at: anchor(context))
        }
    }

    // MARK: Completing a record

    func completeRecord() {
        recordActive = false
        continuing = false
        let at = recordStart
        if !hasProblem {
            if firm.id.isEmpty { reject("Enterprise", "has no id (统一社会信用代码)\(mappedFrom(.id))", at: at) }
            if !hasName { reject("Name", "is missing\(mappedFrom(.name))", at: at) }
            if firm.district.isEmpty { reject("District", "is missing\(mappedFrom(.district))", at: at) }
            if !hasRegisteredOn { reject("RegisteredOn", "is missing\(mappedFrom(.registeredOn))", at: at) }
        }
        if !hasProblem, !ids.insert(idKey ?? ids.key(for: firm.id)) {
            let consecutive = grouped ? " (in this layout the rows of one firm must be consecutive)" : ""
            reject("Enterprise", "duplicate id \(firm.id): an earlier record in this file has the same id\(consecutive)", at: at)
        }
        if !hasProblem {
            for finding in RecordChecks.warnings(for: &firm) {
                warn(finding.element, finding.reason, at: finding.position.map { Anchor(line: $0.line, column: $0.column) } ?? at)
            }
        }
        if firm.finance.count > 1 { firm.finance.sort { $0.year < $1.year } }
        if hasProblem, let problem {
            report.addReject(problem)
            return
        }
        report.imported += 1
        report.addWarnings(recordWarnings)
        if districtIndex >= 0 { districtCounts[districtIndex] += 1 }
        let record = RegistryRecord.enterprise(firm)
        call { try onRecord(record) }
    }

    /// ": the profile maps it from 企业名称 (profile.xml:12) and this record has none".
    private func mappedFrom(_ target: ProfileTarget) -> String {
        guard let index = profile.fieldFor[target] else { return "" }
        let field = profile.fields[index]
        return ": profile \(profileLine(field.line)) maps it from \(field.from.isEmpty ? "a constant" : field.from), and this record has none"
    }

    func call(_ body: () throws -> Void) {
        guard callbackError == nil else { return }
        do { try body() } catch { callbackError = error }
    }

    // MARK: Findings

    func reject(_ element: String, _ reason: String, at position: Anchor) {
        guard !hasProblem else { return }
        problem = RecordIssue(position: self.position(position), recordID: currentID, element: element, reason: reason)
    }

    func warn(_ element: String, _ reason: String, at position: Anchor) {
        recordWarnings.append(RecordIssue(position: self.position(position), recordID: currentID, element: element, reason: reason))
    }

    /// Completes the report after the parse, or throws what a callback threw.
    func finish() throws -> ImportReport {
        if let callbackError { throw callbackError }
        var report = report
        for (index, count) in districtCounts.enumerated() where count > 0 {
            report.districts[District.qingdao[index].code] = count
        }
        if report.imported > 0 { report.kinds["enterprise"] = report.imported }
        return report
    }
}

extension ProfileHandler {
    /// Runs a body over an attribute's value (entities decoded by the parser).
    static func withValue(_ element: XMLStartElement, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        _ = element.attributeValue(at: index).withContiguousStorageIfAvailable(body)
    }
}

