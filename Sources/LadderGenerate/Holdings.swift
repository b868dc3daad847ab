import LadderCore

/// The repeated facts of one synthetic firm: IP, certificates, awards, institutions, standards,
/// incidents, expert scores and consortia. Level and kind fields index `Catalog` lists.
struct Holdings {
    struct IPLine {
        var classOne: Bool
        var kind: [UInt8]
        var count: Int
        var transfer: Bool
    }

    struct Certificate {
        var kind: Tier
        var number: [UInt8]
        var issued: Day
        var expires: Day?
        var revoked: Day?
        var malformed = false
    }

    var ip: [IPLine] = []
    var certificates: [Certificate] = []
    var awards: [(level: Int, year: Int, rank: Int)] = []
    var institutions: [(level: Int, since: Day)] = []
    var standards: [(level: Int, lead: Bool, year: Int)] = []
    var incidents: [(kind: Int, date: Day)] = []
    var scores: [(item: Int, points: Int)] = []
    var consortia: [(lead: Bool, level: Int)] = []

    init() {}

    init(firm: SyntheticFirm, traits: SyntheticFirm.Traits, year: Int, exportedAt: Day, index: Int, seed: UInt64,
         rng: inout RandomStream) {
        let sector = Catalog.sectors[firm.sector]
        let isTech = sector.domain != nil
        let latest = firm.finance.last
        let staff = Double(latest?.employees ?? 30)
        drawIP(sector: sector, isTech: isTech, staff: staff, techShare: traits.techShare, rng: &rng)

        let eligibility = Eligibility(firm: firm, holdings: self, year: year)
        let district = Catalog.districtCodes[firm.identity.district]
        let sme = eligibility.smeQualifies ? 0.6 : eligibility.smeSized ? 0.05 : 0.01
        if rng.chance(sme) {
            for issueYear in rng.chance(0.55) ? [year - 1, year] : [year] {
                let issued = Self.day(issueYear, months: 3...11, rng: &rng)
                var number = Array(String(issueYear).utf8) + district + [UInt8(ascii: "A")]
                number += Self.digits((index &* 7_919 &+ issueYear &* 131 &+ Int(seed % 9_973)) % 10_000_000, 7)
                certificates.append(Certificate(kind: .techSME, number: number, issued: issued))
            }
        }
        let hnte = !isTech ? 0 : eligibility.hnteLike ? 0.85 : 0.2
        if rng.chance(hnte) {
            var issueYear = year - [0, 1, 2][rng.pick(weights: [0.3, 0.35, 0.35])]
            // Some firms let the certificate lapse (their last one was issued 3–4 years ago); some hold a valid
            // one though their figures no longer qualify.
            let lapsed = rng.chance(eligibility.hnteLike ? 0.15 : 0.5)
            if lapsed { issueYear = year - 3 - rng.below(2) }
            addHighTech(issueYear, index: index, seed: seed, rng: &rng)
            if !lapsed && rng.chance(0.35) { addHighTech(issueYear - 3, index: index, seed: seed, rng: &rng) }
        }
        let validHighTech = certificates.contains { $0.kind == .highTech && $0.issued.year >= year - 2 }
        let manyPatents = ip.contains { $0.classOne && $0.count >= 10 }
        if validHighTech, (latest?.revenue ?? 0) >= 50_000_000_000, manyPatents, rng.chance(0.35)
        {
            // No official number exists for leading firms; this shape is the project's own.
            let number = Array("LJ\(year)3702".utf8) + Self.digits(index % 10_000, 4)
            let issued = Self.day(year, months: 6...9, rng: &rng)
            certificates.append(Certificate(kind: .leading, number: number, issued: issued))
        }
        for i in certificates.indices {
            if rng.chance(0.015) {
                let room = max(1, exportedAt.ordinal - certificates[i].issued.ordinal)
                certificates[i].revoked = certificates[i].issued.adding(days: 1 + rng.below(room))
            }
            if rng.chance(0.01) {
                certificates[i].number = Self.malformed(certificates[i].number, rng: &rng)
                certificates[i].malformed = true
            }
        }
        drawRecognitions(validHighTech: validHighTech, hnteLike: eligibility.hnteLike, staff: staff, year: year,
                         registeredOn: firm.identity.registeredOn, exportedAt: exportedAt, rng: &rng)
    }

