import LadderCore

/// One rung's evaluation of a firm, kept so that probes of the firm with something changed
/// re-evaluate only the steps the change reaches (`Ladder.probe(from:editing:)`).
/// A step's kind and whether its points count in the total (`RuleVersion.stepKinds`).
struct StepKind: BitwiseCopyable {
    var kind: CriterionKind
    var inTotal: Bool
}

final class RungRecord {
    /// Each step's verdict, points (scores) and what it needed, in document order (measures: unused).
    let verdicts: [Verdict]
    let points: [Interval]
    let missing: [UInt64]
    /// The slots as the last step left them (each slot has one writer, its own step).
    let slots: [Slot]
    let probe: RungProbe

    init(verdicts: [Verdict], points: [Interval], missing: [UInt64], slots: [Slot], probe: RungProbe) {
        self.verdicts = verdicts
        self.points = points
        self.missing = missing
        self.slots = slots
        self.probe = probe
    }
}

extension Rulebook {
    /// `probe`, keeping every step's result.
    func record(_ state: inout EvalState, version: RuleVersion?) -> RungRecord {
        guard let version else {
            let probe = RungProbe(verdict: .undetermined, failingConditions: 0, failingPass: 0, score: nil)
            return RungRecord(verdicts: [], points: [], missing: [], slots: [], probe: probe)
        }
        begin(&state, version: version)
        var outcome = OutcomeBuilder()
        let count = version.steps.count
        var verdicts = [Verdict](repeating: .unknown, count: count)
        var points = [Interval](repeating: .zero, count: count)
        var missing = [UInt64](repeating: 0, count: count)
        for index in 0..<count {
            let step = version.steps[index]
            guard let result = evaluateStep(step, &state, version: version) else { continue }
            verdicts[index] = result.verdict
            points[index] = result.points ?? .zero
            missing[index] = state.missing
            outcome.add(step.kind, inTotal: step.inTotal, verdict: result.verdict, points: result.points, index: index,
                        state: &state)
        }
        var slots: [Slot] = []
        slots.reserveCapacity(version.slotCount)
        for slot in 0..<version.slotCount { slots.append(state.slots[slot]) }
        return RungRecord(verdicts: verdicts, points: points, missing: missing, slots: slots,
                          probe: probe(outcome.finish(), state))
    }

    /// `probe` of a changed firm loaded in `state`, re-evaluating only the steps in `reached` (one bit
    /// per index) and taking the others' results from `record`, made from the firm before the change.
    func probe(_ state: inout EvalState, version: RuleVersion?, reusing record: RungRecord, reached: UInt64) -> RungProbe {
        guard let version, reached != 0 else { return record.probe }
        // One bit per step: a longer version is evaluated whole.
        if version.steps.count > 64 { return probe(&state, version: version) }
        begin(&state, version: version)
        // The slots the re-evaluated steps read are the base firm's, unless a re-evaluated step writes them first.
        var read: UInt64 = 0
        for index in 0..<version.steps.count where reached & (1 << UInt64(index)) != 0 {
            read |= version.stepInputs[index].slots
        }
        for slot in record.slots.indices where read & StepInputs.bit(slot) != 0 { state.slots[slot] = record.slots[slot] }
        var outcome = OutcomeBuilder()
        for index in 0..<version.steps.count {
            if reached & (1 << UInt64(index)) != 0 {
                let step = version.steps[index]
                guard let result = evaluateStep(step, &state, version: version) else { continue }
                outcome.add(step.kind, inTotal: step.inTotal, verdict: result.verdict, points: result.points, index: index,
                            state: &state)
            } else if case let step = version.stepKinds[index], step.kind != .measure {
                state.missing = record.missing[index]
                outcome.add(step.kind, inTotal: step.inTotal, verdict: record.verdicts[index],
                            points: record.points[index], index: index, state: &state)
            }
        }
        return probe(outcome.finish(), state)
    }

    func probe(_ outcome: RungOutcome, _ state: borrowing EvalState) -> RungProbe {
        RungProbe(verdict: outcome.verdict, failingConditions: outcome.failingConditions,
                  failingPass: outcome.failingPass, score: outcome.scored ? state.total : nil)
    }
}

/// A firm probed on one rung with every step's result kept (`Ladder.probeBase`), for probing it again
/// with something changed (`FirmEdit`).
public final class ProbeBase {
    let firm: Enterprise
    /// `firm`'s tax method and registration date, put back after each edit without copying the firm.
    let taxAssessment: TaxAssessment?
    let registeredOn: Day?
    let tier: Tier
    let asOf: Day
    /// Per rulebook (by index in `Ladder.rulebooks`): its record, when the rung was evaluated.
    let records: [RungRecord?]
    /// The rung's probe, as `Ladder.probe` gives it.
    public let probe: RungProbe?

    /// The steps each kind of edit reaches, by rung (`RuleVersion.stepsReached`): a search edits the same
    /// few fields again and again, at other amounts. A short list, searched in order (cheaper than hashing).
    private var reachedSteps: [(rulebook: Int, inputs: FirmFacts, rungs: UInt64, steps: UInt64)] = []

    func reached(_ rulebook: Int, _ inputs: FirmFacts, _ rungs: UInt64, _ make: () -> UInt64) -> UInt64 {
        for known in reachedSteps where known.rulebook == rulebook && known.rungs == rungs && known.inputs == inputs {
            return known.steps
        }
        let made = make()
        reachedSteps.append((rulebook, inputs, rungs, made))
        return made
    }

    init(firm: Enterprise, tier: Tier, asOf: Day, records: [RungRecord?], probe: RungProbe?) {
        self.firm = firm
        taxAssessment = firm.taxAssessment
        registeredOn = firm.registeredOn
        self.tier = tier
        self.asOf = asOf
        self.records = records
        self.probe = probe
    }
}
