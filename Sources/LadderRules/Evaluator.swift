import LadderCore
import XMLStream

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
        let outcome = evaluate(&state, version: version, results: &none)
        return RungProbe(verdict: outcome.verdict, failingConditions: outcome.failingConditions,
                         failingPass: outcome.failingPass, score: outcome.scored ? state.total : nil)
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
        state.ensure(slots: version.slotCount)
        state.use(version.program)
        let dataYear = Rulebook.dataYear(rule: version.dataYearRule, state: state)
        state.dataYear = dataYear
        state.firstYear = state.enterprise.registeredOn?.year
        state.total = .zero
        state.totalMissing = 0
        state.flags = 0
        let keepsEvidence = state.keepsEvidence
        var conditions = Verdict.pass
        var passMark: Verdict?
        var routes = Verdict.fail
        var firstRoute: Int?
        var hasRoutes = false
        var scored = false
        var missing: UInt64 = 0
        var failingConditions = 0, failingPass = 0
        for index in 0..<version.steps.count {
            let step = version.steps[index]
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
                continue
            }
            var verdict = Verdict.unknown
            var value: Interval?
            var threshold: Interval?
            var points: Interval?
            var band: Int?
            var needed: UInt64 = 0
            if step.kind == .score {
                scored = true
                // Points: the hull of the points of every band the value can fall in (or of the `when`
                // bands whose test can hold, first match wins), clamped to `[0, max]`; the band shown is
                // the one the value falls in, when exactly one. (Written in the loop: eight scores per
                // rung of every firm, and a call each cost more than its bands.)
                if let pointsExpression = step.pointsExpression {
                    points = state.number(pointsExpression)
                    if let valueExpression = step.value { value = state.number(valueExpression) }
                } else {
                    var x = Interval.zero
                    if let valueExpression = step.value { x = state.number(valueExpression) }
                    value = x
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
                points = total
                state.slots[slot].points = total
                state.slots[slot].pointsMissing = state.missing
                if step.inTotal {
                    state.total = state.total + total
                    state.totalMissing |= state.missing
                }
                verdict = total.hi <= 0 ? .fail : (total.lo > 0 ? .pass : .unknown)
                if !total.isPoint || verdict == .unknown { needed = state.missing }
            } else {
                if let valueExpression = step.value, let thresholdExpression = step.threshold {
                    let v = state.number(valueExpression)
                    let t = state.number(thresholdExpression)
                    value = v
                    threshold = t
                    if step.comparisonIsWhole, let comparator = step.comparator {
                        verdict = comparator.compare(v, t)
                    } else if let test = step.test {
                        verdict = state.truth(test)
                    }
                } else if let test = step.test {
                    verdict = state.truth(test)
                }
                if verdict == .unknown {
                    needed = state.missing
                    missing |= state.missing
                }
                switch step.kind {
                case .gate, .prerequisite:
                    conditions = conditions.and(verdict)
                    if verdict == .fail { failingConditions += 1 }
                case .pass:
                    passMark = (passMark ?? .pass).and(verdict)
                    if verdict == .fail { failingPass += 1 }
                case .route:
                    hasRoutes = true
                    routes = routes.or(verdict)
                    if verdict == .pass && firstRoute == nil { firstRoute = index }
                case .measure, .score: break
                }
            }
            // Only audits keep the evidence: a result holds its criterion.
            if keepsEvidence {
                results.append(CriterionResult(criterion: version.criteria[index], verdict: verdict, value: value,
                                               threshold: threshold, points: points, band: band,
                                               missing: MissingFields(bits: needed)))
            }
        }
        var alternatives = routes
        if let passMark { alternatives = alternatives.or(passMark) } else if !hasRoutes { alternatives = .pass }
        return RungOutcome(verdict: TierVerdict(conditions.and(alternatives)), scored: scored, firstRoute: firstRoute,
                           passMark: passMark, missing: missing, failingConditions: failingConditions,
                           failingPass: failingPass)
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
