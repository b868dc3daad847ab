import LadderCore
import XMLStream

/// A compiled numeric expression: the index of its root in its version's `ExpressionProgram`.
struct NumberExpr: Hashable {
    let node: Int
}

/// A compiled test expression: the index of its root in its version's `ExpressionProgram`.
struct TruthExpr: Hashable {
    let node: Int
}

/// One node of a numeric expression. Children are indices into the same program, and every
/// payload is a plain value, so that evaluating takes no reference counting (a closure per node
/// retained its context on every call, for every criterion of every firm).
enum NumberNode: BitwiseCopyable {
    case constant(Interval)
    /// A finance field `yearsBack` years before the data year (`prev`; 0 for a bare field name).
    case field(FinanceField, yearsBack: Int)
    case measure(slot: Int)
    case points(slot: Int)
    case total
    case ageDays
    case dataYear
    case negate(NumberExpr)
    case add(NumberExpr, NumberExpr)
    case subtract(NumberExpr, NumberExpr)
    case multiply(NumberExpr, NumberExpr)
    case divide(NumberExpr, NumberExpr)
    case sum(FinanceField, years: Int)
    case average(FinanceField, years: Int)
    case growth(FinanceField, nonPositiveUnknown: Bool, twoYearZero: Bool)
    /// IP items of a class and acquisition (nil: any).
    case ip(IPClass?, IPAcquisition?)
    /// Incidents of the kinds in `ExpressionProgram.incidentKinds[list]` within the window.
    case incidents(list: Int, years: Int, rolling: Bool)
    /// An expert score, else the fallback narrowed to `[0, full]`, else `full`.
    case expert(ExpertItem, offset: Int, full: Interval, fallback: NumberExpr?)
    case range(NumberExpr, NumberExpr)
    case minimum(NumberExpr, NumberExpr)
    case maximum(NumberExpr, NumberExpr)
    case clamp(NumberExpr, low: Double, high: Double)
    case choose(TruthExpr, NumberExpr, NumberExpr)
}

/// One node of a test expression (see `NumberNode`).
enum TruthNode: BitwiseCopyable {
    case constant(Verdict)
    case measure(slot: Int)
    case not(TruthExpr)
    case and(TruthExpr, TruthExpr)
    case or(TruthExpr, TruthExpr)
    case compare(Comparator, NumberExpr, NumberExpr)
    case valid(Tier)
    case eligible(Tier)
    case award(Level, years: Int, maxRank: Int)
    case institution(Level)
    /// A standard of the levels in `ExpressionProgram.standardLevels[list]` (role nil: any).
    case standard(list: Int, role: Role?, years: Int)
    case consortium(Role, Level)
    case resident
    case tax(TaxAssessment)
    /// An industry code starting with one of `ExpressionProgram.industryPrefixes[list]`.
    case industryIn(list: Int)
    case techDomain
    case active
    case choose(TruthExpr, TruthExpr, TruthExpr)
}

/// The nodes of every expression of one rule version, built by `Compiler`.
struct ProgramBuilder {
    var numbers: [NumberNode] = []
    var truths: [TruthNode] = []
    /// Per `industryIn` list, its prefixes as UTF-8 bytes.
    var industryPrefixes: [[[UInt8]]] = []
    var standardLevels: [[StandardLevel]] = []
    var incidentKinds: [[IncidentKind]] = []

    mutating func add(_ node: NumberNode) -> NumberExpr {
        numbers.append(node)
        return NumberExpr(node: numbers.count - 1)
    }

    mutating func add(_ node: TruthNode) -> TruthExpr {
        truths.append(node)
        return TruthExpr(node: truths.count - 1)
    }
}

