import LadderCore

extension NearMissSearch {
    /// Each move's closest step towards one failing condition fewer, found at one step of a greedy run
    /// and still true at the next while the moves taken since change none of the conditions it can
    /// change (`NearMissReach.shareConditions`): a condition then reads what at most one of the two
    /// writes, so the move lowers the failing count by the same at every amount, with or without the
    /// other, and its least amount for the goal is the same.
    struct CarriedSteps {
        /// By `NearMissMove.index`: not known (`.none`), or the step found (itself nil: none).
        private var found = [NearMissStep??](repeating: .none, count: NearMissMove.allCases.count)

        subscript(move: NearMissMove) -> NearMissStep?? {
            get { found[move.index] }
            set { found[move.index] = newValue }
        }

        /// After `taken` is applied: forgets the moves that may share a condition with it.
        mutating func taken(_ taken: NearMissMove, reach: NearMissReach) {
            for move in NearMissMove.allCases where found[move.index] != nil && reach.shareConditions(taken, move) {
                found[move.index] = .none
            }
        }
    }
}
