import LadderCore
import LadderRules

/// How close a firm in the report's lists is to the outcome its list is about, read off the rung's
/// assessment (each criterion's margin, `CriterionResult.margin`) — never a second reading of the rules.
///
/// The deciding conditions of a rung are its gates, prerequisites and pass marks (the total score
/// against its mark). A condition's **relative margin** is its margin over the size of its threshold:
/// R&D at 4.4% against "≥ 4%" is +10%, a score of 65 against "≥ 70" is −7.1%. Conditions without a
/// number (yes/no, or a threshold of zero) have none.
public enum Closeness {
    /// Pipeline (符合未认定): the smallest relative margin among the passing deciding conditions of the
    /// rung the firm qualifies for — how far its narrowest condition clears the line. Larger is safer
    /// to put forward first; nil when no passing condition has a number.
    public static func headroom(_ rung: TierAssessment) -> Double? {
        rung.criteria.filter { deciding($0) && $0.verdict == .pass }
            .compactMap { relative($0).map(\.lo) }.min()
    }

    /// Audit risk (认定不符): the largest relative shortfall among the failing deciding conditions of
    /// the certified rung — how far its worst condition misses (0.25: a quarter short). Larger is more
    /// clearly failing. `.infinity` when a failing condition is yes/no (e.g. an excluded industry):
    /// no figure can bring it closer. Nil when nothing fails by the evidence.
    public static func shortfall(_ rung: TierAssessment) -> Double? {
        let failing = rung.criteria.filter { deciding($0) && $0.verdict == .fail }
        guard !failing.isEmpty else { return nil }
        return failing.map { result in relative(result).map { -$0.hi } ?? .infinity }.max()
    }

    /// The measure shown for a list entry, e.g. `+12.5%`, `−30.0%`, `是非条件`.
    public static func text(_ value: Double?, shortfall: Bool, language: Language) -> String {
        guard let value else { return "—" }
        if value.isInfinite { return language.pick("是非条件不符", "yes/no condition fails") }
        if shortfall { return "−" + Format.percent(max(0, value)) }
        return (value < 0 ? "−" : "+") + Format.percent(abs(value))
    }

    private static func deciding(_ result: CriterionResult) -> Bool {
        switch result.criterion.kind {
        case .gate, .prerequisite, .pass: true
        case .measure, .score, .route: false
        }
    }

    /// The margin over the threshold's size, as a range; nil without a numeric margin or threshold.
    private static func relative(_ result: CriterionResult) -> Interval? {
        guard let margin = result.margin, let threshold = result.threshold else { return nil }
        let size = max(abs(threshold.lo), abs(threshold.hi))
        guard size > 1e-9, size.isFinite, margin.lo.isFinite, margin.hi.isFinite else { return nil }
        return Interval(margin.lo / size, margin.hi / size)
    }
}
