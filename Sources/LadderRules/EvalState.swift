import LadderCore

/// What a measure or score left for later expressions to read (`EvalState.slots`).
struct Slot {
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
/// reused for every firm, so the hot path does not allocate.
final class EvalState {
    /// The firm being assessed, valid only inside `assessing(_:_:)`: borrowed rather than copied,
    /// since a copy retains (and later releases) each of its strings and arrays.
    private var firm: UnsafePointer<Enterprise>?
    var enterprise: Enterprise {
        _read { yield firm!.pointee }
    }
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
    /// Measures and scores by slot, in memory the state owns: writing one is a store, with none of
    /// an array's uniqueness checks.
    private(set) var slots: UnsafeMutablePointer<Slot>
    private var slotCapacity: Int
    /// The program whose expressions `number(_:)` and `truth(_:)` evaluate (see `use(_:)`).
    private(set) var program: ExpressionProgram
    private(set) var numberNodes: UnsafeMutablePointer<NumberNode>
    private(set) var truthNodes: UnsafeMutablePointer<TruthNode>
    var total = Interval.zero
    var totalMissing: UInt64 = 0
    /// Verdicts of the rungs already assessed for this firm, indexed by `Tier.rung - 1`.
    var tierVerdicts: [Verdict?] = [nil, nil, nil]

    init(slots count: Int) {
        asOf = Day(ordinal: 0)
        dataYear = 0
        slotCapacity = max(count, 1)
        slots = .allocate(capacity: slotCapacity)
        slots.initialize(repeating: Slot(), count: slotCapacity)
        program = ExpressionProgram(ProgramBuilder())
        numberNodes = program.numbers
        truthNodes = program.truths
    }

    deinit {
        slots.deallocate()
        figureYears.deallocate()
        figures.deallocate()
    }

    /// Makes room for a version's slots (their contents are not kept).
    func ensure(slots count: Int) {
        guard slotCapacity < count else { return }
        slots.deallocate()
        slotCapacity = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: Slot(), count: count)
    }

    /// Evaluates expressions of `program` from now on.
    func use(_ program: ExpressionProgram) {
        guard program !== self.program else { return }
        self.program = program
        numberNodes = program.numbers
        truthNodes = program.truths
    }

    /// Runs `body` with a firm loaded: its finance figures go into `figures`, so that reading a field
    /// is arithmetic rather than a copy of a whole `FinanceYear`.
    func assessing<Result>(_ firm: borrowing Enterprise, _ body: () -> Result) -> Result {
        withUnsafePointer(to: firm) { pointer in
            // The lists the rules read most (several times per rung), held as pointers: iterating an
            // array read from the firm would retain and release it each time.
            pointer.pointee.ip.withUnsafeBufferPointer { ip in
                pointer.pointee.expertScores.withUnsafeBufferPointer { expertScores in
                    self.firm = pointer
                    self.ip = ip
                    self.expertScores = expertScores
                    defer {
                        self.firm = nil
                        self.ip = UnsafeBufferPointer(start: nil, count: 0)
                        self.expertScores = UnsafeBufferPointer(start: nil, count: 0)
                    }
                    load(pointer.pointee.finance)
                    return body()
                }
            }
        }
    }

    /// The firm's `ip` and `expertScores`, valid only inside `assessing(_:_:)`.
    private(set) var ip = UnsafeBufferPointer<IPHolding>(start: nil, count: 0)
    private(set) var expertScores = UnsafeBufferPointer<ExpertScore>(start: nil, count: 0)

    private func load(_ finance: [FinanceYear]) {
        let fields = fieldCount
        if finance.count > yearCapacity {
            figureYears.deallocate()
            figures.deallocate()
            yearCapacity = finance.count
            figureYears = .allocate(capacity: yearCapacity)
            figures = .allocate(capacity: yearCapacity * fields)
        }
        yearCount = finance.count
        finance.withUnsafeBufferPointer { records in
            for row in records.indices {
                figureYears[row] = records[row].year
                for field in FinanceField.all {
                    figures[row * fields + field.rawValue] = field.value(in: records[row]) ?? .nan
                }
            }
        }
    }

    /// `FinanceField`s per year in `figures` (kept here: `allCases` of another module's enum builds an array).
    private let fieldCount = FinanceField.all.count
    /// The years of `figures`, in the firm's order (`yearCount` of them).
    private var figureYears = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    private var yearCount = 0
    private var yearCapacity = 0
    /// Finance figures by year (as `figureYears`) then field (`FinanceField.rawValue`); NaN is unknown.
    private var figures = UnsafeMutablePointer<Double>.allocate(capacity: 0)

    /// The row of a year in `figures`, if the firm has figures for it.
    private func row(of year: Int) -> Int? {
        for row in 0..<yearCount where figureYears[row] == year { return row }
        return nil
    }

    /// A field in a year; unknown becomes its domain and is recorded as missing.
    func field(_ field: FinanceField, year: Int) -> Interval {
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

    func sum(_ field: FinanceField, years n: Int) -> Interval {
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
