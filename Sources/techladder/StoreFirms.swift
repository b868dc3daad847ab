import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

/// Firms of a database snapshot with what the rules say about them, read the way `tally --db` reads
/// them: the verdicts `techladder assess` stored for the snapshot when there are any (and the date is
/// its export date), else assessed now with the rulebooks. The one place `firms` and the district
/// filters of `tally`, `progress` and `report` read firms back from a database.
enum StoreFirms {
    /// Where eligibility came from, for a note: the stored verdicts (`assessedNow` firms had none —
    /// imported after the last `assess` — and were assessed with the rulebooks), the rulebooks, or nowhere.
    enum Source: Equatable {
        case stored(assessedNow: Int)
        case assessed
        case none

        /// The note the reading commands print.
        var note: Note? {
            switch self {
            case .stored(0):
                Note(zh: "符合条件取自 `techladder assess` 存储的结论。",
                     en: "Eligibility from the verdicts stored by `techladder assess`.")
            case .stored(let count):
                Note(zh: "符合条件取自 `techladder assess` 存储的结论；其后导入的 \(count) 家企业没有存储的结论，已按规则即时评估"
                        + "（运行 `techladder assess` 可存储）。",
                     en: "Eligibility from the verdicts stored by `techladder assess`; \(count) firm(s) imported after it "
                        + "had none and were assessed now with the rulebooks (run `techladder assess` to store them).")
            case .assessed:
                Note(zh: "符合条件按规则即时评估（该快照和日期没有存储的结论）。",
                     en: "Eligibility assessed now with the rulebooks (no verdicts stored for this snapshot and date).")
            case .none: nil
            }
        }
    }

    /// Calls `body` for every firm of `snapshot` with its eligibility on `day` (nil when `ladder` is nil
    /// and nothing is stored for the firm).
    @discardableResult
    static func forEach(
        _ store: RegistryStore, _ snapshot: DatedSnapshot, on day: Day, ladder: Ladder?,
        _ body: (Enterprise, Eligibility?) throws -> Void
    ) throws -> Source {
        if day == snapshot.exportedAt, try store.assessmentCoverage(in: snapshot).stored {
            var stored: [String: RungVerdictsBuilder] = [:]
            for verdict in try store.assessments(in: snapshot) { stored[verdict.firmID, default: .init()].add(verdict) }
            var assessedNow = 0
            try store.forEachEnterprise(in: snapshot) { firm in
                if let verdicts = stored[firm.id] { return try body(firm, verdicts.eligibility) }
                // A firm of a file imported after the last `assess`: never counted as not eligible unasked.
                assessedNow += 1
                try body(firm, ladder.map { Eligibility($0.verdicts(firm, asOf: day)) })
            }
            return .stored(assessedNow: assessedNow)
        }
        guard let ladder else {
            try store.forEachEnterprise(in: snapshot) { try body($0, nil) }
            return .none
        }
        try store.forEachEnterprise(in: snapshot) { firm in
            try body(firm, Eligibility(ladder.verdicts(firm, asOf: day)))
        }
        return .assessed
    }

    /// Stored verdicts of one firm, gathered rung by rung.
    struct RungVerdictsBuilder {
        var eligible: Tier?
        var undetermined: Set<Tier> = []

        mutating func add(_ verdict: Assessment) {
            switch verdict.verdict {
            case .pass: eligible = max(eligible ?? verdict.tier, verdict.tier)
            case .unknown: undetermined.insert(verdict.tier)
            case .fail: break
            }
        }

        var eligibility: Eligibility { Eligibility(eligible, undetermined: undetermined) }
    }
}
