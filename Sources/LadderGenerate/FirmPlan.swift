import LadderCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a firm means to do over its history, drawn from the calibration's rates before any figure:
/// which rung it aims at and when, when it renews, moves or deregisters. Whether it gets each
/// certificate is for the rules to say on the data of the application year (`FirmHistory`).
struct FirmPlan {
    enum Track { case highTech, techSME, candidate, ordinary }

    var track = Track.ordinary
    /// Years of HNTE certificates applied for: the first and each renewal.
    var highTechYears: [Int] = []
    /// Years of tech-SME registrations applied for (required of tech SMEs, optional before an HNTE).
    var smeYears: [Int] = []
    var smeRequired = true
    /// Applies for the leading list each year it holds a valid HNTE certificate (from 2021).
    var leading = false
    /// Figures decline after the last certificate.
    var declines = false
    var founded: Day
    var deregistered: Day?
    /// Moves to another district (index in `District.qingdao`) on 1 January of a year.
    var move: (year: Int, district: Int)?

    static let salt: UInt64 = 0x61

    init(seed: UInt64, index: Int, plan: Plan) {
        var rng = RandomStream(seed: seed, item: index, salt: Self.salt)
        let horizon = plan.year
        // The track comes from a golden-ratio sequence over the index rather than an independent draw, so
        // that any run of firms holds each track in almost exactly its share (counts within a firm or two
        // of the calibration at any scale); `within` places the firm inside its track's share and decides
        // how long it stays, the same way.
        var mix = SplitMix64(state: seed ^ 0x5EED)
        let offset = Double(mix.next() >> 11) * 0x1.0p-53
        var u = (offset + Double(index) * 0.618_033_988_749_894_8).truncatingRemainder(dividingBy: 1)
        var entry: Int?
        var within = 0.0
        for (year, chance) in plan.highTechEntry where entry == nil {
            if u < chance { entry = year; track = .highTech; within = u / chance } else { u -= chance }
        }
        for (year, chance) in plan.smeEntry where entry == nil {
            if u < chance { entry = year; track = .techSME; within = u / chance } else { u -= chance }
        }
        if entry == nil && u < plan.candidates { track = .candidate }
        var foundedYear: Int
        var hazard = plan.deregOther
        switch track {
        case .highTech:
            let first = entry ?? horizon
            var y = first
            highTechYears = [first]
            // Renewed k times when `within` < renewal^k: exactly the calibration's share per cohort.
            while y + 3 <= horizon && within < pow(plan.renewal, Double(highTechYears.count)) {
                y += 3
                highTechYears.append(y)
            }
            if first - 1 >= plan.smeStart && rng.chance(plan.smeBefore) {
                smeYears = [first - 1]
                smeRequired = false
            }
            leading = rng.chance(plan.leadingShare)
            declines = rng.chance(plan.decline)
            foundedYear = first - 2 - min(25, rng.count(mean: leading ? 14 : 6))
            hazard = plan.deregCertified
        case .techSME:
            let first = entry ?? horizon
            smeYears = [first]
            while smeYears.count < 30, let last = smeYears.last, last < horizon,
                within < pow(plan.continuation, Double(smeYears.count))
            {
                smeYears.append(last + 1)
            }
            foundedYear = first - 1 - min(20, rng.count(mean: 4))
            hazard = plan.deregCertified
        case .candidate, .ordinary:
            // About 3% founded in the calibration year, else roughly exponential with a mean of 7 years.
            foundedYear = rng.chance(0.03) ? horizon : horizon - min(30, rng.count(mean: 6.5))
        }
        foundedYear = max(1985, foundedYear)
        founded = Day(year: foundedYear, month: rng.int(1...12), day: rng.int(1...28)) ?? Day(ordinal: 0)
        // Deregistration: a yearly hazard from the year after founding (or after entry).
        let from = max(foundedYear + 1, (entry ?? foundedYear) + 1)
        if from <= horizon {
            for y in from...horizon where deregistered == nil && rng.chance(hazard) {
                deregistered = Day(year: y, month: rng.int(1...12), day: rng.int(1...28))
            }
        }
        if let gone = deregistered {
            // Applications after the deregistration date are never made (`FirmHistory.certify`).
            highTechYears.removeAll { $0 > gone.year }
            smeYears.removeAll { $0 > gone.year }
            if track == .highTech && highTechYears.isEmpty { track = .candidate }
            if track == .techSME && smeYears.isEmpty { track = .candidate }
        }
        if rng.chance(plan.move) && foundedYear < horizon {
            move = (rng.int((foundedYear + 1)...horizon), rng.pick(weights: plan.districtWeights))
        }
    }

    /// The last year any certificate is applied for.
    var lastApplication: Int? { max(highTechYears.last ?? 0, smeYears.last ?? 0) == 0 ? nil
        : max(highTechYears.last ?? 0, smeYears.last ?? 0) }
}
