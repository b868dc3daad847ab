import LadderCore
import XMLStream

/// The format-1 state machine: turns stream events into records, rejects and warnings.
final class RegistryHandler: XMLEventHandler {
    // Stored properties are read and written only by this handler's own parse, one callback at a
    // time, so no two accesses overlap: they skip dynamic exclusivity checks (a tenth of import time).
    /// The record bookkeeping, shared with the profile importer.
    @exclusivity(unchecked) var record: RecordBuilder

    @exclusivity(unchecked) private var tags = RegistryTag.table()
    @exclusivity(unchecked) private var namespaces = XMLNameTable([RegistryImporter.namespace])
    @exclusivity(unchecked) private var depth = 0
    /// While skipping a foreign or unknown subtree: the depth of its root.
    @exclusivity(unchecked) private var skipFrom: Int?
    @exclusivity(unchecked) private var sawRegistry = false

    /// Records a consumer has finished with, whose storage the next firms reuse (pipelined imports).
    @exclusivity(unchecked) var spares: SpareRecords?

    /// The finance year being read, valid while `inFinance`.
    @exclusivity(unchecked) var year = FinanceYear(year: 0)
    @exclusivity(unchecked) var inFinance = false
    @exclusivity(unchecked) var moneyScale: Int64 = 1
    @exclusivity(unchecked) private var inEnterprise = false

    // The leaf whose text the parser collects (`XMLContext.collectText`), where it starts, and its
    // text while it ends.
    @exclusivity(unchecked) var leaf: RegistryTag?
    /// The finance figure when `leaf` is `.financeField`.
    @exclusivity(unchecked) var leafField = FinanceField.employees
    @exclusivity(unchecked) var leafStart = Anchor(line: 0, column: 0)
    @exclusivity(unchecked) var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init(file: String, onHeader: @escaping (RegistryHeader) throws -> Void,
         onRecord: @escaping (RegistryRecord) throws -> Void) {
        record = RecordBuilder(file: file, onHeader: onHeader, onRecord: onRecord)
    }

    func anchor(_ context: XMLContext) -> Anchor {
        Anchor(line: context.line, column: context.column)
    }

    // MARK: Events

    func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
        depth += 1
        if skipFrom != nil { return }
        let inNamespace = namespaces.token(for: element.namespaceName) == 0
        let token = inNamespace ? tags.token(for: element.name) : XMLNameTable.unknown
        let tag = RegistryTag.from(token: token)
        switch depth {
        case 1:
            startRegistry(element, tag: tag, inNamespace: inNamespace, context: context)
        case 2:
            startRecord(element, tag: tag, inNamespace: inNamespace, context: context)
        case 3 where inEnterprise:
            startEnterpriseChild(element, tag: tag, inNamespace: inNamespace, context: context)
        case 4 where inEnterprise && inFinance && tag == .financeField:
            leafField = RegistryTag.financeField(token: token)
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
        record.deliverHeader(RegistryHeader(exportedAt: day, source: element["source"]?.string, region: element["region"]?.string))
    }

    private func startRecord(_ element: XMLStartElement, tag: RegistryTag, inNamespace: Bool, context: XMLContext) {
        guard inNamespace else {
            skipFrom = depth
            return
        }
        switch tag {
        case .enterprise:
            record.beginRecord(at: anchor(context))
            startEnterprise(element, context)
        case .platform, .techContract, .broker:
            record.beginRecord(at: anchor(context))
            readAttributeRecord(tag, element, context)
            skipFrom = depth
        default:
            unexpected(element, context)
            skipFrom = depth
        }
    }

    private func startEnterprise(_ element: XMLStartElement, _ context: XMLContext) {
        inEnterprise = true
        record.beginFirm(id: element["id"]?.string ?? "", reusing: spares?.take())
        inFinance = false
        moneyScale = 1
        if record.firm.id.isEmpty { record.reject("Enterprise", Reason("has no id attribute (统一社会信用代码)", "<Enterprise> 缺少 id 属性（统一社会信用代码）"), at: record.start) }
    }

    private func endEnterprise() { record.completeFirm() }

    private func unexpected(_ element: XMLStartElement, _ context: XMLContext) {
        let name = element.localName.string
        record.warn(name, RecordChecks.unknownElement(name), at: anchor(context))
    }

    /// Completes the report after the parse, or throws what a callback threw.
    func finish() throws -> ImportReport { try record.finish() }
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
