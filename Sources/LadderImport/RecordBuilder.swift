import LadderCore

/// A place in the file, without the file name (added only when a finding is filed).
struct Anchor {
    var line: Int
    var column: Int
}

/// The record bookkeeping both importers share (format 1's `RegistryHandler` and a profile's
/// `ProfileHandler`): the firm under construction, its reject and warnings with positions, required
/// fields, duplicate ids, district resolution, delivery and the file's report. A handler only maps its
/// layout's elements onto these calls, so a record gets the same checks whatever layout it came in.
///
/// Noncopyable because it owns the duplicate-id set; a handler keeps one and changes it in place.
struct RecordBuilder: ~Copyable {
    let file: String
    private let onHeader: (RegistryHeader) throws -> Void
    private let onRecord: (RegistryRecord) throws -> Void
    /// The first error a callback threw; later callbacks are skipped.
    private(set) var callbackError: (any Error)?
    var report: ImportReport

    private var ids = IDSet()
    /// The key of the firm's id, taken (and its slot prefetched) when the id is read.
    private var idKey: IDSet.Key?

    /// The firm being read.
    var firm = Enterprise(id: "", name: "", district: "")
    /// Where the record starts: the position of record-level findings.
    private(set) var start = Anchor(line: 0, column: 0)
    /// The id of the record being read, for findings.
    private(set) var currentID: String?
    /// The record's reject: the first problem found.
    private(set) var problem: RecordIssue?
    /// Whether there is a reject: tested on the hot path without copying the issue.
    private(set) var hasProblem = false
    private var warnings: [RecordIssue] = []
    var hasName = false
    var hasRegisteredOn = false
    /// The firm's index in `District.qingdao`, -1 until its district is read.
    private var districtIndex = -1
    private var districtCounts = [Int](repeating: 0, count: District.qingdao.count)
    private var kindCounts = [0, 0, 0, 0]

    init(file: String, onHeader: @escaping (RegistryHeader) throws -> Void,
         onRecord: @escaping (RegistryRecord) throws -> Void) {
        self.file = file
        self.onHeader = onHeader
        self.onRecord = onRecord
        report = ImportReport(file: file)
    }

    func position(_ anchor: Anchor) -> SourcePosition {
        SourcePosition(file: file, line: anchor.line, column: anchor.column)
    }

    // MARK: Records

    /// A top-level record starts at `anchor`: counted, its findings cleared.
    mutating func beginRecord(at anchor: Anchor) {
        report.records += 1
        if hasProblem {
            problem = nil
            hasProblem = false
        }
        if !warnings.isEmpty { warnings.removeAll(keepingCapacity: true) }
        start = anchor
        currentID = nil
    }

    /// The record is an enterprise: `spare` (a firm a consumer handed back) lends its storage.
    mutating func beginFirm(id: String, reusing spare: Enterprise? = nil) {
        if let spare { firm = spare }
        firm.reset(id: "")
        firm.position = position(start)
        districtIndex = -1
        hasName = false
        hasRegisteredOn = false
        idKey = nil
        setID(id)
    }

    /// The firm's id, as read.
    mutating func setID(_ id: String) {
        firm.id = id
        currentID = id.isEmpty ? nil : id
        idKey = id.isEmpty ? nil : ids.key(for: id)
    }

    /// A non-firm record's id, for its findings.
    mutating func setRecordID(_ id: String?) { currentID = id }

    /// What a required field's reject adds to "is missing" (where a profile maps it from).
    enum Required { case id, name, district, registeredOn }

    /// The firm ends: required fields, duplicate id and cross-field checks, then delivery.
    /// - Parameters:
    ///   - note: the text added to a missing field's reason.
    ///   - duplicateNote: the text added to a duplicate id's reason.
    mutating func completeFirm(note: (Required) -> Reason = { _ in .none }, duplicateNote: Reason = .none) {
        let at = start
        if !hasProblem {
            if firm.id.isEmpty { reject("Enterprise", Reason("has no id (统一社会信用代码)", "缺少统一社会信用代码") + note(.id), at: at) }
            if !hasName { reject("Name", Self.missing(.name) + note(.name), at: at) }
            if firm.district.isEmpty { reject("District", Self.missing(.district) + note(.district), at: at) }
            if !hasRegisteredOn { reject("RegisteredOn", Self.missing(.registeredOn) + note(.registeredOn), at: at) }
        }
        if !hasProblem, !ids.insert(idKey ?? ids.key(for: firm.id)) {
            reject("Enterprise", Reason("duplicate id \(firm.id): an earlier record in this file has the same id",
                                        "统一社会信用代码 \(firm.id) 重复：本文件中前面已有同一代码的记录") + duplicateNote, at: at)
        }
        if !hasProblem {
            for finding in RecordChecks.warnings(for: &firm) {
                warn(finding.element, finding.reason, at: finding.position.map { Anchor(line: $0.line, column: $0.column) } ?? at)
            }
        }
        if firm.finance.count > 1 { firm.finance.sort { $0.year < $1.year } }
        if deliver(.enterprise(firm)), districtIndex >= 0 { districtCounts[districtIndex] += 1 }
    }

