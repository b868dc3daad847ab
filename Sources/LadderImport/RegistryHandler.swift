import LadderCore
import XMLStream

/// The format-1 state machine: turns stream events into records, rejects and warnings.
final class RegistryHandler: XMLEventHandler {
    let file: String
    private let onHeader: (RegistryHeader) throws -> Void
    private let onRecord: (RegistryRecord) throws -> Void
    private(set) var callbackError: (any Error)?
    var report: ImportReport

    private var tags = RegistryTag.table()
    private var namespaces = XMLNameTable([RegistryImporter.namespace])
    private var ids = IDSet()
    /// The key of the firm being read, taken when its record starts (see `IDSet.key(for:)`).
    private var idKey: IDSet.Key?
    private var depth = 0
    /// While skipping a foreign or unknown subtree: the depth of its root.
    private var skipFrom: Int?
    private var sawRegistry = false

    /// Records a consumer has finished with, whose storage the next firms reuse (pipelined imports).
    var spares: SpareRecords?

    // The record being read.
    var firm = Enterprise(id: "", name: "", district: "")
    /// The finance year being read, valid while `inFinance`.
    var year = FinanceYear(year: 0)
    var inFinance = false
    var moneyScale: Int64 = 1
    var hasName = false
    var hasRegisteredOn = false
    var recordStart = Anchor(line: 0, column: 0)
    var problem: RecordIssue? {
        didSet { hasProblem = problem != nil }
    }
    /// Whether the record has a reject: read many times per record, without copying the issue.
    private(set) var hasProblem = false
    var recordWarnings: [RecordIssue] = []
    /// The firm's index in `District.qingdao`, -1 until its district is read.
    var districtIndex = -1
    private var districtCounts = [Int](repeating: 0, count: District.qingdao.count)
    private var kindCounts = [0, 0, 0, 0]
    private var inEnterprise = false

    // The leaf whose text the parser collects (`XMLContext.collectText`), where it starts, and its
    // text while it ends.
    var leaf: RegistryTag?
    var leafStart = Anchor(line: 0, column: 0)
    var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init(file: String, onHeader: @escaping (RegistryHeader) throws -> Void,
         onRecord: @escaping (RegistryRecord) throws -> Void) {
        self.file = file
        self.onHeader = onHeader
        self.onRecord = onRecord
        report = ImportReport(file: file)
    }

    /// A place in the file, without the file name (added only when a finding is filed).
    struct Anchor {
        var line: Int
        var column: Int
    }

    func anchor(_ context: XMLContext) -> Anchor {
        Anchor(line: context.line, column: context.column)
    }

    func position(_ anchor: Anchor) -> SourcePosition {
        SourcePosition(file: file, line: anchor.line, column: anchor.column)
    }

    // MARK: Events

