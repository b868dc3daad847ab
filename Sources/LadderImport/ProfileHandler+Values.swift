import LadderCore
import XMLStream
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One value read through a profile, for `techladder profile check`.
public struct ProfileTraceEntry: Sendable, Hashable {
    /// The 1-based number of the record in the file.
    public var record: Int
    /// Where the value is in the data file.
    public var position: SourcePosition
    /// The line of the profile's `<Field>`.
    public var profileLine: Int
    /// The source path in the data file, or `value` for a constant.
    public var from: String
    /// The format-1 field, e.g. `Finance/RDExpense`.
    public var to: String
    /// The text as found.
    public var raw: String
    /// The text after translation, when a translation changed it.
    public var translated: String?
    /// Why the record was rejected at this value, if it was.
    public var problem: String?
}

/// Reading values: translation, then the format-1 value parsers.
extension ProfileHandler {
    /// Translates a value when its field says so, then stores it.
    func apply(_ index: Int, _ raw: UnsafeBufferPointer<UInt8>, _ at: Anchor) {
        let info = fieldInfo[index]
        if continuing && info.isRecordScope { return }
        if trace != nil {
            applyTraced(index, raw, at)
            return
        }
        guard info.translation >= 0 else {
            store(index, raw, at)
            return
        }
        switch translator.translate(raw, table: info.translation) {
        case .value(let value): store(index, value, at)
        case .unchanged: store(index, raw, at)
        case .missing: missingTranslation(index, raw, at)
        }
    }

    /// `apply` for an amount or count in its plain shape (digits, a point, no white space), in place:
    /// false, having changed nothing but `financeValues` (which `store` sets for these too), when the
    /// field or the value is anything else or a trace is on, and then `apply` reads it.
    @inline(__always) func applyPlain(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let info = fieldInfo[index]
        guard info.isPlainNumber, trace == nil else { return false }
        financeValues = true
        let target = info.target
        if target.isMoney {
            guard let fen = plainFen(bytes) else { return false }
            setMoney(target, Money(fen: fen))
            return true
        }
        guard case .finance(let field) = target, let count = ValueParser.plainCount(bytes) else { return false }
        year[field] = Int64(count)
        return true
    }

    /// An amount in one of its plain shapes, in fen at the current unit, read in place; nil for
    /// anything else (which `AmountParser.money` then reads or rejects).
    @inline(__always) private func plainFen(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        AmountParser.plainFen(bytes, scale: scale, fineDecimals: true)
    }

    /// `apply`, logging the value for `techladder profile check`.
    private func applyTraced(_ index: Int, _ raw: UnsafeBufferPointer<UInt8>, _ at: Anchor) {
        // Only the trace needs to know whether this value caused the reject.
        let before = !record.hasProblem
        var translated: String?
        let table = fieldInfo[index].translation
        if table >= 0 {
            switch translator.translate(raw, table: table) {
            case .value(let value):
                translated = String(decoding: value, as: UTF8.self)
                store(index, value, at)
            case .unchanged:
                store(index, raw, at)
            case .missing:
                missingTranslation(index, raw, at)
            }
        } else {
            store(index, raw, at)
        }
        if record.report.records <= traceLimit {
            let field = profile.fields[index]
            let problemText = before ? record.problem?.reason : nil
            trace?.append(ProfileTraceEntry(
                record: record.report.records, position: record.position(at), profileLine: field.line,
                from: field.constant == nil ? field.from : "value", to: traceName(field),
                raw: ValueParser.text(raw), translated: translated, problem: problemText))
        }
    }

    private func missingTranslation(_ index: Int, _ raw: UnsafeBufferPointer<UInt8>, _ at: Anchor) {
        let field = profile.fields[index]
        guard let translation = field.translation else { return }
        let table = profile.translations[translation]
        let value = ValueParser.text(ValueParser.trimmed(raw))
        record.reject(elementName(field), Reason(
            "\(field.from) '\(value)' has no entry in translation '\(table.id)' (profile \(profileLine(table.line)), used by the field at line \(field.line))",
            "\(field.from)的值 '\(value)' 在对照表 '\(table.id)' 中没有对应项（映射配置 \(profileLine(table.line))，第 \(field.line) 行的字段使用）"), at: at)
    }

    /// The format-1 name of a field for messages: `Name`, `Finance/Revenue`, `Certification/@kind`.
    func elementName(_ field: ProfileField) -> String {
        switch field.scope {
        case .header, .record: field.to
        case .finance: field.to.hasPrefix("@") ? "Finance" : "Finance/\(field.to)"
        case .fact(let kind): kind.element
        }
    }

    /// The full format-1 path of a field: `Finance/@year`, `Certification/@kind`.
    private func traceName(_ field: ProfileField) -> String {
        switch field.scope {
        case .header, .record: field.to
        case .finance: "Finance/\(field.to)"
        case .fact(let kind): "\(kind.element)/\(field.to)"
        }
    }

    /// ` (研发费用, profile.xml:21)`: where a value came from.
    private func source(_ index: Int) -> Reason {
        let field = profile.fields[index]
        return Reason(" (\(field.constant == nil ? field.from : "constant") at profile \(profileLine(field.line)))",
                      "（取自\(field.constant == nil ? " \(field.from)" : "常量")，映射配置 \(profileLine(field.line))）")
    }

