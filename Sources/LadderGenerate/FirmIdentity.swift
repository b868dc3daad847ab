import LadderCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who a synthetic firm is: credit code, district and registration date.
///
/// Derived from the seed and the firm's index alone, so that platforms and contracts written after
/// all firms can name a host or seller by index without the generator remembering any firm.
struct FirmIdentity {
    /// Index of the current district in `District.qingdao`.
    let district: Int
    /// The district code written in `<District code>`: the current code, or a retired one (planted).
    let districtCode: [UInt8]
    /// Whether the firm lies in the High-tech Zone (`zone="370271"`).
    let inHighTechZone: Bool
    let registeredOn: Day
    /// The 18-character unified social credit code.
    let creditCode: [UInt8]
    /// Planted: the credit code's check character is wrong.
    let badCheckDigit: Bool
    /// Planted: the district code is a retired one (370282, 370205, 370284).
    let retiredDistrict: Bool

    static let salt: UInt64 = 0x1D

    /// The firm's identity; `registeredOn` comes from its plan, the district from the calibration's weights.
    init(seed: UInt64, index: Int, registeredOn: Day, districtWeights: [Double]) {
        var rng = RandomStream(seed: seed, item: index, salt: Self.salt)
        var district = rng.pick(weights: districtWeights)
        var districtCode = Catalog.districtCodes[district]
        retiredDistrict = rng.chance(0.003) && !Catalog.retiredDistricts.isEmpty
        if retiredDistrict {
            // 即墨市 → 即墨区, 四方区 → 市北区, 胶南市 → 黄岛区: an old export that was never re-coded.
            let retired = rng.element(of: Catalog.retiredDistricts)
            district = retired.successor
            districtCode = retired.code
        }
        self.district = district
        self.districtCode = districtCode
        inHighTechZone = district == Catalog.chengyang && rng.chance(0.35)
        self.registeredOn = registeredOn
        badCheckDigit = rng.chance(0.003)
        creditCode = Self.creditCode(
            index: index, seed: seed, district: district, registeredOn: registeredOn, rng: &rng,
            badCheckDigit: badCheckDigit)
    }

    /// Builds `91` + registering authority's admin code + organisation code + check character.
    ///
    /// The admin code is where the firm registered, which need not be its district today: about a
    /// fifth registered with the city bureau (370200), and firms older than a re-coding carry the
    /// code of their time (即墨市 370282 before 2017, 胶南市 370284 and 四方区 370205 before 2012).
    /// Codes are unique within a file: the organisation part is a bijection of the firm's index.
    static func creditCode(
        index: Int, seed: UInt64, district: Int, registeredOn: Day, rng: inout RandomStream, badCheckDigit: Bool
    ) -> [UInt8] {
        var admin = Catalog.districtCodes[district]
        let reg = registeredOn.year * 10_000 + registeredOn.month * 100 + registeredOn.day
        if rng.chance(0.2) {
            admin = Array(District.qingdaoCode.utf8)
        } else if district == Catalog.jimo && reg < 2017_09_01 && rng.chance(0.8) {
            admin = Array("370282".utf8)
        } else if district == Catalog.huangdao && reg < 2012_12_01 && rng.chance(0.5) {
            admin = Array("370284".utf8)
        } else if district == Catalog.shibei && reg < 2012_12_01 && rng.chance(0.4) {
            admin = Array("370205".utf8)
        }
        var code = Array("91".utf8) + admin
        let key = UInt64(truncatingIfNeeded: index)
        var mix = SplitMix64(state: seed)
        let offset = mix.next()
        if reg >= 2015_10_01 {
            // Codes issued since the 2015 reform: MA + 7 characters of the GB 32100 alphabet.
            code += Array("MA".utf8)
            let space: UInt64 = 27_512_614_111  // 31^7
            var value = (key &* 17_004_526_019 % space &+ offset % space) % space
            var tail = [UInt8](repeating: 0, count: 7)
            for position in (0..<7).reversed() {
                tail[position] = Catalog.creditAlphabet[Int(value % 31)]
                value /= 31
            }
            code += tail
        } else {
            // Older firms keep their GB 11714 organisation code: 8 digits and a check character.
            let space: UInt64 = 100_000_000
            let value = (key &* 61_803_397 % space &+ offset % space) % space
            let weights = [3, 7, 9, 10, 5, 8, 4, 2]
            var digits = [Int](repeating: 0, count: 8)
            var rest = value
            for position in (0..<8).reversed() {
                digits[position] = Int(rest % 10)
                rest /= 10
            }
            var sum = 0
            for position in 0..<8 { sum += digits[position] * weights[position] }
            let check = 11 - sum % 11
            code += digits.map { UInt8($0 + 48) }
            code.append(check == 10 ? UInt8(ascii: "X") : UInt8((check == 11 ? 0 : check) + 48))
        }
        // GB 32100 check character, computed on the bytes (no String per firm).
        var sum = 0
        for (position, byte) in code.enumerated() { sum += Int(Self.alphabetValue[Int(byte)]) * Self.weights[position] }
        let value = (31 - sum % 31) % 31
        if badCheckDigit {
            return code + [Catalog.creditAlphabet[(value + 1 + rng.below(30)) % 31]]
        }
        return code + [Catalog.creditAlphabet[value]]
    }

    /// GB 32100 weights of the first 17 characters.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// Each byte's value in the GB 32100 alphabet (the generator writes only alphabet characters).
    static let alphabetValue: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for (value, byte) in Catalog.creditAlphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
