import LadderCore
import LadderRules

/// Certificates: the firm applies in the years its plan says, and a certificate is issued only when the
/// shipped rulebooks say it meets the rung on the data of that date.
extension FirmHistory {
    static let certifySalt: UInt64 = 0x7A

    /// One application: its rung, date and whether the plan needs it to pass.
    struct Application {
        var tier: Tier
        var date: Day
        var required: Bool
    }

    /// Draws the firm, certifying it, up to `attempts` times: an attempt whose required application
    /// fails is drawn again (the firms that applied are the ones whose figures passed); the last attempt
    /// keeps what passed.
    static func make(seed: UInt64, index: Int, rates: Plan, assessor: Assessor, attempts: Int = 4) -> FirmHistory {
        let plan = FirmPlan(seed: seed, index: index, plan: rates)
        let identity = FirmIdentity(seed: seed, index: index, registeredOn: plan.founded,
                                    districtWeights: rates.districtWeights)
        var attempt = 0
        while true {
            var firm = FirmHistory(seed: seed, index: index, plan: plan, identity: identity, rates: rates, attempt: attempt)
            let final = attempt + 1 >= attempts
            if firm.certify(seed: seed, attempt: attempt, horizon: rates.year, assessor: assessor, final: final) {
                return firm
            }
            attempt += 1
        }
    }

    /// Applies for every planned certificate in date order. Returns false (and stops) when a required
    /// one fails, unless `final`, when failures are simply not certified.
    mutating func certify(seed: UInt64, attempt: Int, horizon: Int, assessor: Assessor, final: Bool) -> Bool {
        var rng = RandomStream(seed: seed, item: index, salt: Self.certifySalt &+ UInt64(attempt) &* 0x1_0000)
        var applications: [Application] = []
        for y in plan.smeYears {
            applications.append(Application(tier: .techSME, date: Self.day(y, months: 3...11, rng: &rng),
                                            required: plan.smeRequired))
        }
        for y in plan.highTechYears {
            let months = rng.chance(0.8) ? 10...12 : 5...9
            applications.append(Application(tier: .highTech, date: Self.day(y, months: months, rng: &rng), required: true))
        }
        if plan.leading, let first = plan.highTechYears.first, max(2021, first + 1) <= horizon {
            for y in max(2021, first + 1)...horizon {
                applications.append(Application(tier: .leading, date: Self.day(y, months: 6...9, rng: &rng),
                                                required: false))
            }
        }
        applications.sort { $0.date < $1.date }
        certificates.removeAll()
        for application in applications {
            if let gone = plan.deregistered, gone <= application.date { continue }
            let scores = application.tier == .highTech ? expertScores(rng: &rng) : nil
            let verdict = assessor.verdict(self, tier: application.tier, on: application.date, scores: scores)
            guard verdict == .qualified else {
                if application.required && !final { return false }
                continue
            }
            issue(application, scores: scores ?? [], rng: &rng)
        }
        return true
    }

    /// Expert points for one application, around the firm's quality (195号 items and maxima).
    func expertScores(rng: inout RandomStream) -> [Int] {
        let hasIP = !ip.isEmpty
        return Catalog.expertItems.map { item in
            let maximum = item.maximum
            if item == .standardsBonus { return standards.isEmpty ? 0 : 1 + rng.below(2) }
            let points = Int((Double(maximum) * (quality + rng.uniform(-0.1, 0.08))).rounded())
            let floor = hasIP && (item == .ipAdvancement || item == .ipCoreSupport || item == .ipAcquisition) ? 1 : 0
            return min(maximum, max(floor, points))
        }
    }

    /// Records a certificate the rules granted, with its number, sometimes an explicit expiry, rarely a
    /// later revocation, and about 1% of numbers bent out of format (planted).
    mutating func issue(_ application: Application, scores: [Int], rng: inout RandomStream) {
        let issued = application.date
        let y = issued.year
        var number: [UInt8]
        var expires: Day?
        switch application.tier {
        case .techSME:
            number = Array(String(y).utf8) + Catalog.districtCodes[district(on: issued)] + [UInt8(ascii: "A")]
            number += Self.digits((index &* 7_919 &+ y &* 131) % 10_000_000, 7)
        case .highTech:
            number = Array("GR\(y)37".utf8) + Self.digits((index &* 4_999 &+ y &* 7) % 1_000_000, 6)
            if rng.chance(0.05) { expires = issued.adding(years: 3).adding(days: -1) }
        case .leading:
            // No official number exists for leading firms; this shape is the project's own.
            number = Array("LJ\(y)3702".utf8) + Self.digits(index % 10_000, 4)
        }
        var certificate = Certificate(kind: application.tier, number: number, issued: issued, expires: expires,
                                      scores: scores)
        if rng.chance(0.004) { certificate.revoked = issued.adding(days: 30 + rng.below(700)) }
        if rng.chance(0.01) {
            let bent = Self.malformed(number, rng: &rng)
            // A leading listing's number has no official format to break (`audit --data-quality` checks none):
            // nothing is planted there, and the draw stays so that every other figure is as before.
            if application.tier != .leading {
                certificate.number = bent
                certificate.malformed = true
            }
        }
        certificates.append(certificate)
    }

    /// A random day in some months of a year (days 1–28, so every month has it).
    static func day(_ year: Int, months: ClosedRange<Int>, rng: inout RandomStream) -> Day {
        Day(year: year, month: rng.int(months), day: rng.int(1...28)) ?? Day(ordinal: 0)
    }

    /// A number as exactly `width` decimal digits.
    static func digits(_ value: Int, _ width: Int) -> [UInt8] {
        var out = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        for position in (0..<width).reversed() {
            out[position] = UInt8(rest % 10 + 48)
            rest /= 10
        }
        return out
    }

    /// A certificate number bent out of its format: a digit dropped, lower case, a separator, no `A`.
    static func malformed(_ number: [UInt8], rng: inout RandomStream) -> [UInt8] {
        switch rng.below(4) {
        case 0: return Array(number.dropLast())
        case 1: return number.map { (65...90).contains($0) ? $0 + 32 : $0 }
        case 2: return Array(number.prefix(4)) + [UInt8(ascii: "-")] + Array(number.dropFirst(4))
        default: return number.filter { $0 != UInt8(ascii: "A") && $0 != UInt8(ascii: "R") }
        }
    }
}

