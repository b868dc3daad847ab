import LadderCore
import XMLStream

/// One rung's policy as data: versions in force over time, their criteria, settings and examples.
///
/// Loaded from an XML file in `Rules/` by `RulebookLoader`; immutable once loaded.
public final class Rulebook: Sendable {
    /// The rulebook id, e.g. `tech-sme`.
    public let id: String
    /// The rung it decides.
    public let tier: Tier
    /// Chinese and English names.
    public let name: String, nameEn: String
    /// `law` for statutory criteria, `local-assumption` for the city's own reading (leading tier).
    public let status: String
    /// A notice every audit prints with this rung (e.g. "a local assumption, not law").
    public let notice: String?
    /// Versions ordered by start date.
    public let versions: [RuleVersion]
    /// Worked examples with expected outcomes.
    public let examples: [RuleExample]
    /// Where the rulebook came from.
    public let file: String

    init(id: String, tier: Tier, name: String, nameEn: String, status: String, notice: String?,
         versions: [RuleVersion], examples: [RuleExample], file: String) {
        self.id = id
        self.tier = tier
        self.name = name
        self.nameEn = nameEn
        self.status = status
        self.notice = notice
        self.versions = versions.sorted { $0.from < $1.from }
        self.examples = examples
        self.file = file
    }

    /// The version in force on a date (`from ≤ date ≤ to`), latest start first.
    public func version(on date: Day) -> RuleVersion? {
        versions.last { $0.from <= date && ($0.to.map { date <= $0 } ?? true) }
    }
}

extension RuleVersion {
    /// The accounting year whose figures this version reads for `firm` assessed on `asOf` (its
    /// `data-year` setting), as an assessment's `dataYear`.
    public func dataYear(of firm: Enterprise, asOf: Day) -> Int {
        Rulebook.dataYear(rule: dataYearRule, finance: firm.finance, asOf: asOf)
    }
}

/// A rule version: the criteria in force between two dates under a legal basis.
public final class RuleVersion: Sendable {
    /// Version id, e.g. `2022`.
    public let id: String
    /// First and last day in force (`to` nil = open-ended).
    public let from: Day, to: Day?
    /// Legal basis: document numbers and articles.
    public let basis: String
    /// A free note (e.g. why the dates were chosen).
    public let note: String?
    /// Settings in force (rulebook defaults overridden by the version's own).
    public let settings: [RuleSetting]
    /// Measures and criteria in document order.
    public let criteria: [Criterion]
    /// The number of evaluation slots the version needs.
    let slotCount: Int
    /// How the data year is chosen (setting `data-year`).
    let dataYearRule: String
    /// The compiled expressions of every criterion and band.
    let program: ExpressionProgram
    /// `criteria` as the evaluator reads them, in the same order.
    let steps: FlatTable<CriterionStep>
    /// Every score's bands as plain values (see `CriterionStep.firstBand`).
    let bandTests: FlatTable<BandTest>
    /// What each step reads that a change to the firm's figures can alter (`stepsReached`).
    let stepInputs: FlatTable<StepInputs>
    /// Each step's kind and whether its points count in the total: what a probe that re-uses a step's
    /// result reads of it, without copying the whole step.
    let stepKinds: FlatTable<StepKind>

    init(id: String, from: Day, to: Day?, basis: String, note: String?, settings: [RuleSetting],
         criteria: [Criterion], slotCount: Int, program: ExpressionProgram) {
        self.id = id
        self.from = from
        self.to = to
        self.basis = basis
        self.note = note
        self.settings = settings
        self.criteria = criteria
        self.slotCount = slotCount
        self.program = program
        dataYearRule = settings.first { $0.id == "data-year" }?.value ?? "previous"
        var steps: [CriterionStep] = []
        var bandTests: [BandTest] = []
        for criterion in criteria {
            steps.append(CriterionStep(criterion, firstBand: bandTests.count))
            bandTests += criterion.bands.map(BandTest.init)
        }
        self.steps = FlatTable(steps)
        self.bandTests = FlatTable(bandTests)
        stepInputs = FlatTable(steps.map { StepInputs($0, program: program, bands: bandTests) })
        stepKinds = FlatTable(steps.map { StepKind(kind: $0.kind, inTotal: $0.inTotal) })
    }

    /// The setting with an id.
    public func setting(_ id: String) -> RuleSetting? { settings.first { $0.id == id } }
}

