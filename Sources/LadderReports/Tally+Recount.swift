import LadderCore

extension Tally {
    /// This tally's platforms, brokers and contracts with the firm figures (groups, R&D, counts of firms)
    /// of `firms`, a tally of the same date built firm by firm: how a report computes eligibility the
    /// database has no stored verdicts for.
    public func replacingFirms(with firms: Tally) -> Tally {
        var result = Tally(asOf: asOf, by: grouping, eligibilityComputed: firms.eligibilityComputed)
        result.groups = firms.groups
        result.firmsRead = firms.firmsRead
        result.deregistered = firms.deregistered
        result.rd = firms.rd
        result.platforms = platforms
        result.brokers = brokers
        result.contracts = contracts
        result.contractsUndated = contractsUndated
        result.contractsLater = contractsLater
        return result
    }
}
