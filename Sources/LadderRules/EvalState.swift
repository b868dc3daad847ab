import LadderCore
import XMLStream

/// What a measure or score left for later expressions to read (`EvalState.slots`).
struct Slot: BitwiseCopyable {
    /// A numeric measure's value, or a test measure's verdict.
    var number = Interval.zero
    var truth = Verdict.unknown
    /// Facts the measure needed and did not find, and the review flags it raised.
    var missing: UInt64 = 0
    var flags: UInt32 = 0
    /// A score's points and the facts they needed.
    var points = Interval.zero
    var pointsMissing: UInt64 = 0
}

/// The mutable scratch space of one firm's evaluation against one rule version. One instance is
/// reused for every firm, so the hot path does not allocate. It is a noncopyable value that its
/// `Ladder` owns and lends out `inout`: one evaluation at a time, checked when compiling, with no
/// run-time exclusivity checks on the fields the evaluator reads for every node.
struct EvalState: ~Copyable {
    /// The firm being assessed (set by `assessing(_:_:)`).
    private(set) var enterprise: Enterprise
    var asOf: Day
    /// The accounting year whose figures bare field names read.
    var dataYear: Int
    /// The first year the firm operated (registration year), when known.
    var firstYear: Int?
    /// Facts needed by the expression being evaluated and not on record.
    var missing: UInt64 = 0
    /// Review flags raised by the expression being evaluated (see `ReviewFlag`).
    var flags: UInt32 = 0
    /// Whether assessments keep every criterion's result (audits) or only the verdicts (tallies).
    var keepsEvidence = true
    /// Measures and scores by slot.
    var slots: GrowableBuffer<Slot>
    /// The program whose expressions `number(_:)` and `truth(_:)` evaluate (see `use(_:)`).
    private(set) var program: ExpressionProgram
    var total = Interval.zero
    var totalMissing: UInt64 = 0
    /// Verdicts of the rungs already assessed for this firm, indexed by `Tier.rung - 1`.
    var tierVerdicts: [Verdict?] = [nil, nil, nil]

    init(slots count: Int) {
        enterprise = Enterprise(id: "", name: "", district: "")
        asOf = Day(ordinal: 0)
        dataYear = 0
        slots = GrowableBuffer(capacity: count)
        for _ in 0..<count { slots.append(Slot()) }
        program = ExpressionProgram(ProgramBuilder())
    }

    /// Makes room for a version's slots (their contents are not kept).
    mutating func ensure(slots count: Int) {
        while slots.count < count { slots.append(Slot()) }
    }

    /// Evaluates expressions of `program` from now on.
    mutating func use(_ program: ExpressionProgram) {
        guard program !== self.program else { return }
        self.program = program
    }

    /// Runs `body` with a firm loaded: its finance figures go into `figures`, so that reading a field
    /// is arithmetic rather than a copy of a whole `FinanceYear`.
    mutating func assessing<Result>(_ firm: Enterprise, _ body: (inout EvalState) -> Result) -> Result {
        load(firm)
        return body(&self)
    }

    /// Loads a firm (see `assessing`).
    mutating func load(_ firm: Enterprise) {
        enterprise = firm
        stashedRow = -1
        extraIP = nil
        extraCertification = nil
        taxAssessment = firm.taxAssessment
        registeredOn = firm.registeredOn
        load(firm.finance)
    }

    /// IP and a certificate held beyond `enterprise`'s, and its tax method and registration date as
    /// probed: an edit (`Ladder.probe(from:editing:)`) sets them over the firm's own.
    var extraIP: IPHolding?
    var extraCertification: Certification?
    var taxAssessment: TaxAssessment?
    var registeredOn: Day?

    /// Writes `year`'s figures over the loaded row of its year, keeping the row's own for `restoreRow()`;
    /// returns the fields whose figures change (one bit per `FinanceField.rawValue`), or nil when the
    /// firm has no such year.
    mutating func overwrite(_ year: FinanceYear) -> UInt32? {
        guard let row = row(of: year.year) else { return nil }
        stash.removeAll()
        stashedRow = row
        var changed: UInt32 = 0
        for field in FinanceField.all {
            let index = row * fieldCount + field.rawValue
            let old = figures[index], new = field.value(in: year) ?? .nan
            stash.append(old)
            if old != new && !(old.isNaN && new.isNaN) { changed |= 1 << UInt32(field.rawValue) }
            figures[index] = new
        }
        return changed
    }