/// A rulebook setting: a point the reference leaves open, with the reading chosen.
public struct RuleSetting: Hashable, Sendable {
    /// Setting id, e.g. `data-year`.
    public var id: String
    /// The chosen value.
    public var value: String
    /// Verification status from the domain reference: `U` unverified, `1` one source, `V` verified.
    public var status: String
    /// Citation or source of the reading.
    public var cite: String?
    /// What the audit prints about the choice.
    public var note: String

    /// Whether the reading is unverified and must be called out in audits.
    public var isUnverified: Bool { status == "U" }
}

/// The role of a criterion in a rule version.
public enum CriterionKind: String, Sendable, CaseIterable, BitwiseCopyable {
    /// A named intermediate value (not shown as a criterion).
    case measure = "Measure"
    /// A condition that must hold.
    case gate = "Gate"
    /// A scored indicator with bands.
    case score = "Score"
    /// The pass mark over the scores.
    case pass = "Pass"
    /// An alternative to the pass mark (e.g. direct confirmation).
    case route = "Route"
    /// A condition on another rung (e.g. leading needs high-tech).
    case prerequisite = "Prerequisite"
}

/// How a shown value is written: plain, percent, money or days.
public enum ValueUnit: String, Sendable {
    case number, percent, money, days, count
}

/// A score band: points for values in `[from, to)` (or another inclusion), or for a `when` test.
public struct Band: Sendable {
    /// Lower and upper bounds (nil = unbounded); ignored for `when` bands.
    public var from: Double?, to: Double?
    /// Whether each bound is inside the band (default: lower yes, upper no).
    public var includesLower: Bool, includesUpper: Bool
    /// Points the band gives: a single value or an expert range.
    public var points: Interval
    /// The `when` test text, for bands chosen by a test rather than a range.
    public var whenText: String?
    var when: TruthExpr?
    /// Where the band is written.
    public var position: SourcePosition

    /// Whether some value of `x` lies inside the band.
    func intersects(_ x: Interval) -> Bool { BandTest(self).intersects(x) }

    /// Whether every value of `x` lies inside the band.
    func contains(_ x: Interval) -> Bool {
        intersects(Interval(x.lo)) && intersects(Interval(x.hi))
    }

    /// The band written as a range, e.g. `[0.3, 0.35)`, or its test.
    public func describe(unit: ValueUnit) -> String {
        if let whenText { return whenText }
        let lower = from.map { ValueFormat.text($0, unit: unit) } ?? "-∞"
        let upper = to.map { ValueFormat.text($0, unit: unit) } ?? "∞"
        return "\(includesLower && from != nil ? "[" : "(")\(lower), \(upper)\(includesUpper && to != nil ? "]" : ")")"
    }
}

/// A band as plain values, as scoring reads it (`RuleVersion.bandTests`): no texts, so reading one
/// retains nothing.
struct BandTest: BitwiseCopyable {
    var from: Double?, to: Double?
    var includesLower: Bool, includesUpper: Bool
    var points: Interval
    var when: TruthExpr?

    init(_ band: Band) {
        from = band.from
        to = band.to
        includesLower = band.includesLower
        includesUpper = band.includesUpper
        points = band.points
        when = band.when
    }

    /// Whether some value of `x` lies inside the band.
    func intersects(_ x: Interval) -> Bool {
        if let from {
            let above = includesLower ? Interval.ge(x.hi, from) : Interval.gt(x.hi, from)
            if !above { return false }
        }
        if let to {
            let below = includesUpper ? Interval.ge(to, x.lo) : Interval.gt(to, x.lo)
            if !below { return false }
        }
        return true
    }
}

/// A way a person could change a criterion's outcome: the registry field to work on.
public struct Lever: Hashable, Sendable {
    /// The field, e.g. `RDExpense`.
    public var field: String
    /// `increase` or `decrease`.
    public var direction: String
    /// A note for the person.
    public var note: String?
}

/// A worked example: a format-1 `<Enterprise>` fragment and the outcome it must have.
public struct RuleExample: Sendable {
    /// What the example shows.
    public var name: String
    /// Expected tier verdict.
    public var expect: TierVerdict
    /// Assessment date (default: the version's start plus one year).
    public var asOf: Day?
    /// Criteria that must fail, and criteria that must be unknown.
    public var fails: [String], unknown: [String]
    /// The `<Enterprise>` element as XML text.
    public var fragment: String
    /// Where the example is written.
    public var position: SourcePosition
}
