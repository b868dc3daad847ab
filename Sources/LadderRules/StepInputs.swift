import LadderCore

/// What one criterion step reads that an edit of a firm (`FirmEdit`) can alter: finance fields, IP,
/// certificates, the tax method, dates, earlier steps' slots, the running total, lower rungs'
/// verdicts. Worked out once per rule version, so that a probe of an edited firm re-evaluates only the
/// steps the edit reaches (`RuleVersion.stepsReached`).
struct StepInputs: BitwiseCopyable {
    /// The firm's own facts read (finance fields with the fields that bound each one's domain when it
    /// is not recorded: tech staff ≤ staff, …).
    var facts = FirmFacts()
    /// Slots of measures and scores read, one bit per slot.
    var slots: UInt64 = 0
    var total = false
    /// Rungs whose verdicts are read, one bit per `Tier.rung`.
    var rungs: UInt64 = 0

    /// The inputs of a version's step.
    init(_ step: CriterionStep, program: ExpressionProgram, bands: [BandTest]) {
        for expression in [step.value, step.threshold, step.pointsExpression].compactMap({ $0 }) {
            add(expression, program)
        }
        if let test = step.test { add(test, program) }
        for index in step.firstBand..<(step.firstBand + step.bandCount) {
            if let when = bands[index].when { add(when, program) }
        }
    }

    /// A field and the fields its domain reads when it is unrecorded.
    static func bits(_ field: FinanceField) -> UInt32 {
        var bits: UInt32 = 1 << UInt32(field.rawValue)
        _ = field.domain { known in
            bits |= 1 << UInt32(known.rawValue)
            return nil
        }
        return bits
    }

    private mutating func add(_ expression: NumberExpr, _ program: ExpressionProgram) {
        switch program.numbers[expression.node] {
        case .constant, .dataYear, .incidents: break
        case .ageDays: facts.registration = true
        case .field(let field, _): facts.fields |= Self.bits(field)
        case .sum(let field, _), .average(let field, _), .growth(let field, _, _):
            facts.fields |= Self.bits(field)
            facts.registration = true
        case .measure(let slot), .points(let slot): slots |= Self.bit(slot)
        case .total: total = true
        case .ip: facts.ip = true
        case .negate(let a), .clamp(let a, _, _): add(a, program)
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b),
            .range(let a, let b), .minimum(let a, let b), .maximum(let a, let b):
            add(a, program)
            add(b, program)
        case .expert(_, _, _, let fallback): if let fallback { add(fallback, program) }
        case .choose(let condition, let a, let b):
            add(condition, program)
            add(a, program)
            add(b, program)
        }
    }

    private mutating func add(_ expression: TruthExpr, _ program: ExpressionProgram) {
        switch program.truths[expression.node] {
        case .constant, .award, .institution, .standard, .consortium, .resident, .industryIn, .techDomain, .active:
            break
        case .valid: facts.certificates = true
        case .tax: facts.tax = true
        case .measure(let slot): slots |= Self.bit(slot)
        case .not(let a): add(a, program)
        case .and(let a, let b), .or(let a, let b):
            add(a, program)
            add(b, program)
        case .compare(_, let a, let b):
            add(a, program)
            add(b, program)
        case .eligible(let tier): rungs |= 1 << UInt64(tier.rung)
        case .choose(let condition, let a, let b):
            add(condition, program)
            add(a, program)
            add(b, program)
        }
    }

    /// A slot's bit; slots past 63 share the last bit (reaching one reaches them all, which only
    /// re-evaluates more than needed).
    static func bit(_ slot: Int) -> UInt64 { 1 << UInt64(min(slot, 63)) }
}

/// A change to a firm that a probe can follow step by step (`Ladder.probe(from:editing:)`): one
/// finance row replaced, IP or a certificate added, the tax method or the registration date set.
public enum FirmEdit: Sendable {
    /// The firm's row of the same year replaced by this one.
    case year(FinanceYear)
    case ip(IPHolding)
    case certification(Certification)
    case taxAssessment(TaxAssessment)
    case registeredOn(Day)

    /// The firm with the edit made.
    public func applied(to firm: Enterprise) -> Enterprise? {
        var copy = firm
        switch self {
        case .year(let year):
            guard let index = copy.finance.firstIndex(where: { $0.year == year.year }) else { return nil }
            copy.finance[index] = year
        case .ip(let holding): copy.ip.append(holding)
        case .certification(let certification): copy.certifications.append(certification)
        case .taxAssessment(let tax): copy.taxAssessment = tax
        case .registeredOn(let day): copy.registeredOn = day
        }
        return copy
    }
}

/// Facts of a firm an edit can change and a step can read: finance fields (one bit per
/// `FinanceField.rawValue`, any year), IP, certificates (`valid`), the tax method (`tax`), the
/// registration date (`AgeDays` and every multi-year window, which starts no earlier than the
/// registration year).
struct FirmFacts: Equatable, BitwiseCopyable {
    var fields: UInt32 = 0
    var ip = false, certificates = false, tax = false, registration = false

    init() {}

    /// What `edit` changes; `fields` are the finance fields it gives other figures (`EvalState.overwrite`).
    init(_ edit: FirmEdit, fields: UInt32) {
        self.fields = fields
        switch edit {
        case .year: break
        case .ip: ip = true
        case .certification: certificates = true
        case .taxAssessment: tax = true
        case .registeredOn: registration = true
        }
    }

    /// Whether the two share a fact.
    func meets(_ other: FirmFacts) -> Bool {
        fields & other.fields != 0 || (ip && other.ip) || (certificates && other.certificates)
            || (tax && other.tax) || (registration && other.registration)
    }
}

extension RuleVersion {
    /// The steps (one bit per index; nil: more than 64 steps) whose results `change` can alter, given
    /// the lower rungs (bits by `Tier.rung`) whose verdicts it altered: those reading a changed
    /// input, directly or through an earlier step's slot or the running total.
    func stepsReached(by change: FirmFacts, rungs: UInt64) -> UInt64? {
        guard steps.count <= 64 else { return nil }
        var reached: UInt64 = 0, slots: UInt64 = 0
        var total = false
        for index in 0..<steps.count {
            let inputs = stepInputs[index]
            guard inputs.facts.meets(change) || inputs.slots & slots != 0 || (inputs.total && total)
                || inputs.rungs & rungs != 0
            else { continue }
            reached |= 1 << UInt64(index)
            let step = steps[index]
            if step.kind == .measure || step.kind == .score { slots |= StepInputs.bit(step.slot) }
            if step.kind == .score && step.inTotal { total = true }
        }
        return reached
    }

    /// The criteria whose results a change of the registration date can alter: those reading `AgeDays`
    /// or a multi-year window, directly or through a measure, a score, the total or a lower rung's
    /// verdict. Nil when the version has more than 64 steps.
    public var criteriaReadingRegistration: [Criterion]? {
        var change = FirmFacts()
        change.registration = true
        guard let reached = stepsReached(by: change, rungs: ~0) else { return nil }
        return criteria.indices.filter { reached & (1 << UInt64($0)) != 0 }.map { criteria[$0] }
    }
}
