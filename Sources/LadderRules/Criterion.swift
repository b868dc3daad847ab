import LadderCore
import XMLStream

/// One measure or criterion of a rule version, with its compiled expressions.
public final class Criterion: Sendable {
    /// What role it plays.
    public let kind: CriterionKind
    /// Id unique within the version, e.g. `size.staff`.
    public let id: String
    /// Chinese and English names.
    public let name: String, nameEn: String
    /// Citation: document number and article.
    public let cite: String
    /// Why the criterion is read this way.
    public let rationale: String?
    /// How the shown value is written.
    public let unit: ValueUnit
    /// The expression text: the test of a gate, pass, route or prerequisite, or the measure of a score.
    public let expression: String
    /// Score bands (scores only).
    public let bands: [Band]
    /// Most points a score gives (scores only).
    public let maxPoints: Double?
    /// Whether the score adds to `total`.
    public let inTotal: Bool
    /// Fields a person can change to move this criterion.
    public let levers: [Lever]
    /// Where the criterion is written.
    public let position: SourcePosition
    /// The comparison operator shown with the threshold (`≥`, `>`, `≤`, `<`, `=`), if any.
    public let comparison: String?
    /// `comparison`, decoded for evaluation.
    @usableFromInline let comparator: Comparator?

    let slot: Int
    /// Measure / score value, or the left side of a top-level comparison.
    let value: NumberExpr?
    /// The right side of a top-level comparison.
    let threshold: NumberExpr?
    /// The whole test (gates, pass, routes, prerequisites, truth measures).
    let test: TruthExpr?
    /// A score computed by expression rather than bands.
    let pointsExpression: NumberExpr?
    /// Whether the comparison can be evaluated from `value` and `threshold` alone.
    let comparisonIsWhole: Bool
    /// Per band, the value where it starts when the band is a plain range (nil for a `when` band or
    /// an open start): what a score's margin measures to.
    @usableFromInline let bandFloors: [Double?]

    init(kind: CriterionKind, id: String, name: String, nameEn: String, cite: String, rationale: String?,
         unit: ValueUnit, expression: String, bands: [Band], maxPoints: Double?, inTotal: Bool, levers: [Lever],
         position: SourcePosition, comparison: String?, slot: Int, value: NumberExpr?,
         threshold: NumberExpr?, test: TruthExpr?, pointsExpression: NumberExpr?,
         comparisonIsWhole: Bool) {
        self.kind = kind
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.cite = cite
        self.rationale = rationale
        self.unit = unit
        self.expression = expression
        self.bands = bands
        self.maxPoints = maxPoints
        self.inTotal = inTotal
        self.levers = levers
        self.position = position
        self.comparison = comparison
        comparator = comparison.map(Comparator.init(symbol:))
        self.slot = slot
        self.value = value
        self.threshold = threshold
        self.test = test
        self.pointsExpression = pointsExpression
        self.comparisonIsWhole = comparisonIsWhole
        bandFloors = bands.map { $0.whenText == nil ? $0.from : nil }
    }
}

/// What the evaluator reads of a criterion, as plain values: a version keeps its criteria's steps in
/// one table (`RuleVersion.steps`), so the loop over them, for every rung of every firm, takes no
/// reference counting.
struct CriterionStep: BitwiseCopyable {
    var kind: CriterionKind
    var slot: Int
    var value: NumberExpr?
    var threshold: NumberExpr?
    var test: TruthExpr?
    var pointsExpression: NumberExpr?
    var comparator: Comparator?
    var comparisonIsWhole: Bool
    var inTotal: Bool
    var maxPoints: Double?
    /// The criterion's bands: `bandCount` rows of `RuleVersion.bandTests` from `firstBand`.
    var firstBand: Int
    var bandCount: Int

    init(_ criterion: Criterion, firstBand: Int) {
        kind = criterion.kind
        slot = criterion.slot
        value = criterion.value
        threshold = criterion.threshold
        test = criterion.test
        pointsExpression = criterion.pointsExpression
        comparator = criterion.comparator
        comparisonIsWhole = criterion.comparisonIsWhole
        inTotal = criterion.inTotal
        maxPoints = criterion.maxPoints
        self.firstBand = firstBand
        bandCount = criterion.bands.count
    }
}

/// Writes values for people: percent, money in 万元/亿元, counts and days.
public enum ValueFormat {
    /// The text of one value in a unit.
    public static func text(_ value: Double, unit: ValueUnit) -> String {
        switch unit {
        case .percent:
            if !value.isFinite { return Interval.format(value) }
            return Interval.format(value * 100) + "%"
        case .money:
            if !value.isFinite { return Interval.format(value) }
            return Money(fen: Int64((value * 100).rounded())).description
        case .days: return Interval.format(value) + "d"
        case .number, .count: return Interval.format(value)
        }
    }

    /// The text of a range in a unit: one value, or `lo…hi`.
    public static func text(_ interval: Interval, unit: ValueUnit) -> String {
        if interval.isPoint { return text(interval.lo, unit: unit) }
        return "\(text(interval.lo, unit: unit))…\(text(interval.hi, unit: unit))"
    }
}
