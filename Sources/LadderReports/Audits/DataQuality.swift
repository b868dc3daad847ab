import LadderCore

/// The kinds of registry problem the data-quality audit looks for.
public enum DataQualityKind: String, CaseIterable, Sendable {
    /// The credit code's 18th character is not the GB 32100 check character.
    case creditCodeCheckDigit = "credit-code-check-digit"
    /// The credit code has the wrong length or a character outside the GB 32100 alphabet.
    case creditCodeFormat = "credit-code-format"
    /// The district code is in no table of the region (current, retired or zone).
    case districtUnknown = "district-unknown"
    /// The district code is a retired GB/T 2260 code (e.g. 370282 即墨市 → 370215 即墨区).
    case districtRetired = "district-retired"
    /// A functional-zone code (370271 高新区) given as the district.
    case districtIsZone = "district-is-zone"
    /// The admin code embedded in the credit code does not fit the district (graded: often normal).
    case creditCodeRegion = "credit-code-region"
    /// More tech staff than staff in a year.
    case techStaffExceedsEmployees = "tech-staff-exceeds-employees"
    /// More domestic R&D than R&D in a year.
    case domesticRDExceedsRD = "domestic-rd-exceeds-rd"
    /// A count or amount below zero that cannot be negative.
    case negativeValue = "negative-value"
    /// A value no real firm reports (R&D above ten times sales, a share above 100%, …).
    case absurdValue = "absurd-value"
    /// The firm was registered after the first year it reports figures for.
    case registeredAfterFinance = "registered-after-finance-year"
    /// A finance year the rules read is absent.
    case missingYear = "missing-year"
    /// The same credit code (or the same name) appears twice, in one file or across files.
    case duplicateFirm = "duplicate-firm"
    /// A record the importer rejected (it is missing from every other audit).
    case rejectedRecord = "rejected-record"
    /// A certificate number that breaks its kind's format.
    case certificateNumberFormat = "certificate-number-format"
    /// The year in a certificate number differs from its issue year.
    case certificateNumberYear = "certificate-number-year"
    /// A certificate number from another province or county than the region.
    case certificateRegion = "certificate-region"
    /// Certificate dates that contradict each other (expiry or revocation before issue).
    case certificateDates = "certificate-dates"

    /// The Chinese label, as the Chinese CSV and xlsx name the kind.
    public var chineseName: String {
        switch self {
        case .creditCodeCheckDigit: "信用代码校验码错误"
        case .creditCodeFormat: "信用代码格式错误"
        case .districtUnknown: "区市代码不明"
        case .districtRetired: "区市代码已撤销"
        case .districtIsZone: "以功能区代码作区市"
        case .creditCodeRegion: "信用代码登记地与区市不符"
        case .techStaffExceedsEmployees: "科技人员多于职工总数"
        case .domesticRDExceedsRD: "境内研发费用多于研发费用"
        case .negativeValue: "不应为负的数值为负"
        case .absurdValue: "数值明显不合理"
        case .registeredAfterFinance: "注册晚于首个财务年度"
        case .missingYear: "缺少规则所需的财务年度"
        case .duplicateFirm: "企业重复"
        case .rejectedRecord: "导入时被拒绝的记录"
        case .certificateNumberFormat: "证书编号格式错误"
        case .certificateNumberYear: "证书编号年份与发证年份不符"
        case .certificateRegion: "证书编号属外省或外地"
        case .certificateDates: "证书日期相互矛盾"
        }
    }
}

/// One data-quality finding: what is wrong, how badly, and where the record is.
public struct DataQualityFinding: Sendable, Hashable {
    /// How urgent.
    public var severity: AuditSeverity
    /// What kind of problem.
    public var kind: DataQualityKind
    /// The firm's credit code as written.
    public var firmID: String
    /// The firm's name.
    public var firmName: String
    /// The firm's district code as written.
    public var district: String
    /// The field at fault, e.g. `Finance[2024].TechStaff` or `Certification[high-tech].number`.
    public var field: String
    /// The value found.
    public var value: String
    /// What was expected instead.
    public var expected: String
    /// A sentence for the person fixing the record.
    public var message: String
    /// Where the record (or its finance year) starts in its file.
    public var position: SourcePosition?

