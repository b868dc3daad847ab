import LadderCore

/// Reads given one part (an imported file, as an import returns it): each reads the whole snapshot of
/// that part's export date, as the ``DatedSnapshot`` variants do.
extension RegistryStore {
    /// See ``forEachEnterprise(in:_:)-(DatedSnapshot,_)``: the snapshot of the part's date.
    public func forEachEnterprise(in part: Snapshot, _ body: (Enterprise) throws -> Void) throws {
        try forEachEnterprise(in: dated(containing: part), body)
    }

    /// The firms of the snapshot of the part's date.
    public func enterprises(in part: Snapshot) throws -> [Enterprise] { try enterprises(in: dated(containing: part)) }

    /// One firm of the snapshot of the part's date.
    public func enterprise(id: String, in part: Snapshot) throws -> Enterprise? {
        try enterprise(id: id, in: dated(containing: part))
    }

    /// The platforms of the snapshot of the part's date.
    public func platforms(in part: Snapshot) throws -> [Platform] { try platforms(in: dated(containing: part)) }

    /// The contracts of the snapshot of the part's date.
    public func contracts(in part: Snapshot) throws -> [TechContract] { try contracts(in: dated(containing: part)) }

    /// The brokers of the snapshot of the part's date.
    public func brokers(in part: Snapshot) throws -> [Broker] { try brokers(in: dated(containing: part)) }

    /// The rejected records of one part's file only.
    public func rejectedRecords(in part: Snapshot) throws -> [RejectedRecord] {
        try rejectedRecords(in: DatedSnapshot(exportedAt: part.exportedAt, parts: [part]))
    }

    /// Firm classes of the snapshot of the part's date.
    public func firmClassCounts(
        in part: Snapshot, on date: Day? = nil, groupBy column: FirmGroupColumn = .district, withVerdicts: Bool = false
    ) throws -> [FirmClassCount] {
        try firmClassCounts(in: dated(containing: part), on: date, groupBy: column, withVerdicts: withVerdicts)
    }

    /// R&D totals of the snapshot of the part's date.
    public func researchTotals(in part: Snapshot) throws -> [Int: (total: Money, firmsReporting: Int)] {
        try researchTotals(in: dated(containing: part))
    }

    /// The latest R&D total of the snapshot of the part's date.
    public func latestResearchTotal(in part: Snapshot, upTo year: Int, lookback: Int = 9) throws
        -> (year: Int, total: Money, firmsReporting: Int)?
    {
        try latestResearchTotal(in: dated(containing: part), upTo: year, lookback: lookback)
    }

    /// Contract turnover of the snapshot of the part's date.
    public func contractTotals(in part: Snapshot, on date: Day) throws -> ContractTotals {
        try contractTotals(in: dated(containing: part), on: date)
    }

    /// Stored verdicts of the snapshot of the part's date.
    public func assessmentCoverage(in part: Snapshot) throws -> AssessmentCoverage {
        try assessmentCoverage(in: dated(containing: part))
    }

    /// Certified rungs of the snapshot of the part's date.
    public func certifiedTierCounts(in part: Snapshot, on date: Day? = nil, activeOnly: Bool = true) throws
        -> [CertifiedTierCount]
    {
        try certifiedTierCounts(in: dated(containing: part), on: date, activeOnly: activeOnly)
    }

    /// A finance figure summed over the snapshot of the part's date.
    public func financeTotal(_ figure: FinanceFigure, year: Int, in part: Snapshot) throws -> FinanceTotal {
        try financeTotal(figure, year: year, in: dated(containing: part))
    }

    /// The verdicts of the snapshot of the part's date.
    public func assessments(in part: Snapshot) throws -> [Assessment] { try assessments(in: dated(containing: part)) }

    /// Replaces the verdicts of the snapshot of the part's date.
    @discardableResult
    public func replaceAssessments(in part: Snapshot, _ body: (AssessmentWriter) throws -> Void) throws -> Int {
        try replaceAssessments(in: dated(containing: part), body)
    }
}
