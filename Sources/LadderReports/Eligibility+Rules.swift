import LadderCore
import LadderRules

extension Eligibility {
    /// The eligibility of an assessed firm: the highest qualified rung and the rungs left undetermined.
    public init(_ assessment: FirmAssessment) {
        var undetermined: Set<Tier> = []
        for rung in assessment.rungs where rung.verdict == .undetermined { undetermined.insert(rung.tier) }
        self.init(assessment.eligible, undetermined: undetermined)
    }
}

extension Eligibility {
    /// The eligibility of a firm from its verdicts alone (`Ladder.verdicts(_:asOf:)`).
    public init(_ verdicts: RungVerdicts) {
        self.init(verdicts.eligible, undetermined: verdicts.undetermined)
    }
}
