/// The header of a registry export.
public struct RegistryHeader: Hashable, Sendable {
    /// The export date: the default assessment date.
    public var exportedAt: Day
    public var source: String?
    /// GB/T 2260 code of the city, e.g. `370200`.
    public var region: String?

    public init(exportedAt: Day, source: String? = nil, region: String? = nil) {
        self.exportedAt = exportedAt
        self.source = source
        self.region = region
    }
}

/// A provincial-or-higher innovation platform (省级以上科创平台).
public struct Platform: Hashable, Sendable {
    public var id: String
    public var level: Level
    public var kind: String?
    public var district: String?
    public var approved: Day?
    public var host: String?
    public var position: SourcePosition?

    public init(id: String, level: Level, kind: String? = nil, district: String? = nil, approved: Day? = nil,
                host: String? = nil) {
        self.id = id
        self.level = level
        self.kind = kind
        self.district = district
        self.approved = approved
        self.host = host
    }
}

/// A registered technology contract (技术合同).
public struct TechContract: Hashable, Sendable {
    public var id: String
    public var seller: String?
    public var amount: Money
    public var signed: Day?
    public var registered: Day?
    public var kind: String?
    public var position: SourcePosition?

    public init(id: String, seller: String? = nil, amount: Money, signed: Day? = nil, registered: Day? = nil,
                kind: String? = nil) {
        self.id = id
        self.seller = seller
        self.amount = amount
        self.signed = signed
        self.registered = registered
        self.kind = kind
    }
}

/// A certified technology broker (技术经纪人).
public struct Broker: Hashable, Sendable {
    public var id: String
    public var district: String?
    public var certified: Day?
    public var position: SourcePosition?

    public init(id: String, district: String? = nil, certified: Day? = nil) {
        self.id = id
        self.district = district
        self.certified = certified
    }
}

/// One top-level record of a registry export.
public enum RegistryRecord: Hashable, Sendable {
    case enterprise(Enterprise)
    case platform(Platform)
    case contract(TechContract)
    case broker(Broker)
}

extension RegistryRecord {
    /// The record's id (credit code, platform or contract number, broker id).
    public var id: String {
        switch self {
        case .enterprise(let r): r.id
        case .platform(let r): r.id
        case .contract(let r): r.id
        case .broker(let r): r.id
        }
    }

    /// Where the record starts in its file, when the importer noted it.
    public var position: SourcePosition? {
        switch self {
        case .enterprise(let r): r.position
        case .platform(let r): r.position
        case .contract(let r): r.position
        case .broker(let r): r.position
        }
    }

    /// The district the record belongs to, when it names one (contracts name none).
    public var district: String? {
        switch self {
        case .enterprise(let r): r.district
        case .platform(let r): r.district
        case .contract: nil
        case .broker(let r): r.district
        }
    }
}
