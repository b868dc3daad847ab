import LadderCore

/// A streaming tally of a registry on one date: firms per rung and group, the pipeline, audit risk, and
/// the other four indicators. Memory grows with the number of groups and years, never with firms.
///
/// Counting rules (also in `CountingRules`): a technology enterprise is an active firm holding a valid
/// tech-SME registration, high-tech certificate or leading listing on the date, counted once at its
/// highest valid rung. Deregistered firms and expired, revoked or not-yet-issued certificates do not
/// count.
///
/// ```swift
/// var tally = Tally(asOf: day, by: .district)
/// tally.add(firm, eligibility: Eligibility(.highTech))
/// tally.total.certified.total
/// ```
public struct Tally: Sendable {
    /// The date certificates must be valid on.
    public let asOf: Day
    /// How firms are grouped.
    public let grouping: Grouping
    /// Whether eligibility was computed (false: eligible, pipeline and audit figures are not available).
    public let eligibilityComputed: Bool
    /// Tallies per group key.
    public internal(set) var groups: [String: GroupTally] = [:]
    /// Enterprise records read, active or not.
    public internal(set) var firmsRead = 0
    /// Deregistered firms (never counted).
    public internal(set) var deregistered = 0
    /// R&D sums per finance year over every firm on record.
    public internal(set) var rd: [Int: RDYear] = [:]
    /// Platform figures.
    public internal(set) var platforms = RecordCount()
    /// Broker figures.
    public internal(set) var brokers = RecordCount()
    /// Contract turnover per year signed (on or before the as-of date).
    public internal(set) var contracts: [Int: ContractYear] = [:]
    /// Contracts with no signing or registration date.
    public internal(set) var contractsUndated = ContractYear()
    /// Contracts signed after the as-of date (not counted).
    public internal(set) var contractsLater = 0

    /// Creates an empty tally.
    /// - Parameters:
    ///   - asOf: the date certificates must be valid on.
    ///   - grouping: how to group firms.
    ///   - eligibilityComputed: false when no rules engine is available; eligibility passed in is ignored.
    public init(asOf: Day, by grouping: Grouping = .district, eligibilityComputed: Bool = true) {
        self.asOf = asOf
        self.grouping = grouping
        self.eligibilityComputed = eligibilityComputed
    }

    /// Adds one firm.
    /// - Parameters:
    ///   - firm: the firm as imported.
    ///   - eligibility: what the rules say about it on the as-of date (ignored when not computed).
    public mutating func add(_ firm: Enterprise, eligibility: Eligibility = .none) {
        firmsRead += 1
        for index in firm.finance.indices {  // by index: a copy of each year would retain its position
            if let expense = firm.finance[index].rdExpense {
                rd[firm.finance[index].year, default: RDYear()].add(expense)
            }
        }
        let key = GroupNames.key(of: firm, by: grouping)
        let standing = FirmStanding(firm, asOf: asOf, eligibility: eligibilityComputed ? eligibility : nil)
        if !standing.active { deregistered += 1 }
        Tally.count(into: &groups[key, default: GroupTally()], standing)
    }

    /// Counts firms of one standing into a group: the only place a tally figure is added to.
    @inline(__always)
    static func count(into group: inout GroupTally, _ standing: FirmStanding, firms: Int = 1) {
        guard standing.active else {
            group.deregisteredFirms += firms
            if standing.certified != nil { group.deregisteredCertified += firms }
            return
        }
        group.activeFirms += firms
        if let certified = standing.certified { group.certified[certified] += firms }
        if standing.lapsed { group.lapsed += firms }
        if let eligible = standing.eligible { group.eligible[eligible] += firms }
        if let pipeline = standing.pipeline {
            group.pipeline[pipeline] += firms
            if standing.certified == nil { group.pipelineUncertified += firms }
        }
        if let risk = standing.auditRisk { group.auditRisk[risk] += firms }
        if standing.undeterminedCertified { group.undeterminedCertified += firms }
    }

    /// Adds a platform: counted when provincial or higher and approved on or before the as-of date.
    public mutating func add(_ platform: Platform) {
        guard platform.level >= .provincial else {
            platforms.belowLevel += 1
            return
        }
        platforms.tally(date: platform.approved, asOf: asOf)
    }

    /// Adds a broker: counted when certified on or before the as-of date.
    public mutating func add(_ broker: Broker) {
        brokers.tally(date: broker.certified, asOf: asOf)
    }

    /// Adds a contract to the turnover of the year it was signed (or registered, when unsigned).
    public mutating func add(_ contract: TechContract) {
        guard let date = contract.signed ?? contract.registered else {
            contractsUndated.add(contract.amount)
            return
        }
        guard date <= asOf else {
            contractsLater += 1
            return
        }
        contracts[date.year, default: ContractYear()].add(contract.amount)
    }

