import LadderCore
import XMLStream

/// The structure a profile maps, started and completed: the root element (the file's header), records
/// (grouped or not), finance years and facts.
extension ProfileHandler {
    func startRoot(_ element: XMLStartElement, _ context: XMLContext) {
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
        record.deliverHeader(header)
    }

    func startRecord(_ element: XMLStartElement, _ here: Anchor) {
        groupCandidate.removeAll()
        if grouped {
            for attribute in 0..<element.attributeCount
            where attributeTable.token(for: element.internedAttributeName(at: attribute)) == groupToken {
                _ = element.attributeValue(at: attribute).withContiguousStorageIfAvailable { groupCandidate.append(contentsOf: $0) }
            }
            if recordActive, !groupCandidate.isEmpty, groupCandidate.elementsEqual(groupKey) {
                continuing = true
                return
            }
        }
        if recordActive { completeRecord() }
        if let stopAfter, record.report.records >= stopAfter {
            stopRequested = true
            return
        }
        groupCandidate.withUnsafeBufferPointer { groupKey.set($0) }
        continuing = false
        recordActive = true
        record.beginRecord(at: here)
        record.beginFirm(id: "")
        if !recordConstants.isEmpty { applyConstants(recordConstants, here) }
    }

    func startFinance(_ element: XMLStartElement, _ node: Int, _ here: Anchor) {
        year = FinanceYear(year: 0)
        year.position = record.position(here)
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

    func endFinance() {
        inFinance = false
        guard yearSet else {
            if financeValues {
                let note = profile.fieldFor[.year].map { mapsItFrom(profile.fields[$0]) } ?? .none
                record.reject("Finance", Reason("has no year", "缺少财务年度") + note, at: Anchor(line: year.position?.line ?? 0, column: year.position?.column ?? 0))
            }
            return
        }
        if record.firm.finance.contains(where: { $0.year == year.year }) {
            record.reject("Finance", RecordChecks.yearTwice(year.year), at: Anchor(line: year.position?.line ?? 0, column: year.position?.column ?? 0))
            return
        }
        record.firm.finance.append(year)
    }

    func startFact(_ kind: FactKind, _ here: Anchor) {
        fact = kind
        factStart = here
        factValues.removeAll()
        if factConstantKinds & 1 << UInt32(kind.rawValue) != 0 { applyConstants(factConstants[kind.rawValue], here) }
    }

    private func applyConstants(_ indexes: [Int], _ here: Anchor) {
        for index in indexes {
            profile.fields[index].constant?.withUnsafeBufferPointer { apply(index, $0, here) }
        }
    }

    // MARK: Completing a record

    func completeRecord() {
        recordActive = false
        continuing = false
        record.completeFirm(note: { self.mappedFrom($0.target) },
                            duplicateNote: grouped ? Reason(" (in this layout the rows of one firm must be consecutive)",
                                                            "（此布局中同一企业的各行必须相邻）") : .none)
    }

    /// ": the profile maps it from 企业名称 (profile.xml:12) and this record has none".
    private func mappedFrom(_ target: ProfileTarget) -> Reason {
        guard let index = profile.fieldFor[target] else { return .none }
        let field = profile.fields[index]
        return Reason(": profile \(profileLine(field.line)) maps it from \(field.from.isEmpty ? "a constant" : field.from), and this record has none",
                      "：映射配置 \(profileLine(field.line)) 从\(field.from.isEmpty ? "常量" : " \(field.from) ")映射，而本记录没有该值")
    }

    /// " (profile p.xml:12 maps it from 年度)": where a missing value would have come from.
    func mapsItFrom(_ field: ProfileField) -> Reason {
        Reason(" (profile \(profileLine(field.line)) maps it from \(field.from))",
               "（映射配置 \(profileLine(field.line)) 从 \(field.from) 映射）")
    }

    /// Completes the report after the parse, or throws what a callback threw.
    func finish() throws -> ImportReport { try record.finish() }
}

extension RecordBuilder.Required {
    /// The profile target a required field is read into.
    var target: ProfileTarget {
        switch self {
        case .id: .id
        case .name: .name
        case .district: .district
        case .registeredOn: .registeredOn
        }
    }
}
