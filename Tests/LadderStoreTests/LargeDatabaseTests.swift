import Foundation
import LadderCore
import Testing
@testable import LadderStore

/// Timings on a large database built by `techladder import --db`, run only when
/// `TECHLADDER_BENCH_DB` names one (e.g. the 1,000,000-firm database of Benchmarks/run.sh):
/// `TECHLADDER_BENCH_DB=bench-out/bench.sqlite swift test -c release --filter LargeDatabase`.
@Suite("Large database timings", .enabled(if: ProcessInfo.processInfo.environment["TECHLADDER_BENCH_DB"] != nil))
struct LargeDatabaseTests {
    let path = ProcessInfo.processInfo.environment["TECHLADDER_BENCH_DB"] ?? ""

    @Test("tier counts per district over the latest snapshot take under 2 seconds")
    func tallyIsFast() throws {
        let store = try RegistryStore(path: path)
        let snapshot = try #require(try store.latestSnapshot())
        let clock = ContinuousClock()
        let start = clock.now
        let counts = try store.certifiedTierCounts(in: snapshot)
        let elapsed = clock.now - start
        print("tier counts over \(snapshot.counts.enterprises) firms: \(elapsed)")
        #expect(counts.map(\.firms).reduce(0, +) <= snapshot.counts.enterprises)
        #expect(elapsed < .seconds(2))
    }

    @Test("streaming every firm back from the database")
    func streamAll() throws {
        let store = try RegistryStore(path: path)
        let snapshot = try #require(try store.latestSnapshot())
        let clock = ContinuousClock()
        let start = clock.now
        var firms = 0, certificates = 0
        try store.forEachEnterprise(in: snapshot) { firm in
            firms += 1
            certificates += firm.certifications.count
        }
        print("rebuilt \(firms) firms (\(certificates) certificates) in \(clock.now - start)")
        #expect(firms == snapshot.counts.enterprises)
    }
}
