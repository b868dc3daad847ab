import LadderCore

/// One measure or criterion of a rule version, with its compiled expressions.
public final class Criterion: @unchecked Sendable {
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
    let comparator: Comparator?

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
    /// Pre-rendered JSON: the static start of this criterion's object, and each band's text (with the
    /// `,"threshold":` key before it), in memory the criterion owns, so that writing them takes no
    /// retain of an array (the audit writes one prefix per criterion per firm).
    let jsonPrefix: UnsafeRawBufferPointer
    let bandJSON: UnsafeBufferPointer<UnsafeRawBufferPointer>
    /// Per band, the value where it starts when the band is a plain range (nil for a `when` band or
    /// an open start): what a score's margin measures to, read without copying the band.
    let bandFloors: [Double?]
    /// The bands as plain values, in memory the criterion owns (scoring reads them without retains).
    let bandTests: UnsafeMutableBufferPointer<BandTest>

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
        var prefix = "{\"id\":"
        AuditJSON.string(id, into: &prefix)
        prefix += ",\"comparison\":"
        AuditJSON.optional(comparison, into: &prefix)
        prefix += ",\"citation\":"
        AuditJSON.string(cite, into: &prefix)
        prefix += ",\"verdict\":\""
        jsonPrefix = Criterion.ownedCopy(prefix)
        bandFloors = bands.map { $0.whenText == nil ? $0.from : nil }
        bandTests = .allocate(capacity: bands.count)
        _ = bandTests.initialize(from: bands.map(BandTest.init))
        let bandTexts = bands.map { band in
            var text = ",\"threshold\":"
            AuditJSON.string(band.whenText == "true" ? "otherwise" : band.describe(unit: unit), into: &text)
            return Criterion.ownedCopy(text)
        }
        let table = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: bandTexts.count)
        _ = table.initialize(from: bandTexts)
        bandJSON = UnsafeBufferPointer(table)
    }

    deinit {
        UnsafeMutableRawPointer(mutating: jsonPrefix.baseAddress)?.deallocate()
        for text in bandJSON { UnsafeMutableRawPointer(mutating: text.baseAddress)?.deallocate() }
        bandJSON.deallocate()
        bandTests.deallocate()  // plain values: nothing to deinitialize
    }

    /// A copy of a string's UTF-8 in memory the criterion owns (freed in `deinit`).
    private static func ownedCopy(_ text: String) -> UnsafeRawBufferPointer {
        let bytes = Array(text.utf8)
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        copy.copyBytes(from: bytes)
        return UnsafeRawBufferPointer(start: copy.baseAddress, count: bytes.count)
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
