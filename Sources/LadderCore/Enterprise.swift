/// One firm as it stands in a registry export: identity, location, yearly finances and the repeated
/// facts the rules read (IP, certifications, awards, institutions, standards, incidents, ...).
///
/// An optional field that is `nil` is *unknown*, never zero. An empty repeated list means *none on
/// record*.
public struct Enterprise: Hashable, Sendable {
    /// 统一社会信用代码 (unified social credit code), 18 characters.
    public var id: String
    public var name: String
    /// GB/T 2260 county-level code, e.g. `370212`.
    public var district: String
    /// Optional functional zone code, e.g. `370271` (高新区).
    public var zone: String?
    /// GB/T 4754-2017 industry class, e.g. `I6513`.
    public var industry: String?
    public var techDomain: TechDomain?
    public var registeredOn: Day?
    public var status: FirmStatus?
    public var resident: Bool?
    public var taxAssessment: TaxAssessment?
    /// Finance years, ordered by year, at most one per year.
    public var finance: [FinanceYear]
    public var ip: [IPHolding]
    public var certifications: [Certification]
    public var awards: [Award]
    public var rdInstitutions: [RDInstitution]
    public var standards: [Standard]
    public var incidents: [Incident]
    public var expertScores: [ExpertScore]
    public var consortia: [Consortium]
    /// Where the record starts in its file.
    public var position: SourcePosition?

    /// Creates a firm with the required fields; everything else starts unknown or empty.
    public init(id: String, name: String, district: String) {
        self.id = id
        self.name = name
        self.district = district
        finance = []
        ip = []
        certifications = []
        awards = []
        rdInstitutions = []
        standards = []
        incidents = []
        expertScores = []
        consortia = []
    }

    /// The finance record for a year, if the export has one.
    public func finance(in year: Int) -> FinanceYear? {
        finance.first { $0.year == year }
    }

    /// The most recent finance year on record.
    public var latestFinance: FinanceYear? { finance.max { $0.year < $1.year } }

    /// The certificates of a kind that are valid on a date.
    public func validCertifications(_ kind: Tier, on date: Day) -> [Certification] {
        certifications.filter { $0.kind == kind && $0.isValid(on: date) }
    }

    /// The highest rung for which the firm holds a valid certificate on a date, or nil: the one Swift
    /// definition (the store's twin, over its stored text, is `CertifiedRungs`).
    @inlinable public func certifiedTier(on date: Day) -> Tier? {
        var highest: Tier?
        for index in certifications.indices where certifications[index].isValid(on: date) {
            highest = max(highest ?? certifications[index].kind, certifications[index].kind)
        }
        return highest
    }

    /// True unless the firm is recorded as deregistered.
    public var isActive: Bool { status != .deregistered }
}

/// One year of a firm's finance and staff figures (all optional: absent is unknown).
public struct FinanceYear: Hashable, Sendable {
    public var year: Int
    /// 职工总数.
    public var employees: Int?
    /// 科技人员.
    public var techStaff: Int?
    /// 销售收入 (sales revenue).
    public var revenue: Money?
    /// 总收入 (total income).
    public var totalIncome: Money?
    /// 成本费用支出总额.
    public var totalCost: Money?
    public var totalAssets: Money?
    public var netAssets: Money?
    public var rdExpense: Money?
    public var rdExpenseDomestic: Money?
    /// 高新技术产品(服务)收入.
    public var highTechRevenue: Money?
    /// 科技成果转化 count in the year.
    public var conversions: Int?
    public var position: SourcePosition?

    public init(year: Int) { self.year = year }
}

/// A count of IP items of one kind.
public struct IPHolding: Hashable, Sendable {
    public var ipClass: IPClass
    public var kind: IPKind?
    public var count: Int
    public var acquired: IPAcquisition?

    public init(ipClass: IPClass, kind: IPKind? = nil, count: Int, acquired: IPAcquisition? = nil) {
        self.ipClass = ipClass
        self.kind = kind
        self.count = count
        self.acquired = acquired
    }
}

/// A registration, certificate or listing on one rung.
public struct Certification: Hashable, Sendable {
    public var kind: Tier
    public var number: String?
    public var issued: Day
    public var expires: Day?
    public var revoked: Day?

    public init(kind: Tier, number: String? = nil, issued: Day, expires: Day? = nil, revoked: Day? = nil) {
        self.kind = kind
        self.number = number
        self.issued = issued
        self.expires = expires
        self.revoked = revoked
    }

    /// The last day of validity before any revocation: `expires` when given; otherwise 31 December of
    /// the issue year for tech-SME registrations and leading listings (annual lists), and the day
    /// before the third anniversary of issue for high-tech certificates (valid three years).
    public var lastValidDay: Day {
        if let expires { return expires }
        switch kind {
        case .techSME, .leading: return issued.endOfYear
        case .highTech: return issued.adding(years: 3).adding(days: -1)
        }
    }

    /// Whether the certificate is in force on a date: issued on or before it, not past its last valid
    /// day, and not revoked on or before it.
    public func isValid(on date: Day) -> Bool {
        if date < issued || date > lastValidDay { return false }
        if let revoked, revoked <= date { return false }
        return true
    }
}

/// A science and technology award.
public struct Award: Hashable, Sendable {
    public var level: Level
    public var year: Int
    /// The firm's rank among winning units (1 = first); nil when not given.
    public var rank: Int?

    public init(level: Level, year: Int, rank: Int? = nil) {
        self.level = level
        self.year = year
        self.rank = rank
    }
}

/// A certified R&D institution (研发机构).
public struct RDInstitution: Hashable, Sendable {
    public var level: Level
    public var since: Day?

    public init(level: Level, since: Day? = nil) {
        self.level = level
        self.since = since
    }
}

/// A standard the firm drafted or helped draft.
public struct Standard: Hashable, Sendable {
    public var level: StandardLevel
    public var role: Role
    public var year: Int

    public init(level: StandardLevel, role: Role, year: Int) {
        self.level = level
        self.role = role
        self.year = year
    }
}

/// A disqualifying incident (accident, violation, listing).
public struct Incident: Hashable, Sendable {
    public var kind: IncidentKind
    public var date: Day

    public init(kind: IncidentKind, date: Day) {
        self.kind = kind
        self.date = date
    }
}

/// Points given by experts for one judged item of the HNTE score.
public struct ExpertScore: Hashable, Sendable {
    public var item: ExpertItem
    public var points: Int

    public init(item: ExpertItem, points: Int) {
        self.item = item
        self.points = points
    }
}

/// Membership of an innovation consortium (创新联合体).
public struct Consortium: Hashable, Sendable {
    public var role: Role
    public var level: Level

    public init(role: Role, level: Level) {
        self.role = role
        self.level = level
    }
}