    /// Adds any registry record; firms get their eligibility from `eligibility`.
    public mutating func add(_ record: RegistryRecord, eligibility: (Enterprise) -> Eligibility) {
        switch record {
        case .enterprise(let firm): add(firm, eligibility: eligibilityComputed ? eligibility(firm) : .none)
        case .platform(let platform): add(platform)
        case .contract(let contract): add(contract)
        case .broker(let broker): add(broker)
        }
    }

    /// Adds another tally of the same date and grouping (e.g. from another thread or file).
    public mutating func merge(_ other: Tally) {
        firmsRead += other.firmsRead
        deregistered += other.deregistered
        for (key, group) in other.groups { groups[key, default: GroupTally()].merge(group) }
        for (year, sum) in other.rd { rd[year, default: RDYear()].merge(sum) }
        platforms.merge(other.platforms)
        brokers.merge(other.brokers)
        for (year, sum) in other.contracts { contracts[year, default: ContractYear()].merge(sum) }
        contractsUndated.merge(other.contractsUndated)
        contractsLater += other.contractsLater
    }

    /// All groups together.
    public var total: GroupTally {
        groups.values.reduce(into: GroupTally()) { $0.merge($1) }
    }

    /// Group keys in report order: the fixed keys (e.g. the ten districts) first, then others sorted.
    public var orderedKeys: [String] {
        let fixed = GroupNames.fixedKeys(by: grouping)
        return fixed + groups.keys.filter { !fixed.contains($0) }.sorted()
    }

    /// The tally of one group (empty when no firm fell in it).
    public func group(_ key: String) -> GroupTally { groups[key] ?? GroupTally() }
}

/// The firm figures of one group.
public struct GroupTally: Hashable, Sendable {
    /// Active firms in the group, certified or not.
    public var activeFirms = 0
    /// Firms per highest valid rung on the date.
    public var certified = RungCounts()
    /// Firms per highest rung the rules say they qualify for.
    public var eligible = RungCounts()
    /// Eligible above their certified rung (or uncertified), counted at the eligible rung.
    public var pipeline = RungCounts()
    /// Eligible firms with no valid certificate at all: new technology enterprises to recruit.
    public var pipelineUncertified = 0
    /// Certified firms the rules decide do not qualify for their rung, counted at the certified rung.
    public var auditRisk = RungCounts()
    /// Certified firms whose rung verdict is undetermined (data missing), not counted as audit risk.
    public var undeterminedCertified = 0
    /// Active firms with certificates on record, none valid on the date (expired, revoked, not yet issued).
    public var lapsed = 0
    /// Deregistered firms that still hold a valid certificate (not counted).
    public var deregisteredCertified = 0
    /// Deregistered firms (not counted; `Tally.deregistered` over all groups).
    public var deregisteredFirms = 0

    /// Empty group figures.
    public init() {}

    /// Adds another group's figures.
    public mutating func merge(_ other: GroupTally) {
        activeFirms += other.activeFirms
        certified = certified + other.certified
        eligible = eligible + other.eligible
        pipeline = pipeline + other.pipeline
        pipelineUncertified += other.pipelineUncertified
        auditRisk = auditRisk + other.auditRisk
        undeterminedCertified += other.undeterminedCertified
        lapsed += other.lapsed
        deregisteredCertified += other.deregisteredCertified
        deregisteredFirms += other.deregisteredFirms
    }
}

/// The R&D expense on record for one finance year.
public struct RDYear: Hashable, Sendable {
    /// Exact sum of `RDExpense`.
    public var sum = Money.zero
    /// Firms that reported the figure.
    public var firms = 0

    /// Nothing reported.
    public init() {}

    mutating func add(_ amount: Money) {
        sum = sum + amount
        firms += 1
    }

    mutating func merge(_ other: RDYear) {
        sum = sum + other.sum
        firms += other.firms
    }
}

/// Contract turnover for one year.
public struct ContractYear: Hashable, Sendable {
    /// Exact sum of contract amounts.
    public var turnover = Money.zero
    /// Contracts.
    public var contracts = 0

    /// No contracts.
    public init() {}

    mutating func add(_ amount: Money) {
        turnover = turnover + amount
        contracts += 1
    }

    mutating func merge(_ other: ContractYear) {
        turnover = turnover + other.turnover
        contracts += other.contracts
    }
}

/// Dated records (platforms, brokers) counted on a date.
public struct RecordCount: Hashable, Sendable {
    /// Counted: dated on or before the as-of date, or undated.
    public var counted = 0
    /// Of those counted, records with no date (on record, so counted).
    public var undated = 0
    /// Dated after the as-of date (not counted).
    public var later = 0
    /// Platforms below provincial level (not counted).
    public var belowLevel = 0

    /// Nothing counted.
    public init() {}

    mutating func tally(date: Day?, asOf: Day) {
        guard let date else {
            counted += 1
            undated += 1
            return
        }
        if date <= asOf { counted += 1 } else { later += 1 }
    }

    mutating func merge(_ other: RecordCount) {
        counted += other.counted
        undated += other.undated
        later += other.later
        belowLevel += other.belowLevel
    }
}
