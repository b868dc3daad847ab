import LadderCore

extension Rulebook {
    /// Assesses the firm loaded in `state` against the version in force on `state.asOf`.
    ///
    /// The tier verdict is: all gates and prerequisites, and (the pass mark or any route), in
    /// three-valued logic. Criteria are evaluated once, in document order.
    func assess(_ state: EvalState, version: RuleVersion?) -> TierAssessment {
        guard let version else {
            return TierAssessment(tier: tier, rulebook: self, version: nil, verdict: .undetermined, score: nil,
                                  route: nil, criteria: [], missing: MissingFields(), dataYear: state.asOf.year - 1,
                                  flags: 0)
        }
        state.ensure(slots: version.slotCount)
        state.dataYear = Rulebook.dataYear(rule: version.dataYearRule, state: state)
        state.firstYear = state.enterprise.registeredOn?.year
        state.total = .zero
        state.totalMissing = 0
        state.flags = 0
        var results: [CriterionResult] = []
        if state.keepsEvidence { results.reserveCapacity(version.criteria.count) }
        var conditions = Verdict.pass
        var passMark: Verdict?
        var routes = Verdict.fail
        var firstRoute: String?
        var hasRoutes = false
        var scored = false
        var missing: UInt64 = 0
        for criterion in version.criteria {
            state.missing = 0
            let slot = criterion.slot
            if criterion.kind == .measure {
                if let test = criterion.test {
                    state.measureTruths[slot] = test(state)
                } else if let value = criterion.value {
                    state.measureNumbers[slot] = value(state)
                }
                state.measureMissing[slot] = state.missing
                state.measureFlags[slot] = 0
                continue
            }
            var result = CriterionResult(criterion: criterion, verdict: .unknown, value: nil, threshold: nil,
                                         points: nil, band: nil, missing: MissingFields())
            if criterion.kind == .score {
                scored = true
                score(criterion, state: state, into: &result)
                let points = result.points ?? .zero
                state.points[slot] = points
                state.pointsMissing[slot] = state.missing
                if criterion.inTotal {
                    state.total = state.total + points
                    state.totalMissing |= state.missing
                }
                result.verdict = points.hi <= 0 ? .fail : (points.lo > 0 ? .pass : .unknown)
                if !points.isPoint || result.verdict == .unknown { result.missing = MissingFields(bits: state.missing) }
                if state.keepsEvidence { results.append(consume result) }
                continue
            }
            if let value = criterion.value, let threshold = criterion.threshold {
                let v = value(state)
                let t = threshold(state)
                result.value = v
                result.threshold = t
                if criterion.comparisonIsWhole, let comparator = criterion.comparator {
                    result.verdict = comparator.compare(v, t)
                } else if let test = criterion.test {
                    result.verdict = test(state)
                }
            } else if let test = criterion.test {
                result.verdict = test(state)
            }
            if result.verdict == .unknown {
                result.missing = MissingFields(bits: state.missing)
                missing |= state.missing
            }
            switch criterion.kind {
            case .gate, .prerequisite: conditions = conditions.and(result.verdict)
            case .pass: passMark = (passMark ?? .pass).and(result.verdict)
            case .route:
                hasRoutes = true
                routes = routes.or(result.verdict)
                if result.verdict == .pass && firstRoute == nil { firstRoute = criterion.id }
            case .measure, .score: break
            }
            // Moved, not copied: a copy would retain (and later release) the criterion.
            if state.keepsEvidence { results.append(consume result) }
        }
        var alternatives = routes
        if let passMark { alternatives = alternatives.or(passMark) } else if !hasRoutes { alternatives = .pass }
        let verdict = TierVerdict(conditions.and(alternatives))
        var route: String?
        if verdict == .qualified { route = firstRoute ?? (passMark == .pass ? "score" : "conditions") }
        return TierAssessment(tier: tier, rulebook: self, version: version, verdict: verdict,
                              score: scored ? state.total : nil, route: route, criteria: results,
                              missing: MissingFields(bits: verdict == .undetermined ? missing : 0),
                              dataYear: state.dataYear, flags: state.flags)
    }

    /// Points for a score: the hull of the points of every band the value can fall in (or of the
    /// `when` bands whose test can hold, first match wins), clamped to `[0, max]`.
    private func score(_ criterion: Criterion, state: EvalState, into result: inout CriterionResult) {
        var points: Interval?
        if let expression = criterion.pointsExpression {
            points = expression(state)
            result.value = criterion.value?(state)
        } else {
            let x = criterion.value?(state) ?? .zero
            result.value = x
            var matched = 0
            for (index, band) in criterion.bands.enumerated() {
                if let when = band.when {
                    let verdict = when(state)
                    if verdict == .fail { continue }
                    points = points.map { $0.hull(band.points) } ?? band.points
                    matched += 1
                    if result.band == nil { result.band = index }
                    if verdict == .pass { break }
                } else if band.intersects(x) {
                    points = points.map { $0.hull(band.points) } ?? band.points
                    matched += 1
                    result.band = index
                }
            }
            if matched != 1 { result.band = nil }
        }
        var total = points ?? .zero
        if let max = criterion.maxPoints { total = total.clamped(0, max) }
        result.points = total
    }

    /// The accounting year whose figures count, by the version's `data-year` setting:
    /// `previous` (the year before the as-of year), `current`, or `latest-before` (the latest year on
    /// record before the as-of year, else the previous year).
    static func dataYear(rule: String, state: EvalState) -> Int {
        switch rule {
        case "current": return state.asOf.year
        case "latest-before":
            var best: Int?
            for record in state.enterprise.finance where record.year < state.asOf.year {
                best = max(best ?? record.year, record.year)
            }
            return best ?? state.asOf.year - 1
        default: return state.asOf.year - 1
        }
    }
}

/// A top-level comparison of a criterion, decoded once from its symbol (`≥`, `>`, `≤`, `<`, `=`, `≠`).
enum Comparator {
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