    private func store(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ at: Anchor) {
        let target = fieldInfo[index].target
        if target.isMoney {
            financeValues = true
            // The common shapes first, read in place: what `AmountParser.money` gives them.
            if let plain = plainFen(bytes) {
                setMoney(target, Money(fen: plain))
                return
            }
            let result = AmountParser.money(bytes, scale: scale, allowNegative: target == ProfileTarget.finance(.netAssets), fineDecimals: true)
            guard case .success(let money) = result else {
                if case .failure(let problem) = result { valueProblem(index, problem, at) }
                return
            }
            setMoney(target, money)
            return
        }
        switch target {
        case .id:
            record.setID(ValueParser.text(ValueParser.trimmed(bytes)))
        case .name:
            record.firm.name = ValueParser.text(ValueParser.trimmed(bytes))
            record.hasName = true
            if record.firm.name.isEmpty { record.reject("Name", Reason("is empty", "企业名称为空") + source(index), at: at) }
        case .district:
            record.setDistrict(code: ValueParser.trimmed(bytes), at: at, note: source(index))
        case .zone:
            record.setZone(ValueParser.text(ValueParser.trimmed(bytes)), at: at)
        case .industry:
            let trimmed = ValueParser.trimmed(bytes)
            let code = ValueParser.text(trimmed)
            if RecordChecks.isIndustryCode(code) { record.firm.industry = code } else {
                record.reject("Industry", RecordChecks.badIndustry(code) + source(index), at: at)
            }
        case .techDomain: set(index, TechDomain.read(bytes), at) { self.record.firm.techDomain = $0 }
        case .status: set(index, FirmStatus.read(bytes), at) { self.record.firm.status = $0 }
        case .taxAssessment: set(index, TaxAssessment.read(bytes), at) { self.record.firm.taxAssessment = $0 }
        case .resident: set(index, ValueParser.boolean(bytes), at) { self.record.firm.resident = $0 }
        case .registeredOn:
            record.hasRegisteredOn = true
            if let day = date(index, bytes, at) { record.firm.registeredOn = day }
        case .year: set(index, ValueParser.year(bytes), at) { self.year.year = $0; self.yearSet = true }
        case .unit:
            // The two units as they are usually written, without making a string.
            let trimmed = ValueParser.trimmed(bytes)
            if Self.equals(trimmed, "yuan") {
                scale = 1
                return
            }
            if Self.equals(trimmed, "wan-yuan") {
                scale = 10_000
                return
            }
            let unit = ValueParser.text(trimmed)
            switch unit {
            case "yuan": scale = 1
            case "wan-yuan": scale = 10_000
            default: record.reject("Finance", RecordChecks.badUnit(unit) + source(index), at: at)
            }
        case .finance(let field):  // a count (amounts are read above); plain counts first, inside
            financeValues = true
            set(index, ValueParser.count(bytes), at) { self.year[field] = Int64($0) }
        case .fact(_, let attribute):
            factValues.set(attribute, bytes, field: index)
        default:
            break
        }
    }

    func setMoney(_ target: ProfileTarget, _ money: Money) {
        if case .finance(let field) = target { year[field] = money.fen }
    }

    private func set<T>(_ index: Int, _ result: Result<T, ValueProblem>, _ at: Anchor, _ assign: (T) -> Void) {
        switch result {
        case .success(let value): assign(value)
        case .failure(let problem): valueProblem(index, problem, at)
        }
    }

    private func valueProblem(_ index: Int, _ problem: ValueProblem, _ at: Anchor) {
        let field = profile.fields[index]
        let name = field.to.hasPrefix("@") ? String(field.to.dropFirst()) : field.to
        record.reject(elementName(field), problem.reason(name, chineseName(field)) + source(index), at: at)
    }

    private func date(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ at: Anchor) -> Day? {
        if let day = dateReader.day(bytes, field: index) { return day }
        let field = profile.fields[index]
        let text = ValueParser.text(ValueParser.trimmed(bytes))
        let forms = field.dates.map(\.description).joined(separator: " or ")
        let name = field.to.hasPrefix("@") ? String(field.to.dropFirst()) : field.to
        record.reject(elementName(field), Reason("\(name) '\(text)' is not a real date in the form \(forms)",
                                                 "\(chineseName(field)) '\(text)' 不是 \(field.dates.map(\.description).joined(separator: " 或 ")) 形式的有效日期")
                                              + source(index), at: at)
        return nil
    }

