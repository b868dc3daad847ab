import Foundation
import LadderCore
import LadderImport
import XMLStream
#if canImport(Glibc)
import Glibc
#endif

/// Test support: generated firms, and converters that write them in the shipped profiles' layouts.
enum ProfileLayouts {
    static func profilePath(_ name: String) throws -> String {
        guard let path = ProjectFiles.locate("Profiles/\(name).xml") else { throw CocoaError(.fileNoSuchFile) }
        return path
    }

    static func profile(_ name: String) throws -> Profile { try Profile.load(file: profilePath(name)) }

    /// A deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func bool() -> Bool { next() & 1 == 0 }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
        mutating func day(_ years: ClosedRange<Int>) -> Day {
            let month = int(1...12)
            return Day(year: int(years), month: month, day: int(1...Day.daysIn(month: month, year: 2001))) ?? Day(ordinal: 0)
        }
        mutating func money(_ maxYuan: Int) -> Money { Money(fen: Int64(int(0...maxYuan)) * 100 + Int64(int(0...99))) }
    }

    /// Firms that exercise every field: unknowns, zeros, 万元-unfriendly cents, escapes, all facts.
    static func firms(_ count: Int, seed: UInt64 = 7) -> [Enterprise] {
        var random = Random(state: seed)
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return (0..<count).map { index in
            let district = random.pick(District.qingdao).code
            var first17 = "9137" + String(district.suffix(4)) + "MA"
            for _ in 0..<7 { first17.append(random.pick(alphabet)) }
            let id = CreditCode.complete(first17) ?? first17 + "0"
            let name = index % 17 == 0 ? "青岛\(index)号A&B<试验>\"科技\"有限公司" : "青岛\(random.pick(["海纳", "北岸", "智联", "蓝谷", "即发"]))\(index)科技有限公司"
            var firm = Enterprise(id: id, name: name, district: district)
            if random.bool() { firm.zone = "370271" }
            if random.bool() { firm.industry = "\(random.pick(["C", "I", "M"]))\(random.int(1000...9999))" }
            if random.int(0...3) > 0 { firm.techDomain = random.pick(TechDomain.allCases) }
            firm.registeredOn = random.day(1995...2024)
            if random.bool() { firm.status = random.pick(FirmStatus.allCases) }
            if random.bool() { firm.resident = random.bool() }
            if random.bool() { firm.taxAssessment = random.pick(TaxAssessment.allCases) }
            for year in 2022...2024 where random.int(0...3) > 0 {
                var finance = FinanceYear(year: year)
                if random.bool() { finance.employees = random.int(0...900) }
                if let staff = finance.employees, random.bool() { finance.techStaff = random.int(0...staff) }
                if random.int(0...3) > 0 { finance.revenue = random.money(500_000_000) }
                if let revenue = finance.revenue, random.bool() { finance.totalIncome = revenue + random.money(1_000_000) }
                if random.bool() { finance.totalCost = random.money(400_000_000) }
                if random.bool() { finance.totalAssets = random.money(900_000_000) }
                if random.bool() { finance.netAssets = Money(fen: random.money(90_000_000).fen * (random.bool() ? 1 : -1)) }
                if random.bool() { finance.rdExpense = random.int(0...5) == 0 ? .zero : random.money(30_000_000) }
                if let rd = finance.rdExpense, random.bool() { finance.rdExpenseDomestic = Money(fen: rd.fen / 2) }
                if random.bool() { finance.highTechRevenue = random.money(300_000_000) }
                if random.bool() { finance.conversions = random.int(0...9) }
                firm.finance.append(finance)
            }
            for _ in 0..<random.int(0...2) {
                let kind = random.pick(IPKind.allCases)
                firm.ip.append(IPHolding(ipClass: kind.ipClass, kind: random.bool() ? kind : nil, count: random.int(0...40),
                                         acquired: random.bool() ? random.pick(IPAcquisition.allCases) : nil))
            }
            for _ in 0..<random.int(0...2) {
                let issued = random.day(2018...2025)
                firm.certifications.append(Certification(
                    kind: random.pick(Tier.allCases), number: random.bool() ? "GR\(random.int(100_000...999_999))" : nil,
                    issued: issued, expires: random.bool() ? issued.adding(years: 3) : nil,
                    revoked: random.int(0...5) == 0 ? issued.adding(days: 200) : nil))
            }
            if random.bool() { firm.awards.append(Award(level: random.pick(Level.allCases), year: random.int(2010...2025), rank: random.bool() ? random.int(1...9) : nil)) }
            if random.bool() { firm.rdInstitutions.append(RDInstitution(level: random.pick(Level.allCases), since: random.bool() ? random.day(2005...2025) : nil)) }
            if random.bool() { firm.standards.append(Standard(level: random.pick(StandardLevel.allCases), role: random.pick([.lead, .participant]), year: random.int(2010...2025))) }
            if random.int(0...4) == 0 { firm.incidents.append(Incident(kind: random.pick(IncidentKind.allCases), date: random.day(2019...2025))) }
            if random.bool() {
                let item = random.pick(ExpertItem.allCases)
                firm.expertScores.append(ExpertScore(item: item, points: random.int(0...item.maximum)))
            }
            if random.int(0...3) == 0 { firm.consortia.append(Consortium(role: random.pick([.lead, .member]), level: random.pick([.national, .provincial]))) }
            return firm
        }
    }

    /// Removes what differs between layouts by nature: positions in the file.
    static func comparable(_ firm: Enterprise) -> Enterprise {
        var copy = firm
        copy.position = nil
        for index in copy.finance.indices { copy.finance[index].position = nil }
        return copy
    }

    static let header = RegistryHeader(exportedAt: Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0), source: "青岛市科学技术局", region: "370200")

    // MARK: Encodings

    /// Converts UTF-8 text to another encoding with iconv (GB18030, GBK, UTF-16 ...).
    static func encode(_ text: String, as encoding: String) -> [UInt8] {
        let converter = iconv_open(encoding, "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return [] }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        var inLeft = input.count
        var outLeft = output.count
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        return output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
    }
}
