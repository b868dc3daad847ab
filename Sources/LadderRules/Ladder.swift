import LadderCore

/// The ladder: one rulebook per rung, assessed in rung order (so a rung can require a lower one).
///
/// ```swift
/// let ladder = try Ladder.load(directory: "Rules")
/// let assessment = ladder.assess(firm, asOf: exportDate)
/// ```
/// A `Ladder` reuses scratch space between firms, so it is not `Sendable`: each thread makes its own
/// (`copy()`, or `WorkerLadder` for `@Sendable` work); the rulebooks themselves are immutable and shared.
public final class Ladder {
    /// The rulebooks in rung order.
    public let rulebooks: [Rulebook]
    private var state = EvalState(slots: 16)
    private var cachedDate: Day?
    private var cachedVersions: [RuleVersion?] = []
    /// The base whose firm `state` holds (`probe(from:editing:)`), or nil.
    private var loadedBase: ProbeBase?

    /// Creates a ladder from loaded rulebooks (sorted by rung).
    public init(rulebooks: [Rulebook]) {
        self.rulebooks = rulebooks.sorted { $0.tier < $1.tier }
    }

    /// Loads every `*.xml` rulebook in a directory (not its subdirectories, so `schema/` is skipped).
    /// - Throws: `RulebookError` with file, line and column for the first invalid rulebook.
    public static func load(directory: String) throws(RulebookError) -> Ladder {
        Ladder(rulebooks: try RulebookLoader.loadDirectory(directory))
    }

    /// A fresh ladder over the same rulebooks (for another thread).
    public func copy() -> Ladder { Ladder(rulebooks: rulebooks) }

    /// The rulebook of a rung.
    public func rulebook(for tier: Tier) -> Rulebook? { rulebooks.first { $0.tier == tier } }

    /// The rulebook with an id.
    public func rulebook(id: String) -> Rulebook? { rulebooks.first { $0.id == id } }

    /// Assesses a firm on every rung (or only up to `tiers`) on a date.
    ///
    /// - Parameters:
    ///   - firm: the firm as imported.
    ///   - asOf: the assessment date: picks the rule version, the valid certificates and the data year.
    ///   - tiers: the rungs to report (lower rungs a prerequisite needs are still evaluated).
    ///   - evidence: keep every criterion's result (audits); `false` keeps only the verdicts, scores
    ///     and missing fields, which is all a tally needs and allocates far less.
    /// - Returns: every criterion's evidence per rung, the certified and the eligible rung.
    public func assess(_ firm: Enterprise, asOf: Day, tiers: Set<Tier>? = nil, evidence: Bool = true) -> FirmAssessment {
        prepare(asOf: asOf, evidence: evidence)
        var rungs: [TierAssessment] = []
        rungs.reserveCapacity(rulebooks.count)
        var eligible: Tier?
        let highest = tiers?.max()
        let versions = cachedVersions
        state.assessing(firm) { state in
            for (index, rulebook) in rulebooks.enumerated() {
                if let highest, rulebook.tier > highest { break }
                let assessment = rulebook.assess(&state, version: versions[index])
                state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(assessment.verdict)
                if assessment.verdict == .qualified { eligible = max(eligible ?? rulebook.tier, rulebook.tier) }
                if tiers?.contains(rulebook.tier) ?? true { rungs.append(assessment) }
            }
        }
        return FirmAssessment(id: firm.id, name: firm.name, district: firm.district, asOf: asOf,
                              certified: firm.certifiedTier(on: asOf), eligible: eligible, rungs: rungs)
    }

    /// The verdict on every rung and the eligible rung, as `assess(firm, asOf: asOf, evidence: false)`
    /// decides them, without building the assessments (a tally reads nothing else).
    public func verdicts(_ firm: Enterprise, asOf: Day) -> RungVerdicts {
        prepare(asOf: asOf, evidence: false)
        var result = RungVerdicts()
        let versions = cachedVersions
        state.assessing(firm) { state in
            for (index, rulebook) in rulebooks.enumerated() {
                let verdict = rulebook.verdict(&state, version: versions[index])
                state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(verdict)
                result.record(verdict, on: rulebook.tier)
            }
        }
        return result
    }

    /// One rung's assessment, as `assess(firm, asOf: asOf, tiers: [tier])[tier]` gives it, evaluating
    /// below it only the rungs it reads, for their verdicts alone (a near-miss search asks this for
    /// every step it takes).
    public func assess(_ firm: Enterprise, asOf: Day, tier: Tier) -> TierAssessment? {
        prepare(asOf: asOf, evidence: true)
        let versions = cachedVersions
        let needed = rungsNeeded(for: tier, versions)
        var result: TierAssessment?
        state.assessing(firm) { state in
            for (index, rulebook) in rulebooks.enumerated() where needed & (1 << UInt64(rulebook.tier.rung)) != 0 {
                if rulebook.tier == tier {
                    state.keepsEvidence = true
                    let assessment = rulebook.assess(&state, version: versions[index])
                    state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(assessment.verdict)
                    result = assessment
                } else {
                    state.keepsEvidence = false
                    let verdict = rulebook.verdict(&state, version: versions[index])
                    state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(verdict)
                }
            }
        }
        return result
    }

