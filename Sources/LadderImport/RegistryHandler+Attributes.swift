import LadderCore
import XMLStream

/// Elements whose values are all attributes: the repeated facts of a firm, and the platform,
/// contract and broker records.
extension RegistryHandler {
    /// Reads a required attribute; rejects the record when it is missing or bad.
    func required<T: RegistryValue>(_ element: XMLStartElement, _ attribute: StaticString, _ tagName: StaticString,
                                    _ at: Anchor) -> T? {
        guard let bytes = element[attribute] else {
            record.reject("\(tagName)", Reason("has no \(attribute) attribute", "<\(tagName)> 缺少 \(attribute) 属性"), at: at)
            return nil
        }
        return value(bytes, attribute, tagName, at)
    }

    /// Reads an optional attribute; absent is nil, present but bad rejects the record.
    func optional<T: RegistryValue>(_ element: XMLStartElement, _ attribute: StaticString, _ tagName: StaticString,
                                    _ at: Anchor) -> T? {
        guard let bytes = element[attribute] else { return nil }
        return value(bytes, attribute, tagName, at)
    }

    private func value<T: RegistryValue>(_ bytes: XMLBytes, _ attribute: StaticString, _ tagName: StaticString,
                                         _ at: Anchor) -> T? {
        switch bytes.parse(T.read) {
        case .success(let value): return value
        case .failure(let problem):
            record.reject("\(tagName)", problem.reason("\(attribute)", "<\(tagName)> 的 \(attribute) 属性"), at: at)
            return nil
        }
    }

    func readRepeated(_ tag: RegistryTag, _ element: XMLStartElement, _ at: Anchor) {
        switch tag {
        case .ip:
            guard let ipClass: IPClass = required(element, "class", "IP", at),
                let count: Int = required(element, "count", "IP", at)
            else { return }
            let kind: IPKind? = optional(element, "kind", "IP", at)
            let acquired: IPAcquisition? = optional(element, "acquired", "IP", at)
            if let kind, kind.ipClass != ipClass {
                record.warn("IP", RecordChecks.ipClassMismatch(kind, ipClass), at: at)
            }
            record.firm.ip.append(IPHolding(ipClass: ipClass, kind: kind, count: count, acquired: acquired))
        case .certification:
            guard let kind: Tier = required(element, "kind", "Certification", at),
                let issued: Day = required(element, "issued", "Certification", at)
            else { return }
            let expires: Day? = optional(element, "expires", "Certification", at)
            let revoked: Day? = optional(element, "revoked", "Certification", at)
            record.firm.certifications.append(Certification(kind: kind, number: element["number"]?.string, issued: issued,
                                                      expires: expires, revoked: revoked))
        case .award:
            guard let level: Level = required(element, "level", "Award", at),
                let year = (required(element, "year", "Award", at) as Year?)?.value
            else { return }
            let rank: Int? = optional(element, "rank", "Award", at)
            record.firm.awards.append(Award(level: level, year: year, rank: rank))
        case .rdInstitution:
            guard let level: Level = required(element, "level", "RDInstitution", at) else { return }
            let since: Day? = optional(element, "since", "RDInstitution", at)
            record.firm.rdInstitutions.append(RDInstitution(level: level, since: since))
        case .standard:
            guard let level: StandardLevel = required(element, "level", "Standard", at),
                let role: Role = required(element, "role", "Standard", at),
                let year = (required(element, "year", "Standard", at) as Year?)?.value
            else { return }
            record.firm.standards.append(Standard(level: level, role: role, year: year))
        case .incident:
            guard let kind: IncidentKind = required(element, "kind", "Incident", at),
                let date: Day = required(element, "date", "Incident", at)
            else { return }
            record.firm.incidents.append(Incident(kind: kind, date: date))
        case .expertScore:
            guard let item: ExpertItem = required(element, "item", "ExpertScore", at),
                let points: Int = required(element, "points", "ExpertScore", at)
            else { return }
            guard points <= item.maximum else {
                record.reject("ExpertScore", RecordChecks.pointsOverMaximum(item, points), at: at)
                return
            }
            record.firm.expertScores.append(ExpertScore(item: item, points: points))
        case .consortium:
            guard let role: Role = required(element, "role", "Consortium", at),
                let level: Level = required(element, "level", "Consortium", at)
            else { return }
            record.firm.consortia.append(Consortium(role: role, level: level))
        default:
            break
        }
    }

    func readAttributeRecord(_ tag: RegistryTag, _ element: XMLStartElement, _ context: XMLContext) {
        let at = record.start
        let id = element["id"]?.string
        record.setRecordID(id)
        let name: StaticString
        switch tag {
        case .platform: name = "Platform"
        case .techContract: name = "TechContract"
        default: name = "Broker"
        }
        guard let id, !id.isEmpty else {
            record.reject("\(name)", Reason("has no id attribute", "\(ChineseNames.of("\(name)"))缺少 id 属性"), at: at)
            record.deliver(.broker(Broker(id: "")))
            return
        }
        let built: RegistryRecord
        switch tag {
        case .platform:
            let level: Level = required(element, "level", name, at) ?? .municipal
            var platform = Platform(id: id, level: level, kind: element["kind"]?.string,
                                    district: element["district"]?.string,
                                    approved: optional(element, "approved", name, at) as Day?,
                                    host: element["host"]?.string)
            platform.position = record.position(at)
            built = .platform(platform)
        case .techContract:
            let amount: Money = required(element, "amount", name, at) ?? .zero
            var contract = TechContract(id: id, seller: element["seller"]?.string, amount: amount,
                                        signed: optional(element, "signed", name, at) as Day?,
                                        registered: optional(element, "registered", name, at) as Day?,
                                        kind: element["kind"]?.string)
            contract.position = record.position(at)
            built = .contract(contract)
        default:
            var broker = Broker(id: id, district: element["district"]?.string,
                                certified: optional(element, "certified", name, at) as Day?)
            broker.position = record.position(at)
            built = .broker(broker)
        }
        record.deliver(built)
    }
}
