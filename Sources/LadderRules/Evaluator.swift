import LadderCore
import XMLStream

/// One step's result (see `Rulebook.evaluateStep`).
struct StepResult {
    var verdict = Verdict.unknown
    var value: Interval?
    var threshold: Interval?
    var points: Interval?
    var band: Int?
    /// Facts the result needed and did not find (for an unknown verdict or a range of points).
    var needed: UInt64 = 0
}

/// Folds steps' results, in document order, into the rung's outcome: gates and prerequisites all
/// hold, and the pass mark or any route; scores add up to the total.
struct OutcomeBuilder {
    var conditions = Verdict.pass
    var passMark: Verdict?
    var routes = Verdict.fail
    var firstRoute: Int?
    var hasRoutes = false
    var scored = false
    var missing: UInt64 = 0
    var failingConditions = 0, failingPass = 0

    /// Adds a step's result; `state.missing` holds what the step needed.
    @inline(__always)
    mutating func add(_ kind: CriterionKind, inTotal: Bool, verdict: Verdict, points: Interval?, index: Int,
                      state: inout EvalState) {
        switch kind {
        case .score:
            scored = true
            if inTotal, let points {
                state.total = state.total + points
                state.totalMissing |= state.missing
            }
        case .gate, .prerequisite:
            if verdict == .unknown { missing |= state.missing }
            conditions = conditions.and(verdict)
            if verdict == .fail { failingConditions += 1 }
        case .pass:
            if verdict == .unknown { missing |= state.missing }
            passMark = (passMark ?? .pass).and(verdict)
            if verdict == .fail { failingPass += 1 }
        case .route:
            if verdict == .unknown { missing |= state.missing }
            hasRoutes = true
            routes = routes.or(verdict)
            if verdict == .pass && firstRoute == nil { firstRoute = index }
        case .measure: break
        }
    }

    func finish() -> RungOutcome {
        var alternatives = routes
        if let passMark { alternatives = alternatives.or(passMark) } else if !hasRoutes { alternatives = .pass }
        return RungOutcome(verdict: TierVerdict(conditions.and(alternatives)), scored: scored, firstRoute: firstRoute,
                           passMark: passMark, missing: missing, failingConditions: failingConditions,
                           failingPass: failingPass)
    }
}

/// What evaluating a version's criteria decided (see `Rulebook.evaluate`).
struct RungOutcome {
    var verdict: TierVerdict
    /// Whether the version has scores (the total is then in `EvalState.total`).
    var scored: Bool
    /// The index of the first route that passed, if any.
    var firstRoute: Int?
    /// The pass mark's verdict, when the version has one.
    var passMark: Verdict?
    /// Facts whose absence left criteria unknown.
    var missing: UInt64
    /// Gates and prerequisites that fail, and pass marks that fail.
    var failingConditions = 0, failingPass = 0
}

extension Rulebook {
    /// Assesses the firm loaded in `state` against the version in force on `state.asOf`.
    ///
    /// The tier verdict is: all gates and prerequisites, and (the pass mark or any route), in
    /// three-valued logic. Criteria are evaluated once, in document order.
    func assess(_ state: inout EvalState, version: RuleVersion?) -> TierAssessment {
        guard let version else {
            return TierAssessment(tier: tier, rulebook: self, version: nil, verdict: .undetermined, score: nil,
                                  route: nil, criteria: [], missing: MissingFields(), dataYear: state.asOf.year - 1,
                                  flags: 0)
        }
        var results: [CriterionResult] = []
        if state.keepsEvidence { results.reserveCapacity(version.criteria.count) }
        let outcome = evaluate(&state, version: version, results: &results)
        var route: String?
        if outcome.verdict == .qualified {
            route = outcome.firstRoute.map { version.criteria[$0].id }
                ?? (outcome.passMark == .pass ? "score" : "conditions")
        }
        return TierAssessment(tier: tier, rulebook: self, version: version, verdict: outcome.verdict,
                              score: outcome.scored ? state.total : nil, route: route, criteria: results,
                              missing: MissingFields(bits: outcome.verdict == .undetermined ? outcome.missing : 0),
                              dataYear: state.dataYear, flags: state.flags)
    }

    /// What a search reads of the rung (`Ladder.probe`): `assess` without building the assessment.
    func probe(_ state: inout EvalState, version: RuleVersion?) -> RungProbe {
        guard let version else { return RungProbe(verdict: .undetermined, failingConditions: 0, failingPass: 0, score: nil) }
        var none: [CriterionResult] = []
        return probe(evaluate(&state, version: version, results: &none), state)
    }

    /// The tier verdict alone (what a tally needs): `assess` without building the assessment.
    func verdict(_ state: inout EvalState, version: RuleVersion?) -> TierVerdict {
        guard let version else { return .undetermined }
        var none: [CriterionResult] = []
        return evaluate(&state, version: version, results: &none).verdict
    }