    /// Puts back the row `overwrite` replaced.
    mutating func restoreRow() {
        guard stashedRow >= 0 else { return }
        for index in 0..<stash.count { figures[stashedRow * fieldCount + index] = stash[index] }
        stashedRow = -1
    }

    private var stash = GrowableBuffer<Double>(capacity: 16)
    private var stashedRow = -1

    private mutating func load(_ finance: [FinanceYear]) {
        let fields = fieldCount
        figureYears.removeAll()
        figures.removeAll()
        for record in finance {
            figureYears.append(record.year)
            for field in FinanceField.all { figures.append(field.value(in: record) ?? .nan) }
        }
        assert(figures.count == figureYears.count * fields)
    }

    /// `FinanceField`s per year in `figures` (kept here: `allCases` of another module's enum builds an array).
    private let fieldCount = FinanceField.all.count
    /// The years of `figures`, in the firm's order.
    private var figureYears = GrowableBuffer<Int>(capacity: 8)
    /// Finance figures by year (as `figureYears`) then field (`FinanceField.rawValue`); NaN is unknown.
    private var figures = GrowableBuffer<Double>(capacity: 8 * FinanceField.all.count)

    /// The row of a year in `figures`, if the firm has figures for it.
    private func row(of year: Int) -> Int? {
        for row in 0..<figureYears.count where figureYears[row] == year { return row }
        return nil
    }

    /// A field in a year; unknown becomes its domain and is recorded as missing.
    mutating func field(_ field: FinanceField, year: Int) -> Interval {
        guard let row = row(of: year) else {
            missing |= MissingFields.bit(field, yearsBack: dataYear - year)
            return field.domain { _ in nil }
        }
        let base = row * fieldCount
        let value = figures[base + field.rawValue]
        if !value.isNaN { return Interval(value) }
        missing |= MissingFields.bit(field, yearsBack: dataYear - year)
        return field.domain { known in
            let other = self.figures[base + known.rawValue]
            return other.isNaN ? nil : other
        }
    }

    /// The years of the `n`-year window ending at the data year, cut to the years the firm operated.
    func window(_ n: Int) -> ClosedRange<Int> {
        let start = max(dataYear - n + 1, firstYear ?? Int.min)
        return min(start, dataYear)...dataYear
    }

    mutating func sum(_ field: FinanceField, years n: Int) -> Interval {
        var result = Interval.zero
        for year in window(n) { result = result + self.field(field, year: year) }
        return result
    }

    /// The start of the incident window: 1 January of `years` calendar years before the as-of year
    /// (`calendar`), or the same day `years` years before (`rolling`).
    func windowStart(years: Int, rolling: Bool) -> Day {
        if rolling { return asOf.adding(years: -years) }
        return Day(year: asOf.year - years, month: 1, day: 1) ?? asOf
    }
}

/// Conditions that an expression raises for a person to look at, whatever the verdict.
public enum ReviewFlag: UInt32, CaseIterable, Sendable {
    /// A growth rate had a zero or negative base (e.g. net assets ≤ 0) and was scored 0.
    case nonPositiveGrowthBase = 1
    /// A growth rate was computed over fewer than three years under a reading the text does not fix.
    case shortGrowthPeriod = 2

    /// What the flag asks a person to check.
    public var message: String {
        switch self {
        case .nonPositiveGrowthBase:
            "manual review: a growth base (net assets or sales) is zero or negative; rate scored 0"
        case .shortGrowthPeriod:
            "manual review: growth over fewer than 3 operating years (formula is the project's reading)"
        }
    }

    /// The flags set in a mask.
    public static func decode(_ bits: UInt32) -> [ReviewFlag] { allCases.filter { bits & $0.rawValue != 0 } }
}
