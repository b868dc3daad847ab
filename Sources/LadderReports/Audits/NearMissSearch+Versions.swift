import LadderCore
import LadderRules

extension NearMissSearch {
    /// Per rule version: its moves, the gates and prerequisites some move can change, and what each
    /// move can reach.
    final class VersionMoves {
        typealias Known = (moves: [NearMissMove], changeable: Set<ObjectIdentifier>, reach: NearMissReach,
                           solvers: [NearMissSolver?])
        private var known: [ObjectIdentifier: Known] = [:]

        func of(_ version: RuleVersion) -> Known {
            if let found = known[ObjectIdentifier(version)] { return found }
            let moves = NearMissMove.moves(for: version)
            var changeable: Set<ObjectIdentifier> = []
            for criterion in version.criteria
            where moves.contains(where: { $0.touches(criterion.expression, kind: criterion.kind) }) {
                changeable.insert(ObjectIdentifier(criterion))
            }
            let reach = NearMissReach(version: version, moves: moves)
            // By `NearMissMove.index` (a move hashes its raw value, a string).
            var solvers = [NearMissSolver?](repeating: nil, count: NearMissMove.allCases.count)
            for move in moves { solvers[move.index] = NearMissSolver(version: version, move: move, reach: reach) }
            let found = (moves, changeable, reach, solvers)
            known[ObjectIdentifier(version)] = found
            return found
        }

        /// Missing facts' Chinese names (`MissingFact.chinese`), by name: the same few names come up for
        /// thousands of firms.
        private var chineseNames: [String: String] = [:]

        func chinese(_ name: String) -> String {
            if let known = chineseNames[name] { return known }
            let made = MissingFact.chinese(name)
            chineseNames[name] = made
            return made
        }

        /// Solvers for moves a version does not name, made when a rung above reads its verdict and moves
        /// by such a lever (leading's revenue on high-tech): by version, then `NearMissMove.index`.
        private var others: [ObjectIdentifier: [NearMissSolver??]] = [:]

        /// The solver of `move` under `version`, whether or not the version names the move.
        func solver(_ version: RuleVersion, _ move: NearMissMove) -> NearMissSolver? {
            let found = of(version)
            if found.moves.contains(move) { return found.solvers[move.index] }
            var table = others[ObjectIdentifier(version)] ?? .init(repeating: .none, count: NearMissMove.allCases.count)
            if case .some(let known) = table[move.index] { return known }
            let made = NearMissSolver(version: version, move: move, reach: NearMissReach(version: version, moves: [move]))
            table[move.index] = .some(made)
            others[ObjectIdentifier(version)] = table
            return made
        }
    }
}
