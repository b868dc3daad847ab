import LadderCore
import XMLStream

/// The children of `Enterprise` and `Finance`.
extension RegistryHandler {
    func startEnterpriseChild(_ element: XMLStartElement, tag: RegistryTag, inNamespace: Bool, context: XMLContext) {
        let here = anchor(context)
        switch tag {
        case _ where tag.isEnterpriseText:
            startLeaf(tag, context)
        case .district:
            readDistrict(element, here)
        case .industry:
            if let code = element["code"]?.string {
                if isIndustryCode(code) { record.firm.industry = code } else { record.reject("Industry", RecordChecks.badIndustry(code), at: here) }
            }
        case .finance:
            startFinance(element, here)
        case _ where tag.factKind != nil:
            readRepeated(tag, element, here)
        default:
            if inNamespace { record.warn(element.localName.string, RecordChecks.unknownElement(element.localName.string), at: here) }
        }
    }

    /// Marks a leaf so its text is collected until it ends.
    func startLeaf(_ tag: RegistryTag, _ context: XMLContext) {
        leaf = tag
        leafStart = anchor(context)
        context.collectText()
    }

    private func isIndustryCode(_ code: String) -> Bool { RecordChecks.isIndustryCode(code) }

    private func readDistrict(_ element: XMLStartElement, _ here: Anchor) {
        guard let code = element["code"] else {
            record.reject("District", Reason("has no code attribute", "<District> 缺少 code 属性（所属区市代码）"), at: here)
            return
        }
        let zone = element["zone"]?.string
        _ = code.withContiguousStorageIfAvailable { record.setDistrict(code: $0, zone: zone, at: here) }
    }

    private func startFinance(_ element: XMLStartElement, _ here: Anchor) {
        year = FinanceYear(year: 0)
        year.position = record.position(here)
        switch element["year"]?.parse(ValueParser.year) {
        case .success(let value)?: year.year = value
        case .failure(let problem)?: record.reject("Finance", problem.reason("year", "财务年度"), at: here)
        case nil: record.reject("Finance", Reason("has no year attribute", "<Finance> 缺少 year 属性（财务年度）"), at: here)
        }
        moneyScale = 1
        if let unit = element["unit"] {
            if unit.equals("wan-yuan") { moneyScale = 10_000 } else if !unit.equals("yuan") {
                record.reject("Finance", RecordChecks.badUnit(unit.string), at: here)
            }
        }
        if record.firm.finance.contains(where: { $0.year == year.year }) {
            record.reject("Finance", RecordChecks.yearTwice(year.year), at: here)
        }
        inFinance = true
    }

    func endFinance() {
        record.firm.finance.append(year)
        inFinance = false
    }

    // MARK: Leaf values

    func endLeaf(_ tag: RegistryTag) {
        let at = leafStart
        switch tag {
        case .name:
            let name = ValueParser.text(ValueParser.trimmed(text))
            if name.isEmpty { record.reject("Name", Reason("is empty", "企业名称为空"), at: at) }
            record.firm.name = name
            record.hasName = true
        case .techDomain: set(TechDomain.read(text), "TechDomain", at) { self.record.firm.techDomain = $0 }
        case .registeredOn:
            record.hasRegisteredOn = true
            set(ValueParser.day(text), "RegisteredOn", at) { self.record.firm.registeredOn = $0 }
        case .status: set(FirmStatus.read(text), "Status", at) { self.record.firm.status = $0 }
        case .resident: set(ValueParser.boolean(text), "Resident", at) { self.record.firm.resident = $0 }
        case .taxAssessment: set(TaxAssessment.read(text), "TaxAssessment", at) { self.record.firm.taxAssessment = $0 }
        case .financeField: endFinanceLeaf(leafField, at)
        default: break
        }
    }

    private func endFinanceLeaf(_ field: FinanceField, _ at: Anchor) {
        guard inFinance else { return }
        switch field.type {
        case .count: year[field] = count(field, at).map(Int64.init)
        default: year[field] = money(field, at, allowNegative: field.type == .signedMoney)?.fen
        }
    }

    // The field's name is made only for a reject.
    private func money(_ field: FinanceField, _ at: Anchor, allowNegative: Bool) -> Money? {
        let scale = moneyScale
        // The plain shape first, without building a Result (`money` starts the same way).
        if let fen = AmountParser.plainFen(text, scale: scale, fineDecimals: false) { return Money(fen: fen) }
        switch AmountParser.money(text, scale: scale, allowNegative: allowNegative) {
        case .success(let value): return value
        case .failure(let problem):
            record.reject("Finance/\(field.name)", problem.reason(field.name, field.spec.chineseName), at: at)
            return nil
        }
    }

    private func count(_ field: FinanceField, _ at: Anchor) -> Int? {
        if let value = ValueParser.plainCount(text) { return value }
        switch ValueParser.count(text) {
        case .success(let value): return value
        case .failure(let problem):
            record.reject("Finance/\(field.name)", problem.reason(field.name, field.spec.chineseName), at: at)
            return nil
        }
    }

    private func set<T>(_ result: Result<T, ValueProblem>, _ element: String, _ at: Anchor, _ assign: (T) -> Void) {
        switch result {
        case .success(let value): assign(value)
        case .failure(let problem): record.reject(element, problem.reason(element, ChineseNames.of(element)), at: at)
        }
    }
}

