import GRDB
import StoreSupport
import LadderCore

/// Each firm's highest rung with a certificate valid on a date, read from `firm_facts.certification`
/// in `enterprise_id` order (firms holding no certificate are absent): the store's twin of
/// `Enterprise.certifiedTier(on:)`. Dates are compared as the `YYYY-MM-DD` text they are stored as,
/// as SQL compares them: valid when `issued <= day`, `valid_until >= day` and `revoked` is NULL or
/// after the day.
struct CertifiedRungs {
    private let rows: RawRows
    private let day: [UInt8]
    private var buffer: [UInt8] = []
    /// The firm of the last ``next()`` and its rung (0: certificates, none valid on the day).
    private(set) var id: Int64 = 0
    private(set) var rung = 0

    init(_ db: Database, range: ClosedRange<Int64>, on day: String) throws {
        rows = try RawRows(
            db, sql: """
                SELECT enterprise_id, certification FROM firm_facts
                WHERE enterprise_id BETWEEN ? AND ? AND certification IS NOT NULL ORDER BY enterprise_id
                """, arguments: [range.lowerBound, range.upperBound])
        self.day = Array(day.utf8)
    }

    /// Advances to the next firm holding certificates; false after the last.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    mutating func next() throws -> Bool {
        guard try rows.next() else { return false }
        id = rows.int(0)
        _ = rows.copyText(1, into: &buffer)
        let day = self.day
        let rungs = try FactsDecoder.list(buffer, column: "certification") { d -> Int in
            let kind = try d.stringBytes()
            try d.skip()
            let issued = try d.stringBytes()
            try d.skip()
            let revoked = try d.stringBytes()
            let validUntil = try d.stringBytes()
            guard let kind, let issued, let validUntil,
                  !day.lexicographicallyPrecedes(issued), !validUntil.lexicographicallyPrecedes(day)
            else { return 0 }
            if let revoked, !day.lexicographicallyPrecedes(revoked) { return 0 }
            return Tier.allCases.first { $0.rawValue.utf8.elementsEqual(kind) }?.rung ?? 0
        }
        rung = rungs.max() ?? 0
        return true
    }
}

/// Per finance year, the sum of one figure over a part's firms that report it and how many report it,
/// read from `firm_facts.finance` (shadowed firms left out).
enum FinanceSums {
    /// - Parameters:
    ///   - field: the figure summed.
    ///   - range: the part's firm row ids; `part`: its snapshot id (for the shadowed firms).
    ///   - years: the years wanted, or nil for all.
    /// - Throws: `DatabaseError`, ``StoreError/corruptValue(table:column:value:)``.
    static func compute(
        _ db: Database, field: FinanceField, range: ClosedRange<Int64>, part: Int64, years: ClosedRange<Int>? = nil
    ) throws -> [Int: (sum: Int64, reporting: Int)] {
        let rows = try RawRows(
            db, sql: """
                SELECT finance FROM firm_facts
                WHERE enterprise_id BETWEEN ?1 AND ?2 AND finance IS NOT NULL
                  AND enterprise_id NOT IN (SELECT enterprise_id FROM enterprise WHERE snapshot_id = ?3 AND shadowed = 1)
                """, arguments: [range.lowerBound, range.upperBound, part])
        var sums: [Int: (sum: Int64, reporting: Int)] = [:]
        var buffer: [UInt8] = []
        let wanted = FactLayout.financeIndex(field)
        var found: [(year: Int, value: Int64?)] = []
        while try rows.next() {
            _ = rows.copyText(0, into: &buffer)
            found.removeAll(keepingCapacity: true)
            if !scan(buffer, wanted, into: &found) {
                // Not the plain integers the writer and the migration write: the decoder says what is wrong.
                found = try FactsDecoder.list(buffer, column: "finance") { d -> (year: Int, value: Int64?) in
                    let year = try d.requiredInt()
                    for _ in 1..<wanted { try d.skip() }
                    return (year, try d.int64())
                }
            }
            for (year, value) in found {
                guard let value, years?.contains(year) ?? true else { continue }
                let known = sums[year] ?? (0, 0)
                sums[year] = (known.sum + value, known.reporting + 1)
            }
        }
        return sums
    }

    /// Reads each element's year (field 0) and field `wanted` from finance text made only of integers,
    /// `null`, brackets and commas, in one pass over the bytes; false for anything else.
    private static func scan(_ bytes: [UInt8], _ wanted: Int, into found: inout [(year: Int, value: Int64?)]) -> Bool {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return false }
        var index = 1
        let end = bytes.count - 1
        while index < end {
            guard bytes[index] == UInt8(ascii: "[") else { return false }
            index += 1
            var field = 0
            var year: Int64?
            var value: Int64?
            while true {
                // One field: an integer or null, then ',' or ']'.
                var number: Int64 = 0
                var isNull = false
                if bytes[index] == UInt8(ascii: "n") {
                    guard index + 4 < end, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
                          bytes[index + 3] == UInt8(ascii: "l") else { return false }
                    isNull = true
                    index += 4
                } else {
                    let negative = bytes[index] == UInt8(ascii: "-")
                    if negative { index += 1 }
                    let start = index
                    while index < end, bytes[index] &- 48 < 10 {
                        guard number < 922_337_203_685_477_580 else { return false }
                        number = number * 10 + Int64(bytes[index] &- 48)
                        index += 1
                    }
                    guard index > start else { return false }
                    if negative { number = -number }
                }
                if field == 0 { guard !isNull else { return false }; year = number }
                if field == wanted { value = isNull ? nil : number }
                field += 1
                guard index < end else { return false }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { return false }
                index += 1
                break
            }
            guard let year, field > wanted, let narrow = Int(exactly: year) else { return false }
            found.append((narrow, value))
            if index < end {
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index += 1
            }
        }
        return true
    }
}