/// The compiled expressions of one rule version, as tables of plain values, and the lists some
/// functions test against.
final class ExpressionProgram: Sendable {
    let numbers: FlatTable<NumberNode>
    let truths: FlatTable<TruthNode>
    let industryPrefixes: [[[UInt8]]]
    let standardLevels: [[StandardLevel]]
    let incidentKinds: [[IncidentKind]]
    /// The rungs whose verdicts the expressions read (`eligible('…')`), one bit per `Tier.rung`: only
    /// those must be evaluated first when one rung is probed (`Ladder.probe`).
    let rungsRead: UInt64

    init(_ builder: ProgramBuilder) {
        numbers = FlatTable(builder.numbers)
        truths = FlatTable(builder.truths)
        industryPrefixes = builder.industryPrefixes
        standardLevels = builder.standardLevels
        incidentKinds = builder.incidentKinds
        rungsRead = builder.truths.reduce(0) { bits, node in
            if case .eligible(let tier) = node { bits | 1 << UInt64(tier.rung) } else { bits }
        }
    }
}

extension EvalState {
    /// The value of a numeric expression of the program loaded with `use(_:)`.
    @inline(__always)
    mutating func number(_ expression: NumberExpr) -> Interval {
        // Constants (thresholds, band bounds) are a third of the nodes read: no call for them.
        if case .constant(let value) = program.numbers[expression.node] { return value }
        return evaluate(expression)
    }

    private mutating func evaluate(_ expression: NumberExpr) -> Interval {
        switch program.numbers[expression.node] {
        case .constant(let value): return value
        case .field(let field, let back): return self.field(field, year: dataYear - back)
        case .measure(let slot):
            missing |= slots[slot].missing
            flags |= slots[slot].flags
            return slots[slot].number
        case .points(let slot):
            missing |= slots[slot].pointsMissing
            return slots[slot].points
        case .total:
            missing |= totalMissing
            return total
        case .ageDays:
            guard let registered = registeredOn else {
                missing |= 1 << UInt64(MissingFields.registeredOn)
                return .nonNegative
            }
            return Interval(Double(asOf.ordinal - registered.ordinal))
        case .dataYear: return Interval(Double(dataYear))
        case .negate(let a): return -number(a)
        case .add(let a, let b): return number(a) + number(b)
        case .subtract(let a, let b): return number(a) - number(b)
        case .multiply(let a, let b): return number(a) * number(b)
        case .divide(let a, let b): return number(a) / number(b)
        case .sum(let field, let years): return sum(field, years: years)
        case .average(let field, let years):
            return sum(field, years: years) / Interval(Double(window(years).count))
        case .growth(let field, let nonPositiveUnknown, let twoYearZero):
            return Growth.rate(field, state: &self, nonPositiveUnknown: nonPositiveUnknown, twoYearZero: twoYearZero)
        case .ip(let ipClass, let acquired):
            var count = 0
            for holding in enterprise.ip
            where (ipClass == nil || holding.ipClass == ipClass) && (acquired == nil || holding.acquired == acquired) {
                count += holding.count
            }
            if let holding = extraIP,
                (ipClass == nil || holding.ipClass == ipClass) && (acquired == nil || holding.acquired == acquired) {
                count += holding.count
            }
            return Interval(Double(count))
        case .incidents(let list, let years, let rolling):
            let kinds = program.incidentKinds[list]
            let start = windowStart(years: years, rolling: rolling)
            var count = 0
            for incident in enterprise.incidents
            where kinds.contains(incident.kind) && incident.date >= start && incident.date <= asOf {
                count += 1
            }
            return Interval(Double(count))
        case .expert(let item, let offset, let full, let fallback):
            for score in enterprise.expertScores where score.item == item {
                return Interval(Double(score.points))
            }
            guard let fallback else {
                missing |= 1 << UInt64(MissingFields.expertBase + offset)
                return full
            }
            let narrowed = number(fallback)
            let result = Interval(max(narrowed.lo, full.lo), min(narrowed.hi, full.hi))
            if !result.isPoint { missing |= 1 << UInt64(MissingFields.expertBase + offset) }
            return result
        case .range(let lo, let hi): return Interval(number(lo).lo, number(hi).hi)
        case .minimum(let a, let b): return number(a).minimum(number(b))
        case .maximum(let a, let b): return number(a).maximum(number(b))
        case .clamp(let x, let low, let high): return number(x).clamped(low, high)
        case .choose(let condition, let a, let b):
            switch truth(condition) {
            case .pass: return number(a)
            case .fail: return number(b)
            case .unknown: return number(a).hull(number(b))
            }
        }
    }