    /// The rungs (one bit per `Tier.rung`) to evaluate for `tier` alone: itself and, below it, the rungs
    /// it reads (e.g. leading's eligible('high-tech')), directly or through a rung read.
    private func rungsNeeded(for tier: Tier, _ versions: [RuleVersion?]) -> UInt64 {
        var needed: UInt64 = 1 << UInt64(tier.rung)
        for index in rulebooks.indices.reversed() {
            let rung = UInt64(rulebooks[index].tier.rung)
            guard rulebooks[index].tier <= tier, needed & (1 << rung) != 0, let version = versions[index] else { continue }
            needed |= version.program.rungsRead & ((1 << rung) - 1)  // the rungs below it that it reads
        }
        return needed
    }

    /// One rung as `assess(firm, asOf: asOf, tiers: [tier])[tier]` decides it — verdict, failing
    /// conditions and pass marks, score — without building any assessment (a near-miss search asks
    /// this thousands of times per firm). Lower rungs are evaluated for their verdicts only.
    public func probe(_ firm: Enterprise, asOf: Day, tier: Tier) -> RungProbe? {
        prepare(asOf: asOf, evidence: false)
        var result: RungProbe?
        // The rungs below matter only when read: a rung no one reads is not evaluated (its verdict would
        // reach nothing).
        let versions = cachedVersions
        let needed = rungsNeeded(for: tier, versions)
        state.assessing(firm) { state in
            for (index, rulebook) in rulebooks.enumerated() where needed & (1 << UInt64(rulebook.tier.rung)) != 0 {
                if rulebook.tier == tier {
                    let probe = rulebook.probe(&state, version: versions[index])
                    state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(probe.verdict)
                    result = probe
                } else {
                    let verdict = rulebook.verdict(&state, version: versions[index])
                    state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(verdict)
                }
            }
        }
        return result
    }

    /// `probe(firm, asOf:, tier:)`, keeping every step's result for `probe(from:editing:)`.
    public func probeBase(_ firm: Enterprise, asOf: Day, tier: Tier) -> ProbeBase {
        prepare(asOf: asOf, evidence: false)
        let versions = cachedVersions
        let needed = rungsNeeded(for: tier, versions)
        var records = [RungRecord?](repeating: nil, count: rulebooks.count)
        var result: RungProbe?
        state.assessing(firm) { state in
            for (index, rulebook) in rulebooks.enumerated() where needed & (1 << UInt64(rulebook.tier.rung)) != 0 {
                let record = rulebook.record(&state, version: versions[index])
                state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(record.probe.verdict)
                records[index] = record
                if rulebook.tier == tier { result = record.probe }
            }
        }
        let base = ProbeBase(firm: firm, tier: tier, asOf: asOf, records: records, probe: result)
        loadedBase = base  // `state` holds its firm
        return base
    }

    /// `probe(edit.applied(to: base.firm), asOf: base.asOf, tier: base.tier)`, without making the changed
    /// firm: the edit is written over the base firm's loaded figures, and the steps it cannot reach keep
    /// their results from `base`.
    public func probe(from base: ProbeBase, editing edit: FirmEdit) -> RungProbe? {
        if loadedBase !== base {
            prepare(asOf: base.asOf, evidence: false)
            state.load(base.firm)
            loadedBase = base
        }
        let versions = cachedVersions
        // One access to `state` for the whole probe (each access to a class's property is checked).
        return Ladder.probe(&state, rulebooks: rulebooks, versions: versions, from: base, editing: edit)
    }

    private static func probe(_ state: inout EvalState, rulebooks: [Rulebook], versions: [RuleVersion?],
                              from base: ProbeBase, editing edit: FirmEdit) -> RungProbe? {
        var fields: UInt32 = 0
        switch edit {
        case .year(let year):
            guard let changed = state.overwrite(year) else { return nil }
            fields = changed
        case .ip(let holding): state.extraIP = holding
        case .certification(let certification): state.extraCertification = certification
        case .taxAssessment(let tax): state.taxAssessment = tax
        case .registeredOn(let day): state.registeredOn = day
        }
        defer {
            // Back to the base firm, for the next edit.
            state.restoreRow()
            if state.extraIP != nil { state.extraIP = nil }
            if case .some = state.extraCertification { state.extraCertification = nil }
            state.taxAssessment = base.taxAssessment
            state.registeredOn = base.registeredOn
        }
        let change = FirmFacts(edit, fields: fields)
        var result: RungProbe?
        var changedRungs: UInt64 = 0  // rungs whose verdict the edit altered
        for (index, rulebook) in rulebooks.enumerated() {
            guard let record = base.records[index] else { continue }
            let version = versions[index]
            // Steps the edit reaches (all, for a version of more than 64 steps).
            let reached = version.map { version in
                base.reached(index, change, changedRungs) { version.stepsReached(by: change, rungs: changedRungs) ?? ~0 }
            } ?? 0
            let probe = rulebook.probe(&state, version: version, reusing: record, reached: reached)
            state.tierVerdicts[rulebook.tier.rung - 1] = Ladder.verdict(probe.verdict)
            if probe.verdict != record.probe.verdict { changedRungs |= 1 << UInt64(rulebook.tier.rung) }
            if rulebook.tier == base.tier { result = probe }
        }
        return result
    }

    private func prepare(asOf: Day, evidence: Bool) {
        loadedBase = nil  // every caller loads its firm
        state.keepsEvidence = evidence
        if cachedDate != asOf {
            cachedDate = asOf
            cachedVersions = rulebooks.map { $0.version(on: asOf) }
        }
        state.asOf = asOf
        for rung in state.tierVerdicts.indices { state.tierVerdicts[rung] = nil }
    }

    static func verdict(_ tier: TierVerdict) -> Verdict {
        switch tier {
        case .qualified: .pass
        case .notQualified: .fail
        case .undetermined: .unknown
        }
    }
}
