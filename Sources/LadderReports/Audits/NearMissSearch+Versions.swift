import LadderCore
import LadderRules
import Synchronization

extension NearMissSearch {
    /// Per rule version: its moves, the gates and prerequisites some move can change, and what each
    /// move can reach.
    final class VersionMoves {
        /// One version's moves, its gates and prerequisites some move can change, what each move can reach
        /// and each move's solver (by `NearMissMove.index`). A class: the search hands it around per probe.
        final class Known: Sendable {
            let moves: [NearMissMove]
            let changeable: Set<ObjectIdentifier>
            let reach: NearMissReach
            let solvers: [NearMissSolver?]

            init(moves: [NearMissMove], changeable: Set<ObjectIdentifier>, reach: NearMissReach,
                 solvers: [NearMissSolver?]) {
                self.moves = moves
                self.changeable = changeable
                self.reach = reach
                self.solvers = solvers
            }
        }
        private var known: [ObjectIdentifier: Known] = [:]
        /// Worked out once per process, not per search: the audit's two workers and every web request for
        /// a firm page read the same (tens of millions of instructions per version). An entry holds its
        /// version, so the identifier is not reused for another while cached; past `sharedLimit` versions
        /// (rules loaded again and again, as by tests) the table starts afresh.
        private static let shared = Mutex<[ObjectIdentifier: (version: RuleVersion, known: Known)]>([:])
        private static let sharedLimit = 64

        func of(_ version: RuleVersion) -> Known {
            let key = ObjectIdentifier(version)
            if let found = known[key] { return found }
            // Made under the lock: a search starting beside another waits for its table, not makes its own.
            let found = Self.shared.withLock { cache in
                if let made = cache[key] { return made.known }
                let made = Self.make(version)
                if cache.count >= Self.sharedLimit { cache.removeAll() }
                cache[key] = (version, made)
                return made
            }
            known[key] = found
            return found
        }

        private static func make(_ version: RuleVersion) -> Known {
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
            return Known(moves: moves, changeable: changeable, reach: reach, solvers: solvers)
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