    /// Delivers a record or files its reject; returns whether it was accepted.
    @discardableResult
    mutating func deliver(_ record: RegistryRecord) -> Bool {
        if hasProblem, let problem {
            report.addReject(problem)
            return false
        }
        report.imported += 1
        if !warnings.isEmpty { report.addWarnings(warnings) }
        kindCounts[record.kindIndex] += 1
        if callbackError == nil {
            do { try onRecord(record) } catch { callbackError = error }
        }
        return true
    }

    /// Hands the file's header to the consumer.
    mutating func deliverHeader(_ header: RegistryHeader) {
        report.header = header
        if callbackError == nil {
            do { try onHeader(header) } catch { callbackError = error }
        }
    }

    // MARK: Findings

    /// Rejects the record, unless it already has a reject (the first problem is the one reported).
    mutating func reject(_ element: String, _ reason: Reason, at anchor: Anchor) {
        guard !hasProblem else { return }
        problem = RecordIssue(position: position(anchor), recordID: currentID, element: element, reason: reason.en,
                              reasonZh: reason.zh)
        hasProblem = true
    }

    /// Notes something about a record that is still imported.
    mutating func warn(_ element: String, _ reason: Reason, at anchor: Anchor) {
        warnings.append(RecordIssue(position: position(anchor), recordID: currentID, element: element, reason: reason.en,
                                    reasonZh: reason.zh))
    }

    /// "is missing": a required field's reject.
    private static func missing(_ field: RecordField) -> Reason {
        Reason("is missing", "缺少\(field.spec.chineseName)")
    }

    // MARK: District

    /// Sets the district and zone of format 1's `<District code zone>` (`zone` nil: no zone attribute).
    mutating func setDistrict(code: UnsafeBufferPointer<UInt8>, zone: String?, at: Anchor) {
        if zone == nil, setCurrentDistrict(code) {
            firm.zone = nil
            return
        }
        firm.zone = resolveDistrict(ValueParser.text(code), zone: zone, at: at, note: .none)
    }

    /// Sets the district from a code read apart from the zone (profiles); `note` is added to a reject
    /// (worded only then: a clean record builds no text).
    mutating func setDistrict(code: UnsafeBufferPointer<UInt8>, at: Anchor, note: @autoclosure () -> Reason) {
        if setCurrentDistrict(code) { return }
        _ = resolveDistrict(ValueParser.text(code), zone: nil, at: at, note: note())
    }

    /// The common case, a current code written as six digits: no strings made, none compared.
    private mutating func setCurrentDistrict(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let index = RecordChecks.currentDistrictIndex(code) else { return false }
        firm.district = District.qingdao[index].code
        districtIndex = index
        return true
    }

    /// Any other code: a retired code counts under its successor with a warning, anything else rejects;
    /// an unknown zone is kept with a warning. Returns the zone.
    private mutating func resolveDistrict(_ code: String, zone: String?, at: Anchor, note: Reason) -> String? {
        let check = RecordChecks.district(code: code, zone: zone)
        if let resolved = check.code {
            firm.district = resolved
            districtIndex = check.index
        }
        if let problem = check.reject { reject("District", problem + note, at: at) }
        for warning in check.warnings { warn("District", warning, at: at) }
        return check.zone
    }

    /// Sets the zone read apart from the district (profiles), warning about an unknown one.
    mutating func setZone(_ zone: String, at: Anchor) {
        firm.zone = zone
        for warning in RecordChecks.district(code: firm.district, zone: zone).warnings where warning.en.hasPrefix("zone") {
            warn("District", warning, at: at)
        }
    }

    // MARK: The file

    /// The report after the parse, or what a callback threw.
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
