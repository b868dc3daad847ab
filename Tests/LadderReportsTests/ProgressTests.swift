import Foundation
import LadderCore
import LadderReports
import Testing

@Suite("Progress toward the targets")
struct ProgressTests {
    func day(_ text: String) throws -> Day { try #require(Day(text)) }

    func target(_ value: Int, baseline: Int? = nil) -> IndicatorTarget {
        IndicatorTarget(indicator: .techEnterprises, name: "科技型企业", value: .count(value),
                        baseline: Baseline(year: 2023, status: baseline == nil ? .unknown : .known,
                                           value: baseline.map { .count($0) }))
    }

    @Test("the compound growth rate doubles in n years at 2^(1/n) − 1", arguments: [
        (11_000.0, 22_000.0, 3.0, 0.259921), (100.0, 121.0, 2.0, 0.1), (632.0, 1200.0, 5.0, 0.137), (5.0, 5.0, 1.0, 0.0),
    ])
    func cagr(start: Double, end: Double, years: Double, expected: Double) throws {
        let rate = try #require(Growth.compound(from: start, to: end, years: years))
        #expect(abs(rate - expected) < 0.0005)
    }

    @Test("no growth rate from zero, to zero, or over no time")
    func cagrUndefined() {
        #expect(Growth.compound(from: 0, to: 10, years: 2) == nil)
        #expect(Growth.compound(from: 10, to: 10, years: 0) == nil)
    }

    @Test("share, gap, baseline multiple and required growth from 2025-12-31 to 2028-12-31")
    func requiredGrowth() throws {
        let reading = IndicatorReading(indicator: .techEnterprises, value: .count(11_000), date: try day("2025-12-31"))
        let item = IndicatorProgress(target: target(22_000, baseline: 10_000), reading: reading, deadline: try day("2028-12-31"))
        #expect(item.share == 0.5)
        #expect(item.gap == .count(11_000))
        #expect(item.ofBaseline == 1.1)
        #expect(!item.isMet)
        let years = try #require(item.yearsLeft)
        #expect(abs(years - 1096 / 365.2425) < 1e-9)
        let growth = try #require(item.requiredGrowth)
        #expect(abs(growth - (pow(2, 1 / years) - 1)) < 1e-12)
        #expect(abs(growth - 0.2599) < 0.001)
        #expect(item.trend == nil, "one reading gives no trend")
    }

    @Test("a 'more than' target is met only when exceeded")
    func exceeding() throws {
        let deadline = try day("2028-12-31")
        let at = IndicatorProgress(target: target(200), reading: IndicatorReading(
            indicator: .platforms, value: .count(200), date: try day("2025-12-31")), deadline: deadline)
        #expect(!at.isMet)
        let above = IndicatorProgress(target: target(200), reading: IndicatorReading(
            indicator: .platforms, value: .count(201), date: try day("2025-12-31")), deadline: deadline)
        #expect(above.isMet)
        #expect(above.requiredGrowth == nil)
        #expect(above.gap == .count(-1))
    }

    @Test("a trend of 10% a year projects the year a target is passed")
    func trend() throws {
        let points = try [("2023-12-31", 1000), ("2024-12-31", 1100), ("2025-12-31", 1210)].map {
            IndicatorReading(indicator: .techEnterprises, value: .count($0.1), date: try day($0.0))
        }
        let trend = try #require(Trend(points: points, target: .count(2000), deadline: try day("2028-12-31")))
        #expect(abs(trend.annualGrowth - 0.1) < 0.001)
        // ln(2000/1210)/ln(1.1) ≈ 5.27 years after 2025-12-31.
        #expect(trend.projectedYear == 2031)
        #expect(!trend.onTrack)
        let fast = try #require(Trend(points: points, target: .count(1500), deadline: try day("2028-12-31")))
        #expect(fast.projectedYear == 2028)
        #expect(fast.onTrack)
    }

    @Test("a falling or flat trend never reaches the target")
    func fallingTrend() throws {
        let points = try [("2024-12-31", 1000), ("2025-12-31", 900)].map {
            IndicatorReading(indicator: .brokers, value: .count($0.1), date: try day($0.0))
        }
        let trend = try #require(Trend(points: points, target: .count(3400), deadline: try day("2028-12-31")))
        #expect(trend.annualGrowth < 0)
        #expect(trend.projectedYear == nil)
        #expect(!trend.onTrack)
    }

    @Test("snapshots give the trend; the newest snapshot wins for a date")
    func snapshots() throws {
        let targets = try GoldenRegistry.targets()
        let old = IndicatorSnapshot(asOf: try day("2024-12-31"), values: [.techEnterprises: .count(10_000)])
        let mid = IndicatorSnapshot(asOf: try day("2025-06-30"), values: [.techEnterprises: .count(10_500)])
        let now = IndicatorSnapshot(asOf: try day("2025-12-31"), values: [.techEnterprises: .count(11_000), .brokers: .count(2000)])
        let progress = Progress(latest: now, history: [mid, old], targets: targets)
        let firms = try #require(progress.progress(of: .techEnterprises))
        #expect(firms.trend?.points.count == 3)
        #expect(firms.reading?.value == .count(11_000))
        #expect(progress.progress(of: .platforms)?.reading == nil, "no platform data is unknown, not zero")
        #expect(progress.table().contains("无数据"))
        let json = try progress.json()
        #expect(json.contains("\"projectedYear\""))
        #expect(json.contains("\"status\" : \"derived\""))
    }
}