/// The record checks that every importer shares (format 1 and mapping profiles), so that a record
/// gets the same rejects and warnings whatever layout it came in.
enum RecordChecks {
    /// The outcome of checking a district code and optional zone.
    struct DistrictCheck {
        /// The code the firm is counted under (a retired code's successor), nil when rejected.
        var code: String?
        /// The index in `District.qingdao`, -1 when none.
        var index = -1
        var zone: String?
        /// Why the code is rejected, if it is.
        var reject: Reason?
        var warnings: [Reason] = []
    }

    /// Resolves a district code: current codes as they are, retired codes to their successor with a
    /// warning, anything else rejected; an unknown zone is kept with a warning.
    static func district(code: String, zone: String?) -> DistrictCheck {
        var check = DistrictCheck()
        if let index = District.qingdao.firstIndex(where: { $0.code == code }) {
            check.code = code
            check.index = index
        } else if let retired = District.retired[code] {
            check.code = retired.successor
            check.index = District.qingdao.firstIndex { $0.code == retired.successor } ?? -1
            let successor = District.name(of: retired.successor) ?? retired.successor
            check.warnings.append(Reason("code \(code) (\(retired.name)) is retired; counted as \(retired.successor) \(successor)",
                                         "区市代码 \(code)（\(retired.name)）已撤销，计入 \(retired.successor) \(successor)"))
        } else {
            check.reject = Reason("code '\(code)' is not a county-level division of Qingdao (GB/T 2260, region 370200)",
                                  "区市代码 '\(code)' 不是青岛市的县级行政区划（GB/T 2260，370200）")
        }
        if let zone {
            check.zone = zone
            if !District.zones.contains(where: { $0.code == zone }) {
                check.warnings.append(Reason("zone '\(zone)' is not a known functional zone code",
                                             "功能区代码 '\(zone)' 不是已知的功能区"))
            }
        }
        return check
    }

    /// The six digits of each current district code, as a number, in `District.qingdao` order.
    private static let currentCodes: [Int] = District.qingdao.map { Int($0.code) ?? -1 }

    /// The index in `District.qingdao` of a current code written as exactly six digits, else nil
    /// (`district(code:zone:)` then decides: retired, unknown or malformed).
    static func currentDistrictIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 6 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return currentCodes.firstIndex(of: value)
    }

    /// Whether a code is a GB/T 4754 class: a capital letter and 2–4 digits.
    static func isIndustryCode(_ code: String) -> Bool {
        let bytes = code.utf8
        guard (3...5).contains(bytes.count), let first = bytes.first, (65...90).contains(first) else { return false }
        return bytes.dropFirst().allSatisfy { (48...57).contains($0) }
    }

    /// An industry code that is not a GB/T 4754 class.
    static func badIndustry(_ code: String) -> Reason {
        Reason("code '\(code)' is not a GB/T 4754 class (a letter and 2–4 digits)",
               "行业代码 '\(code)' 不是 GB/T 4754 的行业类别（一个字母加 2–4 位数字）")
    }

    /// A money unit other than yuan and wan-yuan.
    static func badUnit(_ unit: String) -> Reason {
        Reason("unit '\(unit)' is not yuan or wan-yuan", "金额单位 '\(unit)' 不是 yuan（元）或 wan-yuan（万元）")
    }

    /// A finance year given twice in one record.
    static func yearTwice(_ year: Int) -> Reason {
        Reason("year \(year) appears twice", "财务年度 \(year) 出现了两次")
    }

    /// An element format 1 does not know.
    static func unknownElement(_ name: String) -> Reason {
        Reason("unknown element <\(name)> ignored", "未知元素 <\(name)>，已忽略")
    }

    /// Cross-field findings that keep the record but tell the analyst: the credit code's check
    /// character, and per finance year staff, R&D and income consistency. A nil position means the
    /// record's start.
    /// (`inout` only so that a handler's firm is read in place rather than copied; nothing changes.)
    static func warnings(for firm: inout Enterprise) -> [(element: String, reason: Reason, position: SourcePosition?)] {
        var findings: [(element: String, reason: Reason, position: SourcePosition?)] = []
        if let problem = CreditCode.problem(in: firm.id) {
            findings.append(("Enterprise", Reason("credit code \(firm.id): \(problem); imported as given",
                                                  "统一社会信用代码 \(firm.id)：\(problem.chinese)；按原样导入"), nil))
        }
        // Field by field rather than a copy of each whole FinanceYear (which shows in import profiles).
        for index in firm.finance.indices {
            let year = firm.finance[index].year
            func add(_ reason: Reason) {
                findings.append(("Finance", Reason("\(year): \(reason.en)", "\(year) 年：\(reason.zh)"), firm.finance[index].position))
            }
            func zh(_ field: FinanceField) -> String { field.spec.chineseName }
            if let staff = firm.finance[index].employees, let tech = firm.finance[index].techStaff, tech > staff {
                add(Reason("TechStaff \(tech) exceeds Employees \(staff)",
                           "\(zh(.techStaff)) \(tech) 人多于\(zh(.employees)) \(staff) 人"))
            }
            if let total = firm.finance[index].rdExpense, let domestic = firm.finance[index].rdExpenseDomestic,
                domestic > total {
                add(Reason("RDExpenseDomestic exceeds RDExpense", "\(zh(.rdExpenseDomestic))高于\(zh(.rdExpense))"))
            }
            if let revenue = firm.finance[index].revenue, let income = firm.finance[index].totalIncome, income < revenue {
                add(Reason("TotalIncome is less than Revenue", "\(zh(.totalIncome))低于\(zh(.revenue))"))
            }
        }
        return findings
    }
}
