import LadderCore

extension GroupNames {
    /// The group key for a raw column value as a registry database stores it (`district`, `zone`,
    /// `industry` or `tech_domain`): the same key `key(of:by:)` gives the firm it came from.
    public static func key(raw value: String?, by grouping: Grouping) -> String {
        switch grouping {
        case .district: value ?? ""
        case .zone: value ?? noZone
        case .industry: value.flatMap { $0.first.map(String.init) } ?? unknown
        case .domain: value ?? unknown
        }
    }
}

extension Tally {
    /// Adds many firms that look the same to the tally at once, as a database counts them: the result
    /// equals calling `add(_:eligibility:)` for each of them (R&D sums are added separately with
    /// `addResearch(year:sum:firms:)`).
    /// - Parameters:
    ///   - firms: how many firms.
    ///   - key: their group key (see `GroupNames.key(raw:by:)`).
    ///   - active: false for deregistered firms.
    ///   - certified: their highest rung with a certificate valid on `asOf`.
    ///   - hasCertificates: whether they hold any certificate, valid or not.
    ///   - eligibility: what the rules say (ignored when eligibility is not computed).
    public mutating func addFirms(
        _ firms: Int, key: String, active: Bool, certified: Tier?, hasCertificates: Bool, eligibility: Eligibility = .none
    ) {
        guard firms > 0 else { return }
        firmsRead += firms
        if !active { deregistered += firms }
        let standing = FirmStanding(active: active, certified: certified, hasCertificates: hasCertificates,
                                    eligibility: eligibilityComputed ? eligibility : nil)
        Tally.count(into: &groups[key, default: GroupTally()], standing, firms: firms)
    }

    /// Adds a finance year's R&D expense summed over firms elsewhere (e.g. in SQL).
    public mutating func addResearch(year: Int, sum: Money, firms: Int) {
        rd[year, default: RDYear()].merge(RDYear(sum: sum, firms: firms))
    }
}

extension Tally {
    /// Adds contracts summed elsewhere (e.g. in SQL): per year signed (or registered), the undated
    /// ones (`year` nil), as `add(_: TechContract)` would count them one by one.
    public mutating func addContracts(year: Int?, turnover: Money, contracts count: Int) {
        guard count > 0 else { return }
        var sum = ContractYear()
        sum.turnover = turnover
        sum.contracts = count
        if let year { contracts[year, default: ContractYear()].merge(sum) } else { contractsUndated.merge(sum) }
    }

    /// Adds contracts dated after the as-of date (not counted, but reported).
    public mutating func addLaterContracts(_ count: Int) { contractsLater += count }
}

extension RDYear {
    init(sum: Money, firms: Int) {
        self.init()
        self.sum = sum
        self.firms = firms
    }
}
