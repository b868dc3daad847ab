import Foundation
import GRDB
import StoreSupport
import LadderCore

/// Each firm's stored verdicts of a snapshot packed in one byte, indexed by `enterprise_id − low`:
/// bit 7 assessed, bits 0–1 the highest rung with `pass`, bits 2–4 the rungs with `unknown`
/// (tech-sme, high-tech, leading).
///
/// Built from one ordered scan of `firm_verdict` (schema v4: one row per firm, keyed by its row id),
/// with no join, SQL aggregation or sort.
enum VerdictCodes {
    /// Computes the codes on a connection.
    static func compute(_ db: Database, snapshot: Int64, range: ClosedRange<Int64>) throws -> [UInt8] {
        let low = range.lowerBound
        var codes = [UInt8](repeating: 0, count: Int(range.upperBound - low) + 1)
        let rungs = Tier.allCases
        let verdicts = try RawRows(
            db, sql: """
                SELECT enterprise_id, \(rungs.map { "\(AssessmentWriter.column($0))_verdict" }.joined(separator: ", "))
                FROM firm_verdict WHERE enterprise_id BETWEEN ? AND ?
                """, arguments: [range.lowerBound, range.upperBound])
        while try verdicts.next() {
            let index = Int(verdicts.int(0) - low)
            guard index >= 0 && index < codes.count else { continue }
            var code: UInt8 = 0
            for (column, tier) in rungs.enumerated() {
                let rung = UInt8(tier.rung)
                switch verdicts.firstByte(Int32(column + 1)) {
                case UInt8(ascii: "p"): code = (code & ~3) | max(code & 3, rung)
                case UInt8(ascii: "u"): code |= 2 << rung
                case nil: continue
                default: break
                }
                code |= 128
            }
            codes[index] = code
        }
        return codes
    }

    /// Computes the codes on a second connection to the same file, on another thread; `wait()` returns them.
    static func background(path: String, snapshot: Int64, range: ClosedRange<Int64>) -> BackgroundResult<[UInt8]> {
        let pending = BackgroundResult<[UInt8]>()
        pending.start {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in try compute(db, snapshot: snapshot, range: range) }
        }
        return pending
    }
}