    /// Creates a finding about a firm; `position` defaults to the start of the firm's record.
    public init(severity: AuditSeverity, kind: DataQualityKind, firm: Enterprise, field: String, value: String,
                expected: String, message: String, position: SourcePosition?) {
        self.init(severity: severity, kind: kind, firmID: firm.id, firmName: firm.name, district: firm.district,
                  field: field, value: value, expected: expected, message: message,
                  position: position ?? firm.position)
    }

    /// Creates a finding from its parts.
    public init(severity: AuditSeverity, kind: DataQualityKind, firmID: String, firmName: String, district: String,
                field: String, value: String, expected: String, message: String, position: SourcePosition?) {
        self.severity = severity
        self.kind = kind
        self.firmID = firmID
        self.firmName = firmName
        self.district = district
        self.field = field
        self.value = value
        self.expected = expected
        self.message = message
        self.position = position
    }

    /// Orders findings by severity, then file position, then kind.
    public static func ordered(_ a: DataQualityFinding, _ b: DataQualityFinding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        let pa = a.position, pb = b.position
        if pa?.file != pb?.file { return (pa?.file ?? "") < (pb?.file ?? "") }
        if pa?.line != pb?.line { return (pa?.line ?? 0) < (pb?.line ?? 0) }
        return a.kind.rawValue < b.kind.rawValue
    }
}

/// Checks registry records one at a time, remembering what it needs to find duplicates across files.
///
/// ```swift
/// var checker = DataQualityChecker()
/// for firm in firms { findings += checker.check(firm, asOf: exportDate) }
/// ```
/// Severity follows what a finding means in practice: a broken check digit or impossible figures are
/// `high`; a retired code or a certificate number out of format `medium`; an admin code that differs
/// from the district only because the firm registered with the city bureau (370200) or before a
/// re-coding is normal and not reported, while one from another district is `low`.
public struct DataQualityChecker: Sendable {
    /// Credit codes seen so far, with the name, district and position they were first seen with.
    private var seenIDs: [String: (name: String, district: String, position: SourcePosition?)] = [:]
    /// Names seen so far, with the code and position they were first seen under.
    private var seenNames: [String: (id: String, position: SourcePosition?)] = [:]
    /// Firms whose records do not reach back to the first year the high-tech rules read.
    public private(set) var uncoveredHighTechWindow = 0
    /// Firms checked.
    public private(set) var firmsChecked = 0

    /// Creates a checker with nothing seen.
    public init() {}

    /// Every finding for one firm.
    /// - Parameters:
    ///   - firm: the firm as imported (with positions).
    ///   - asOf: the assessment date: the rules read the year before it (and two more for high-tech).
    /// - Returns: the findings, in check order.
    public mutating func check(_ firm: Enterprise, asOf: Day) -> [DataQualityFinding] {
        firmsChecked += 1
        var out: [DataQualityFinding] = []
        checkIdentity(firm, into: &out)
        checkDuplicates(firm, into: &out)
        checkFinance(firm, into: &out)
        checkYears(firm, asOf: asOf, into: &out)
        checkCertificates(firm, into: &out)
        return out
    }

