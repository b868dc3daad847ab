import Foundation
import Testing
@testable import LadderStore

/// The stored timestamps (`imported_at`, the audit trail's `at`) are written and read by the value-type
/// ISO 8601 style; the text must stay what the formatter wrote before, so old databases read the same.
@Suite("Stored timestamps")
struct TimestampTests {
    static let dates: [Date] = [
        Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_767_605_400), Date(timeIntervalSince1970: 951_782_399),
        Date(timeIntervalSince1970: 4_102_444_800), Date(timeIntervalSince1970: 1_798_761_599.75),
    ]

    @Test("A timestamp is written as the ISO 8601 formatter writes it, and reads back to the same second")
    func sameTextBothWays() throws {
        let formatter = RegistryStore.timestampFormatter()
        for date in Self.dates {
            let text = RegistryStore.stamp(date)
            #expect(text == formatter.string(from: date))
            let parsed = try Date(text, strategy: .iso8601)
            #expect(parsed == formatter.date(from: text))
            #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) < 0.001)
        }
    }
}