    /// The verdict of a test expression of the program loaded with `use(_:)`.
    mutating func truth(_ expression: TruthExpr) -> Verdict {
        switch program.truths[expression.node] {
        case .constant(let verdict): return verdict
        case .measure(let slot):
            missing |= slots[slot].missing
            flags |= slots[slot].flags
            return slots[slot].truth
        case .not(let a): return truth(a).negated
        case .and(let a, let b): return truth(a).and(truth(b))
        case .or(let a, let b): return truth(a).or(truth(b))
        case .compare(let comparator, let a, let b): return comparator.compare(number(a), number(b))
        case .valid(let tier):
            if let extra = extraCertification, extra.kind == tier && extra.isValid(on: asOf) { return .pass }
            return enterprise.certifications.contains { $0.kind == tier && $0.isValid(on: asOf) } ? .pass : .fail
        case .eligible(let tier): return tierVerdicts[tier.rung - 1] ?? .unknown
        case .award(let level, let years, let maxRank):
            var result = Verdict.fail
            for award in enterprise.awards
            where award.level >= level && award.year <= asOf.year && award.year > asOf.year - years {
                guard let rank = award.rank else {
                    missing |= 1 << UInt64(MissingFields.awardRank)
                    result = .unknown
                    continue
                }
                if rank <= maxRank { return .pass }
            }
            return result
        case .institution(let level):
            return enterprise.rdInstitutions.contains { $0.level >= level && ($0.since ?? asOf) <= asOf } ? .pass : .fail
        case .standard(let list, let role, let years):
            let levels = program.standardLevels[list]
            return enterprise.standards.contains {
                levels.contains($0.level) && (role == nil || $0.role == role)
                    && $0.year <= asOf.year && $0.year > asOf.year - years
            } ? .pass : .fail
        case .consortium(let role, let level):
            return enterprise.consortia.contains { $0.role == role && $0.level >= level } ? .pass : .fail
        case .resident:
            guard let resident = enterprise.resident else {
                missing |= 1 << UInt64(MissingFields.resident)
                return .unknown
            }
            return resident ? .pass : .fail
        case .tax(let wanted):
            guard let tax = taxAssessment else {
                missing |= 1 << UInt64(MissingFields.taxAssessment)
                return .unknown
            }
            return tax == wanted ? .pass : .fail
        case .industryIn(let list):
            guard let code = enterprise.industry else {
                missing |= 1 << UInt64(MissingFields.industry)
                return .unknown
            }
            let bytes = code.utf8.span
            for prefix in program.industryPrefixes[list] where EvalState.starts(bytes, with: prefix) { return .pass }
            return .fail
        case .techDomain:
            if enterprise.techDomain != nil { return .pass }
            missing |= 1 << UInt64(MissingFields.techDomain)
            return .unknown
        case .active: return enterprise.isActive ? .pass : .fail
        case .choose(let condition, let a, let b):
            let c = truth(condition)
            return c.and(truth(a)).or(c.negated.and(truth(b)))
        }
    }

    /// Whether `bytes` start with `prefix` (an industry code against a listed prefix).
    private static func starts(_ bytes: Span<UInt8>, with prefix: [UInt8]) -> Bool {
        guard prefix.count <= bytes.count else { return false }
        for index in prefix.indices where bytes[index] != prefix[index] { return false }
        return true
    }
}