    /// Whether bytes are an ASCII literal's.
    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount && (bytes.isEmpty || memcmp(bytes.baseAddress.unsafelyUnwrapped, literal.utf8Start, bytes.count) == 0)
    }

    // MARK: Repeated facts

    /// Builds the fact from the values collected while its element was open.
    func endFact() {
        guard let kind = fact else { return }
        fact = nil
        let at = factStart
        func value<T>(_ attribute: Int, required: Bool, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, ValueProblem>) -> (ok: Bool, value: T?) {
            guard factValues.has(attribute) else {
                if required { record.reject(kind.element, missingAttribute(kind, attribute), at: at) }
                return (!required, nil)
            }
            let result = factValues.withValue(attribute, parse)
            switch result {
            case .success(let parsed): return (true, parsed)
            case .failure(let problem):
                record.reject(kind.element, problem.reason(kind.attributes[attribute], "\(kind.spec.chineseName)的 \(kind.attributes[attribute])")
                                            + source(factValues.field(attribute)), at: at)
                return (false, nil)
            }
        }
        func day(_ attribute: Int, required: Bool) -> (ok: Bool, value: Day?) {
            guard factValues.has(attribute) else {
                if required { record.reject(kind.element, missingAttribute(kind, attribute), at: at) }
                return (!required, nil)
            }
            let field = factValues.field(attribute)
            let parsed = factValues.withValue(attribute) { date(field, $0, at) }
            return (parsed != nil, parsed)
        }
        func text(_ attribute: Int) -> String? {
            guard factValues.has(attribute) else { return nil }
            return factValues.withValue(attribute) { ValueParser.text(ValueParser.trimmed($0)) }
        }
        switch kind {
        case .ip:
            let ipClass = value(0, required: true, IPClass.read), kindValue = value(1, required: false, IPKind.read)
            let count = value(2, required: true, ValueParser.count), acquired = value(3, required: false, IPAcquisition.read)
            guard let cls = ipClass.value, let number = count.value, kindValue.ok, acquired.ok else { return }
            if let ipKind = kindValue.value, ipKind.ipClass != cls {
                record.warn("IP", RecordChecks.ipClassMismatch(ipKind, cls), at: at)
            }
            record.firm.ip.append(IPHolding(ipClass: cls, kind: kindValue.value, count: number, acquired: acquired.value))
        case .certification:
            let tier = value(0, required: true, Tier.read), issued = day(2, required: true)
            let expires = day(3, required: false), revoked = day(4, required: false)
            guard let tierValue = tier.value, let issuedDay = issued.value, expires.ok, revoked.ok else { return }
            record.firm.certifications.append(Certification(kind: tierValue, number: text(1), issued: issuedDay,
                                                      expires: expires.value, revoked: revoked.value))
        case .award:
            let level = value(0, required: true, Level.read), awardYear = value(1, required: true, ValueParser.year)
            let rank = value(2, required: false, ValueParser.count)
            guard let levelValue = level.value, let yearValue = awardYear.value, rank.ok else { return }
            record.firm.awards.append(Award(level: levelValue, year: yearValue, rank: rank.value))
        case .rdInstitution:
            let level = value(0, required: true, Level.read), since = day(1, required: false)
            guard let levelValue = level.value, since.ok else { return }
            record.firm.rdInstitutions.append(RDInstitution(level: levelValue, since: since.value))
        case .standard:
            let level = value(0, required: true, StandardLevel.read), role = value(1, required: true, Role.read)
            let standardYear = value(2, required: true, ValueParser.year)
            guard let levelValue = level.value, let roleValue = role.value, let yearValue = standardYear.value else { return }
            record.firm.standards.append(Standard(level: levelValue, role: roleValue, year: yearValue))
        case .incident:
            let incident = value(0, required: true, IncidentKind.read), date = day(1, required: true)
            guard let kindValue = incident.value, let dateValue = date.value else { return }
            record.firm.incidents.append(Incident(kind: kindValue, date: dateValue))
        case .expertScore:
            let item = value(0, required: true, ExpertItem.read), points = value(1, required: true, ValueParser.count)
            guard let itemValue = item.value, let pointsValue = points.value else { return }
            guard pointsValue <= itemValue.maximum else {
                record.reject("ExpertScore", RecordChecks.pointsOverMaximum(itemValue, pointsValue), at: at)
                return
            }
            record.firm.expertScores.append(ExpertScore(item: itemValue, points: pointsValue))
        case .consortium:
            let role = value(0, required: true, Role.read), level = value(1, required: true, Level.read)
            guard let roleValue = role.value, let levelValue = level.value else { return }
            record.firm.consortia.append(Consortium(role: roleValue, level: levelValue))
        }
    }

    /// A required attribute of a fact that the record does not give.
    private func missingAttribute(_ kind: FactKind, _ attribute: Int) -> Reason {
        let name = kind.attributes[attribute]
        let missing = Reason("has no \(name)", "\(kind.spec.chineseName)缺少 \(name)")
        guard let field = profile.fields.first(where: { $0.target == .fact(kind, attribute) }) else { return missing }
        return missing + mapsItFrom(field)
    }

    /// A field's Chinese name for reasons: the format-1 vocabulary's name of what it maps to.
    private func chineseName(_ field: ProfileField) -> String {
        switch field.scope {
        case .header, .record: ChineseNames.of(field.to)
        case .finance: field.to == "@year" || field.to == "year" ? "财务年度" : ChineseNames.of("Finance/\(field.to)")
        case .fact(let kind): "\(kind.spec.chineseName)的 \(field.to.hasPrefix("@") ? String(field.to.dropFirst()) : field.to)"
        }
    }
}
