import LadderCore
import XMLStream

/// Elements whose values are all attributes: the repeated facts of a firm, and the platform,
/// contract and broker records.
extension RegistryHandler {
    /// Reads a required attribute through a value parser; rejects the record when it is missing or bad.
    func required<T>(_ element: XMLStartElement, _ attribute: StaticString, _ tagName: String, _ at: SourcePosition,
                     _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, ValueProblem>) -> T? {
        guard let bytes = element[attribute] else {
            reject(tagName, "has no \(attribute) attribute", at: at)
            return nil
        }
        switch bytes.parse(parse) {
        case .success(let value): return value
        case .failure(let problem):
            reject(tagName, "\(attribute) \(problem)", at: at)
            return nil
        }
    }

    /// Reads an optional attribute; absent is nil, present but bad rejects the record.
    func optional<T>(_ element: XMLStartElement, _ attribute: StaticString, _ tagName: String, _ at: SourcePosition,
                     _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, ValueProblem>) -> T? {
        guard element[attribute] != nil else { return nil }
        return required(element, attribute, tagName, at, parse)
    }

    func member<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> (UnsafeBufferPointer<UInt8>) -> Result<E, ValueProblem>
    where E.RawValue == String {
        { ValueParser.member($0, of: type) }
    }

    func readRepeated(_ tag: RegistryTag, _ element: XMLStartElement, _ at: SourcePosition) {
        switch tag {
        case .ip:
            guard let ipClass = required(element, "class", "IP", at, member(IPClass.self)),
                let count = required(element, "count", "IP", at, ValueParser.count)
            else { return }
            let kind = optional(element, "kind", "IP", at, member(IPKind.self))
            let acquired = optional(element, "acquired", "IP", at, member(IPAcquisition.self))
            if let kind, kind.ipClass != ipClass {
                warn("IP", "kind \(kind.rawValue) is Class \(kind.ipClass.rawValue), but the record says Class \(ipClass.rawValue)", at: at)
            }
            firm.ip.append(IPHolding(ipClass: ipClass, kind: kind, count: count, acquired: acquired))
        case .certification:
            guard let kind = required(element, "kind", "Certification", at, member(Tier.self)),
                let issued = required(element, "issued", "Certification", at, ValueParser.day)
            else { return }
            let expires = optional(element, "expires", "Certification", at, ValueParser.day)
            let revoked = optional(element, "revoked", "Certification", at, ValueParser.day)
            firm.certifications.append(Certification(kind: kind, number: element["number"]?.string, issued: issued,
                                                      expires: expires, revoked: revoked))
        case .award:
            guard let level = required(element, "level", "Award", at, member(Level.self)),
                let year = required(element, "year", "Award", at, ValueParser.year)
            else { return }
            let rank = optional(element, "rank", "Award", at, ValueParser.count)
            firm.awards.append(Award(level: level, year: year, rank: rank))
        case .rdInstitution:
            guard let level = required(element, "level", "RDInstitution", at, member(Level.self)) else { return }
            let since = optional(element, "since", "RDInstitution", at, ValueParser.day)
            firm.rdInstitutions.append(RDInstitution(level: level, since: since))
        case .standard:
            guard let level = required(element, "level", "Standard", at, member(StandardLevel.self)),
                let role = required(element, "role", "Standard", at, member(Role.self)),
                let year = required(element, "year", "Standard", at, ValueParser.year)
            else { return }
            firm.standards.append(Standard(level: level, role: role, year: year))
        case .incident:
            guard let kind = required(element, "kind", "Incident", at, member(IncidentKind.self)),
                let date = required(element, "date", "Incident", at, ValueParser.day)
            else { return }
            firm.incidents.append(Incident(kind: kind, date: date))
        case .expertScore:
            guard let item = required(element, "item", "ExpertScore", at, member(ExpertItem.self)),
                let points = required(element, "points", "ExpertScore", at, ValueParser.count)
            else { return }
            guard points <= item.maximum else {
                reject("ExpertScore", "\(item.rawValue) points \(points) exceed the item's maximum \(item.maximum)", at: at)
                return
            }
            firm.expertScores.append(ExpertScore(item: item, points: points))
        case .consortium:
            guard let role = required(element, "role", "Consortium", at, member(Role.self)),
                let level = required(element, "level", "Consortium", at, member(Level.self))
            else { return }
            firm.consortia.append(Consortium(role: role, level: level))
        default:
            break
        }
    }

    func readAttributeRecord(_ tag: RegistryTag, _ element: XMLStartElement, _ context: XMLContext) {
        let at = recordStart
        let id = element["id"]?.string
        currentID = id
        let name: String
        switch tag {
        case .platform: name = "Platform"
        case .techContract: name = "TechContract"
        default: name = "Broker"
        }
        guard let id, !id.isEmpty else {
            reject(name, "has no id attribute", at: at)
            finish(.broker(Broker(id: "")))
            return
        }
        let record: RegistryRecord
        switch tag {
        case .platform:
            let level = required(element, "level", name, at, member(Level.self)) ?? .municipal
            var platform = Platform(id: id, level: level, kind: element["kind"]?.string,
                                    district: element["district"]?.string,
                                    approved: optional(element, "approved", name, at, ValueParser.day),
                                    host: element["host"]?.string)
            platform.position = at
            record = .platform(platform)
        case .techContract:
            let amount = required(element, "amount", name, at) { ValueParser.money($0, scale: 1, allowNegative: false) } ?? .zero
            var contract = TechContract(id: id, seller: element["seller"]?.string, amount: amount,
                                        signed: optional(element, "signed", name, at, ValueParser.day),
                                        registered: optional(element, "registered", name, at, ValueParser.day),
                                        kind: element["kind"]?.string)
            contract.position = at
            record = .contract(contract)
        default:
            var broker = Broker(id: id, district: element["district"]?.string,
                                certified: optional(element, "certified", name, at, ValueParser.day))
            broker.position = at
            record = .broker(broker)
        }
        finish(record)
    }
}