    /// Evaluates every criterion of `version` in document order, appending each one's result to
    /// `results` when `state.keepsEvidence`.
    private func evaluate(_ state: inout EvalState, version: RuleVersion, results: inout [CriterionResult]) -> RungOutcome {
        begin(&state, version: version)
        var outcome = OutcomeBuilder()
        let keepsEvidence = state.keepsEvidence
        for index in 0..<version.steps.count {
            let step = version.steps[index]
            guard let result = evaluateStep(step, &state, version: version) else { continue }
            outcome.add(step.kind, inTotal: step.inTotal, verdict: result.verdict, points: result.points, index: index,
                        state: &state)
            // Only audits keep the evidence: a result holds its criterion.
            if keepsEvidence {
                results.append(CriterionResult(criterion: version.criteria[index], verdict: result.verdict,
                                               value: result.value, threshold: result.threshold, points: result.points,
                                               band: result.band, missing: MissingFields(bits: result.needed)))
            }
        }
        return outcome.finish()
    }

    /// Sets up `state` for evaluating `version`'s steps from the first.
    func begin(_ state: inout EvalState, version: RuleVersion) {
        state.ensure(slots: version.slotCount)
        state.use(version.program)
        state.dataYear = Rulebook.dataYear(rule: version.dataYearRule, state: state)
        state.firstYear = state.registeredOn?.year
        state.total = .zero
        state.totalMissing = 0
        state.flags = 0
    }

    /// Evaluates one step: a measure fills its slot (nil is returned), a score its points slot.
    @inline(__always)
    func evaluateStep(_ step: CriterionStep, _ state: inout EvalState, version: RuleVersion) -> StepResult? {
        state.missing = 0
        let slot = step.slot
        if step.kind == .measure {
            if let test = step.test {
                state.slots[slot].truth = state.truth(test)
            } else if let value = step.value {
                state.slots[slot].number = state.number(value)
            }
            state.slots[slot].missing = state.missing
            state.slots[slot].flags = 0
            return nil
        }
        var result = StepResult()
        if step.kind == .score {
            // Points: the hull of the points of every band the value can fall in (or of the `when`
            // bands whose test can hold, first match wins), clamped to `[0, max]`; the band shown is
            // the one the value falls in, when exactly one. (Written in the loop: eight scores per
            // rung of every firm, and a call each cost more than its bands.)
            var points: Interval?
            var band: Int?
            if let pointsExpression = step.pointsExpression {
                points = state.number(pointsExpression)
                if let valueExpression = step.value { result.value = state.number(valueExpression) }
            } else {
                var x = Interval.zero
                if let valueExpression = step.value { x = state.number(valueExpression) }
                result.value = x
                var matched = 0
                for index in 0..<step.bandCount {
                    let test = version.bandTests[step.firstBand + index]
                    if let when = test.when {
                        let holds = state.truth(when)
                        if holds == .fail { continue }
                        points = points.map { $0.hull(test.points) } ?? test.points
                        matched += 1
                        if band == nil { band = index }
                        if holds == .pass { break }
                    } else if test.intersects(x) {
                        points = points.map { $0.hull(test.points) } ?? test.points
                        matched += 1
                        band = index
                    }
                }
                if matched != 1 { band = nil }
            }
            var total = points ?? .zero
            if let maxPoints = step.maxPoints { total = total.clamped(0, maxPoints) }
            result.points = total
            result.band = band
            state.slots[slot].points = total
            state.slots[slot].pointsMissing = state.missing
            result.verdict = total.hi <= 0 ? .fail : (total.lo > 0 ? .pass : .unknown)
            if !total.isPoint || result.verdict == .unknown { result.needed = state.missing }
            return result
        }
        if let valueExpression = step.value, let thresholdExpression = step.threshold {
            let v = state.number(valueExpression)
            let t = state.number(thresholdExpression)
            result.value = v
            result.threshold = t
            if step.comparisonIsWhole, let comparator = step.comparator {
                result.verdict = comparator.compare(v, t)
            } else if let test = step.test {
                result.verdict = state.truth(test)
            }
        } else if let test = step.test {
            result.verdict = state.truth(test)
        }
        if result.verdict == .unknown { result.needed = state.missing }
        return result
    }

    /// The accounting year whose figures count, by the version's `data-year` setting:
    /// `previous` (the year before the as-of year), `current`, or `latest-before` (the latest year on
    /// record before the as-of year, else the previous year).
    static func dataYear(rule: String, state: borrowing EvalState) -> Int {
        dataYear(rule: rule, finance: state.enterprise.finance, asOf: state.asOf)
    }

    static func dataYear(rule: String, finance: [FinanceYear], asOf: Day) -> Int {
        switch rule {
        case "current": return asOf.year
        case "latest-before":
            var best: Int?
            for record in finance where record.year < asOf.year {
                best = max(best ?? record.year, record.year)
            }
            return best ?? asOf.year - 1
        default: return asOf.year - 1
        }
    }
}

/// A top-level comparison of a criterion, decoded once from its symbol (`≥`, `>`, `≤`, `<`, `=`, `≠`).
@usableFromInline enum Comparator: Sendable, BitwiseCopyable {
    case atLeast, above, atMost, below, equal, notEqual

    init(symbol: String) {
        switch symbol {
        case "≥": self = .atLeast
        case ">": self = .above
        case "≤": self = .atMost
        case "<": self = .below
        case "=": self = .equal
        default: self = .notEqual
        }
    }

    func compare(_ a: Interval, _ b: Interval) -> Verdict {
        switch self {
        case .atLeast: a.ge(b)
        case .above: a.gt(b)
        case .atMost: b.ge(a)
        case .below: b.gt(a)
        case .equal: a.eq(b)
        case .notEqual: a.eq(b).negated
        }
    }
}