    func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
        depth += 1
        if skipFrom != nil { return }
        let inNamespace = namespaces.token(for: element.namespaceName) == 0
        let tag = inNamespace ? RegistryTag.from(token: tags.token(for: element.name)) : .other
        switch depth {
        case 1:
            startRegistry(element, tag: tag, inNamespace: inNamespace, context: context)
        case 2:
            startRecord(element, tag: tag, inNamespace: inNamespace, context: context)
        case 3 where inEnterprise:
            startEnterpriseChild(element, tag: tag, inNamespace: inNamespace, context: context)
        case 4 where inEnterprise && inFinance && tag.isFinanceField:
            startLeaf(tag, context)
        default:
            if inNamespace { unexpected(element, context) }
            skipFrom = depth
        }
    }

    func didEndElement(_ name: XMLName, in context: XMLContext) {
        defer { depth -= 1 }
        if let skip = skipFrom {
            if depth == skip { skipFrom = nil }
            return
        }
        if let tag = leaf {
            text = context.collectedText?.withContiguousStorageIfAvailable { $0 } ?? UnsafeBufferPointer(start: nil, count: 0)
            endLeaf(tag)
            // It points into the parser's buffer, valid only during this callback.
            text = UnsafeBufferPointer(start: nil, count: 0)
            leaf = nil
            return
        }
        if depth == 3, inEnterprise, inFinance {
            endFinance()
        } else if depth == 2, inEnterprise {
            inEnterprise = false
            endEnterprise()
        }
    }

    /// Leaves collect their text in the parser (`startLeaf`); what arrives here is white space
    /// between elements, which format 1 ignores.
    func didReadText(_ bytes: XMLBytes, in context: XMLContext) {}

    // MARK: Structure

    private func startRegistry(_ element: XMLStartElement, tag: RegistryTag, inNamespace: Bool, context: XMLContext) {
        guard tag == .registry else {
            let found = element.localName.string
            let namespace = element.namespace.string
            context.stop("the root element is <\(found)>\(namespace.isEmpty ? "" : " in namespace \(namespace)"), not <Registry> in \(RegistryImporter.namespace): not registry format 1 (import it with a mapping profile: --profile)")
            return
        }
        sawRegistry = true
        guard let exported = element["exportedAt"] else {
            context.stop("<Registry> has no exportedAt attribute (the export date is required)")
            return
        }
        guard case .success(let day) = exported.parse(ValueParser.day) else {
            context.stop("<Registry exportedAt=\"\(exported.string)\">: not a real date in YYYY-MM-DD form")
            return
        }
        let header = RegistryHeader(exportedAt: day, source: element["source"]?.string, region: element["region"]?.string)
        report.header = header
        call { try onHeader(header) }
    }

    private func startRecord(_ element: XMLStartElement, tag: RegistryTag, inNamespace: Bool, context: XMLContext) {
        guard inNamespace else {
            skipFrom = depth
            return
        }
        if hasProblem { problem = nil }
        if !recordWarnings.isEmpty { recordWarnings.removeAll(keepingCapacity: true) }
        recordStart = anchor(context)
        switch tag {
        case .enterprise:
            report.records += 1
            startEnterprise(element, context)
        case .platform, .techContract, .broker:
            report.records += 1
            readAttributeRecord(tag, element, context)
            skipFrom = depth
        default:
            unexpected(element, context)
            skipFrom = depth
        }
    }

    private func startEnterprise(_ element: XMLStartElement, _ context: XMLContext) {
        inEnterprise = true
        if let spare = spares?.take() { firm = spare }
        firm.reset(id: element["id"]?.string ?? "")
        districtIndex = -1
        currentID = firm.id.isEmpty ? nil : firm.id
        idKey = firm.id.isEmpty ? nil : ids.key(for: firm.id)
        firm.position = position(recordStart)
        inFinance = false
        moneyScale = 1
        hasName = false
        hasRegisteredOn = false
        if firm.id.isEmpty { reject("Enterprise", "has no id attribute (统一社会信用代码)", at: recordStart) }
    }

    private func endEnterprise() {
        if !hasProblem {
            if !hasName { reject("Name", "is missing", at: recordStart) }
            if firm.district.isEmpty { reject("District", "is missing", at: recordStart) }
            if !hasRegisteredOn { reject("RegisteredOn", "is missing", at: recordStart) }
        }
        if !hasProblem, let idKey, !ids.insert(idKey) {
            reject("Enterprise", "duplicate id \(firm.id): an earlier record in this file has the same id", at: recordStart)
        }
        if !hasProblem { checkEnterprise() }
        firm.finance.sort { $0.year < $1.year }
        let accepted = finish(.enterprise(firm))
        if accepted, districtIndex >= 0 { districtCounts[districtIndex] += 1 }
    }

    /// Delivers a record or files its reject; returns whether it was accepted.
    @discardableResult
    func finish(_ record: RegistryRecord) -> Bool {
        if let problem {
            report.addReject(problem)
            return false
        }
        report.imported += 1
        if !recordWarnings.isEmpty { report.addWarnings(recordWarnings) }
        kindCounts[record.kindIndex] += 1
        call { try onRecord(record) }
        return true
    }

    private func call(_ body: () throws -> Void) {
        guard callbackError == nil else { return }
        do { try body() } catch { callbackError = error }
    }

    private func unexpected(_ element: XMLStartElement, _ context: XMLContext) {
        let name = element.localName.string
        warn(name, "unknown element <\(name)> ignored", at: anchor(context))
    }

    // MARK: Findings

    func reject(_ element: String, _ reason: String, at position: Anchor) {
        guard !hasProblem else { return }
        problem = RecordIssue(position: self.position(position), recordID: currentID, element: element, reason: reason)
    }

    func warn(_ element: String, _ reason: String, at position: Anchor) {
        recordWarnings.append(RecordIssue(position: self.position(position), recordID: currentID, element: element, reason: reason))
    }

    /// The id of the record being read.
    var currentID: String?

    /// Completes the report after the parse, or throws what a callback threw.
    func finish() throws -> ImportReport {
        if let callbackError { throw callbackError }
        var report = report
        for (index, count) in districtCounts.enumerated() where count > 0 {
            report.districts[District.qingdao[index].code] = count
        }
        for (index, count) in kindCounts.enumerated() where count > 0 {
            report.kinds[RegistryRecord.kindNames[index]] = count
        }
        return report
    }
}

extension RegistryRecord {
    static let kindNames = ["enterprise", "platform", "contract", "broker"]

    var kindIndex: Int {
        switch self {
        case .enterprise: 0
        case .platform: 1
        case .contract: 2
        case .broker: 3
        }
    }
}

extension Enterprise {
    /// Empties the firm for the next record, keeping the lists' storage so that a stream of records
    /// allocates little (most lists of most firms are empty already: those are left alone).
    mutating func reset(id: String) {
        self.id = id
        name = ""
        district = ""
        zone = nil
        industry = nil
        techDomain = nil
        registeredOn = nil
        status = nil
        resident = nil
        taxAssessment = nil
        if !finance.isEmpty { finance.removeAll(keepingCapacity: true) }
        if !ip.isEmpty { ip.removeAll(keepingCapacity: true) }
        if !certifications.isEmpty { certifications.removeAll(keepingCapacity: true) }
        if !awards.isEmpty { awards.removeAll(keepingCapacity: true) }
        if !rdInstitutions.isEmpty { rdInstitutions.removeAll(keepingCapacity: true) }
        if !standards.isEmpty { standards.removeAll(keepingCapacity: true) }
        if !incidents.isEmpty { incidents.removeAll(keepingCapacity: true) }
        if !expertScores.isEmpty { expertScores.removeAll(keepingCapacity: true) }
        if !consortia.isEmpty { consortia.removeAll(keepingCapacity: true) }
        position = nil
    }
}