    mutating func drawIP(sector: Catalog.Sector, isTech: Bool, staff: Double, techShare: Double,
                         rng: inout RandomStream) {
        let invention = isTech ? 0.2 + 0.5 * techShare + (staff > 200 ? 0.25 : 0) : 0.02
        if rng.chance(invention) {
            let count = 1 + rng.count(mean: 1 + staff / 40 + (staff > 1000 ? 40 : 0), cap: 900)
            ip.append(IPLine(classOne: true, kind: Array("invention-patent".utf8), count: count, transfer: false))
            if rng.chance(0.08) {
                ip.append(IPLine(classOne: true, kind: Array("invention-patent".utf8), count: 1 + rng.count(mean: 1),
                                 transfer: true))
            }
        }
        for (kind, chance) in sector.otherClassOne where rng.chance(chance) {
            ip.append(IPLine(classOne: true, kind: kind, count: 1 + rng.count(mean: 0.5), transfer: rng.chance(0.1)))
        }
        let classTwo: [(kind: StaticString, chance: Double, mean: Double)] = [
            ("utility-model", isTech ? 0.6 : 0.1, 2 + staff / 25),
            ("software-copyright", sector.software, 4 + staff / 40),
            ("design", 0.12, 1.5),
        ]
        for line in classTwo where rng.chance(line.chance) {
            let kind = line.kind.withUTF8Buffer { Array($0) }
            ip.append(IPLine(classOne: false, kind: kind, count: 1 + rng.count(mean: line.mean, cap: 2000),
                             transfer: rng.chance(0.05)))
        }
    }

    mutating func addHighTech(_ issueYear: Int, index: Int, seed: UInt64, rng: inout RandomStream) {
        let issued = Self.day(issueYear, months: rng.chance(0.8) ? 10...12 : 5...9, rng: &rng)
        var number = Array("GR\(issueYear)37".utf8)
        number += Self.digits((index &* 4_999 &+ issueYear &* 7 &+ Int(seed % 997)) % 1_000_000, 6)
        let expires = rng.chance(0.05) ? issued.adding(years: 3).adding(days: -1) : nil
        certificates.append(Certificate(kind: .highTech, number: number, issued: issued, expires: expires))
    }

    mutating func drawRecognitions(validHighTech: Bool, hnteLike: Bool, staff: Double, year: Int, registeredOn: Day,
                                   exportedAt: Day, rng: inout RandomStream) {
        let big = staff > 300
        if rng.chance(0.02 + (validHighTech ? 0.05 : 0) + (big ? 0.05 : 0)) {
            for _ in 0...rng.count(mean: 0.4, cap: 4) {
                let level = rng.pick(weights: [0.12, 0.38, 0.5])
                awards.append((level, year - rng.below(8), 1 + rng.count(mean: 1.5, cap: 9)))
            }
        }
        if rng.chance(0.04 + (validHighTech ? 0.12 : 0) + (big ? 0.1 : 0)) {
            let since = registeredOn.ordinal + rng.below(max(1, exportedAt.ordinal - registeredOn.ordinal))
            institutions.append((rng.pick(weights: [0.05, 0.35, 0.6]), Day(ordinal: since)))
        }
        if rng.chance(0.03 + (staff > 200 ? 0.06 : 0)) {
            for _ in 0...rng.count(mean: 0.5, cap: 5) {
                standards.append((rng.pick(weights: Catalog.standardWeights), rng.chance(0.35), year - rng.below(9)))
            }
        }
        if rng.chance(0.006) {
            let start = (Day(year: year - 2, month: 1, day: 1) ?? exportedAt).ordinal
            incidents.append((rng.pick(weights: Catalog.incidentWeights),
                              Day(ordinal: start + rng.below(exportedAt.ordinal - start + 1))))
        }
        if (validHighTech || hnteLike) && rng.chance(0.45) {
            for (item, entry) in Catalog.expertItems.enumerated() where rng.chance(0.6) {
                let half = entry.maximum / 2 + 1
                scores.append((item, rng.chance(0.85) ? entry.maximum - rng.below(half) : rng.below(half)))
            }
        }
        if rng.chance(0.01 + (big ? 0.05 : 0)) {
            consortia.append((rng.chance(0.25), rng.chance(0.2) ? 0 : 1))
        }
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