    private mutating func checkDuplicates(_ firm: Enterprise, into out: inout [DataQualityFinding]) {
        if let first = seenIDs[firm.id] {
            out.append(DataQualityFinding(
                severity: .high, kind: .duplicateFirm, firm: firm, field: "Enterprise@id", value: firm.id,
                expected: "one record per credit code",
                message: "credit code \(firm.id) already appears at \(first.position.map(\.description) ?? "an earlier record")",
                position: nil))
        } else {
            seenIDs[firm.id] = (firm.name, firm.district, firm.position)
            if let other = seenNames[firm.name], other.id != firm.id {
                out.append(DataQualityFinding(
                    severity: .low, kind: .duplicateFirm, firm: firm, field: "Enterprise/Name", value: firm.name,
                    expected: "one credit code per firm name",
                    message: "the same name is recorded under \(other.id) at \(other.position.map(\.description) ?? "an earlier record")",
                    position: nil))
            } else if seenNames[firm.name] == nil {
                seenNames[firm.name] = (firm.id, firm.position)
            }
        }
    }

    /// A finding for an issue the importer reported, when the checks on imported firms cannot see it:
    /// a retired district code (the importer counts the firm under the successor) or a rejected record.
    /// - Parameters:
    ///   - recordID: the record's credit code, if it had one.
    ///   - element: the element at fault (`District`, `Finance/Revenue`, …).
    ///   - reason: the importer's reason text.
    ///   - position: where in the file.
    ///   - rejected: true for a reject, false for a warning.
    public func importIssue(recordID: String?, element: String?, reason: String, position: SourcePosition,
                            rejected: Bool) -> DataQualityFinding? {
        let seen = recordID.flatMap { seenIDs[$0] }
        let id = recordID ?? ""
        if rejected {
            return DataQualityFinding(
                severity: .high, kind: .rejectedRecord, firmID: id, firmName: seen?.name ?? "", district: seen?.district ?? "",
                field: element ?? "", value: "", expected: "a record that imports", message: "rejected: \(reason)",
                position: position)
        }
        guard element == "District", reason.contains("retired") else { return nil }
        let code = reason.split(separator: " ").first { $0.count == 6 && $0.allSatisfy(\.isNumber) }.map(String.init) ?? ""
        let successor = District.retired[code]?.successor ?? seen?.district ?? ""
        return DataQualityFinding(
            severity: .medium, kind: .districtRetired, firmID: id, firmName: seen?.name ?? "", district: code,
            field: "District@code", value: code, expected: successor,
            message: "\(code) \(District.retired[code]?.name ?? "") is a retired code; now \(AuditFormatting.district(successor))",
            position: position)
    }

    private mutating func checkYears(_ firm: Enterprise, asOf: Day, into out: inout [DataQualityFinding]) {
        let years = firm.finance.map(\.year)
        if let registered = firm.registeredOn, let first = years.min(), registered.year > first {
            out.append(DataQualityFinding(
                severity: .medium, kind: .registeredAfterFinance, firm: firm, field: "RegisteredOn",
                value: registered.description, expected: "on or before the first finance year \(first)",
                message: "registered \(registered) but reports figures for \(first)",
                position: firm.finance.first { $0.year == first }?.position))
        }
        guard firm.isActive else { return }
        let dataYear = asOf.year - 1
        let present = Set(years)
        let registeredYear = firm.registeredOn?.year ?? Int.min
        if registeredYear <= dataYear, !present.contains(dataYear) {
            out.append(DataQualityFinding(
                severity: .medium, kind: .missingYear, firm: firm, field: "Finance[\(dataYear)]", value: "absent",
                expected: "figures for \(dataYear)",
                message: "the tech-SME and high-tech rules read \(dataYear) (the year before \(asOf)); the record has none",
                position: nil))
        }
        if let first = years.min(), let last = years.max(), first < last {
            for year in first...last where !present.contains(year) && year != dataYear {
                out.append(DataQualityFinding(
                    severity: .low, kind: .missingYear, firm: firm, field: "Finance[\(year)]", value: "absent",
                    expected: "figures for every year from \(first) to \(last)",
                    message: "a gap in the finance years: the high-tech rules sum three years", position: nil))
            }
        }
        let windowStart = max(dataYear - 2, registeredYear)
        if let first = years.min(), windowStart < first { uncoveredHighTechWindow += 1 }
    }
}
