import LadderCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rates a calibration implies for one firm: the chance that a firm of the registry first earns its
/// HNTE certificate or tech-SME registration in each year, renews, lapses, moves or deregisters.
///
/// Entry rates are solved from the published counts: the firms certified on 31 December of a year are
/// the entrants of earlier years still renewed and active, so each year's entrants are its count less
/// what the earlier entrants carry into it. Every rate is per firm, so firm *i* does not depend on the
/// scale and counts scale with it.
struct Plan: Sendable {
    /// The calibration year: histories end on 31 December of it.
    let year: Int
    /// Firms in the registry at scale 1.
    let registry: Double
    /// First year of each series: certificates and registrations are on record from it.
    let highTechStart: Int, smeStart: Int
    /// Chance per firm of a first HNTE certificate (or first tech-SME registration) in each year.
    let highTechEntry: [(year: Int, chance: Double)]
    let smeEntry: [(year: Int, chance: Double)]
    let candidates: Double
    let renewal: Double, continuation: Double, smeBefore: Double
    let deregCertified: Double, deregOther: Double, move: Double, decline: Double
    let advancedShare: Double
    /// Chance that an HNTE firm is large enough to aim at the leading list.
    let leadingShare: Double
    /// District weights in `District.qingdao` order.
    let districtWeights: [Double]
    let contractTurnover: [Int: Double]
    let brokers: [Int: Double]
    let platforms: [Int: Double]

    /// Contract amounts are log-uniform between these (yuan); their mean sets the count per year.
    static let contractLow = 500_000.0, contractHigh = 20_000_000.0
    static var contractMean: Double { (contractHigh - contractLow) / log(contractHigh / contractLow) }

    init(_ calibration: Calibration) throws(CalibrationError) {
        func value(_ id: String) -> Double { calibration.value(id) ?? 0 }
        year = calibration.year
        registry = value("registry.firms")
        renewal = value("high-tech.renewal")
        continuation = value("tech-sme.continuation")
        smeBefore = value("tech-sme.before-high-tech")
        deregCertified = value("deregistration.certified")
        deregOther = value("deregistration.other")
        move = value("move")
        decline = value("audit.decline")
        candidates = value("candidates")
        advancedShare = value("high-tech.share.advanced-manufacturing")
        guard registry >= 1 else { throw Self.fail(calibration, "registry.firms must be at least 1") }
        let highTech = Self.filled(calibration.series("high-tech"), through: year)
        let sme = Self.filled(calibration.series("tech-sme"), through: year)
        highTechStart = highTech.first?.year ?? year
        smeStart = sme.first?.year ?? year
        guard highTechStart >= 2016, smeStart >= 2018 else {
            throw Self.fail(calibration, "high-tech counts must start in 2016 or later and tech-sme counts in 2018 or later (the rulebooks' first versions)")
        }
        let survive = 1 - deregCertified
        // Entrants per year: the year's count less what earlier entrants carry into it.
        var entrants: [Int: Double] = [:]
        for (y, count) in highTech {
            var carried = 0.0
            for (first, n) in entrants {
                carried += n * pow(renewal, Double((y - first) / 3)) * pow(survive, Double(y - first))
            }
            entrants[y] = max(0, count - carried)
        }
        let registry = self.registry
        let highTechEntry: [(year: Int, chance: Double)] = highTech.map { ($0.year, (entrants[$0.year] ?? 0) / registry) }
        self.highTechEntry = highTechEntry
        var smeEntrants: [Int: Double] = [:]
        for (y, count) in sme {
            // First-time HNTE applicants of next year registered as tech SMEs this year count here too
            // (none after the calibration year: histories end there).
            let before = y < year ? smeBefore * (entrants[y + 1] ?? 0) : 0
            var carried = 0.0
            for (first, n) in smeEntrants { carried += n * pow(continuation * survive, Double(y - first)) }
            smeEntrants[y] = max(0, count - before - carried)
        }
        let smeEntry: [(year: Int, chance: Double)] = sme.map { ($0.year, (smeEntrants[$0.year] ?? 0) / registry) }
        self.smeEntry = smeEntry
        var used = candidates
        for entry in highTechEntry { used += entry.chance }
        for entry in smeEntry { used += entry.chance }
        guard used <= 1 else {
            throw Self.fail(calibration, "registry.firms is too small for the counts: the entrants need \(Int(used * registry)) firms")
        }
        let leading = calibration.series("leading")[year] ?? 0
        leadingShare = min(1, 1.15 * leading / max(1, highTech.last?.count ?? 1))
        let shares = calibration.byDistrict("district.share")
        districtWeights = District.qingdao.map { shares[$0.code] ?? 0 }
        contractTurnover = calibration.series("contract-turnover")
        brokers = calibration.series("brokers")
        platforms = calibration.series("platforms")
    }

    static func fail(_ calibration: Calibration, _ message: String) -> CalibrationError {
        CalibrationError(file: calibration.id, line: 0, column: 0, message: message)
    }

    /// A series with the years between given ones filled in linearly, from its first year to `last`.
    static func filled(_ series: [Int: Double], through last: Int) -> [(year: Int, count: Double)] {
        let years = series.keys.sorted()
        guard let first = years.first else { return [] }
        var out: [(Int, Double)] = []
        for y in first...max(first, last) {
            if let v = series[y] {
                out.append((y, v))
            } else {
                let before = years.last { $0 < y }, after = years.first { $0 > y }
                if let before, let after, let a = series[before], let b = series[after] {
                    out.append((y, a + (b - a) * Double(y - before) / Double(after - before)))
                } else if let before, let a = series[before] {
                    out.append((y, a))
                }
            }
        }
        return out
    }

    /// A cumulative count for a year at a scale: the calibration's figure, or the nearest earlier one.
    static func count(_ series: [Int: Double], year: Int, scale: Double) -> Int {
        let known = series.keys.filter { $0 <= year }.max() ?? series.keys.min()
        guard let known, let value = series[known] else { return 0 }
        return Int((value * scale).rounded())
    }
}
