import Foundation
import GRDB
import StoreSupport

/// Each firm's stored verdicts of a snapshot packed in one byte, indexed by `enterprise_id − low`:
/// bit 7 assessed, bits 0–1 the highest rung with `pass`, bits 2–4 the rungs with `unknown`
/// (tech-sme, high-tech, leading).
///
/// Built by merging two scans in firm-id order, with no SQL aggregation and no sort: the `assessment`
/// key `(snapshot_id, firm_id, tier)` and the `enterprise_by_id` index `(id, snapshot_id)`.
enum VerdictCodes {
    /// Computes the codes on a connection.
    static func compute(_ db: Database, snapshot: Int64, range: ClosedRange<Int64>) throws -> [UInt8] {
        let low = range.lowerBound
        var codes = [UInt8](repeating: 0, count: Int(range.upperBound - low) + 1)
        let firms = try RawRows(
            db, sql: "SELECT id, enterprise_id FROM enterprise INDEXED BY enterprise_by_id WHERE snapshot_id = ? ORDER BY id",
            arguments: [snapshot])
        let verdicts = try RawRows(
            db, sql: "SELECT firm_id, tier, verdict FROM assessment WHERE snapshot_id = ? ORDER BY firm_id, tier",
            arguments: [snapshot])
        var haveFirm = try firms.next()
        while try verdicts.next() {
            guard !verdicts.isNull(0) else { continue }
            // Advance the firms to this verdict's firm (both sides in BINARY collation order).
            var order = 1
            while haveFirm, let found = firms.compareText(0, with: verdicts, 0) {
                order = found
                if order >= 0 { break }
                haveFirm = try firms.next()
            }
            guard haveFirm, order == 0 else { continue }
            let index = Int(firms.int(1) - low)
            guard index >= 0 && index < codes.count else { continue }
            let rung: UInt8 = switch verdicts.firstByte(1) {
            case UInt8(ascii: "t"): 1
            case UInt8(ascii: "h"): 2
            case UInt8(ascii: "l"): 3
            default: 0
            }
            var code = codes[index] | 128
            switch verdicts.firstByte(2) {
            case UInt8(ascii: "p"): code = (code & ~3) | max(code & 3, rung)
            case UInt8(ascii: "u") where rung > 0: code |= 2 << rung
            default: break
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
