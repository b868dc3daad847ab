import LadderCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Value reading that only profiles need: translations, date forms other than `YYYY-MM-DD`, and
/// 万元 amounts with more than two decimals (exact to the fen). Everything else goes through the
/// format-1 `ValueParser`, so values get the same checks and the same reasons.
enum ProfileValues {
    /// The outcome of translating a value.
    enum Translated {
        /// Use these bytes instead.
        case value([UInt8])
        /// Use the original bytes.
        case unchanged
        /// The table has no entry for the value.
        case missing
    }

    /// Looks a value up in a translation table (white space around the value ignored).
    static func translate(_ raw: UnsafeBufferPointer<UInt8>, _ table: ProfileTranslation,
                          districtCache: inout [(name: [UInt8], code: [UInt8])]) -> Translated {
        let bytes = ValueParser.trimmed(raw)
        for entry in table.entries where entry.from.count == bytes.count {
            let equal = entry.from.withUnsafeBufferPointer { from in
                bytes.isEmpty || memcmp(from.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, bytes.count) == 0
            }
            if equal { return .value(entry.to) }
        }
        if table.districtNames {
            for entry in districtCache where entry.name.count == bytes.count {
                let equal = entry.name.withUnsafeBufferPointer { name in
                    bytes.isEmpty || memcmp(name.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, bytes.count) == 0
                }
                if equal { return .value(entry.code) }
            }
            if bytes.count == 6, bytes.allSatisfy({ (48...57).contains($0) }) { return .unchanged }
            let text = ValueParser.text(bytes)
            if let code = District.code(named: text) {
                districtCache.append((Array(bytes), Array(code.utf8)))
                return .value(Array(code.utf8))
            }
        }
        return table.keepOthers ? .unchanged : .missing
    }

    /// A date in one of the profile's forms; nil when it matches none or is not a real date.
    static func day(_ raw: UnsafeBufferPointer<UInt8>, formats: [ProfileDateFormat]) -> Day? {
        let bytes = ValueParser.trimmed(raw)
        for format in formats {
            if format.isISO {
                if case .success(let day) = ValueParser.day(bytes) { return day }
                continue
            }
            if let day = day(bytes, format) { return day }
        }
        return nil
    }

    private static func day(_ bytes: UnsafeBufferPointer<UInt8>, _ format: ProfileDateFormat) -> Day? {
        var index = 0
        var year = 0, month = 0, day = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, index < bytes.count, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index]) - 48
                index += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for token in format.tokens {
            switch token {
            case .year:
                guard let value = digits(4, 4) else { return nil }
                year = value
            case .month(let fixed):
                guard let value = digits(fixed ? 2 : 1, 2) else { return nil }
                month = value
            case .day(let fixed):
                guard let value = digits(fixed ? 2 : 1, 2) else { return nil }
                day = value
            case .literal(let literal):
                guard index + literal.count <= bytes.count else { return nil }
                for byte in literal {
                    guard bytes[index] == byte else { return nil }
                    index += 1
                }
            }
        }
        guard index == bytes.count else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// An amount in a unit of `scale` yuan, exact to the fen: two decimals in yuan, six in 万元.
    static func money(_ raw: UnsafeBufferPointer<UInt8>, scale: Int64, allowNegative: Bool) -> Result<Money, ValueProblem> {
        if scale == 1 { return ValueParser.money(raw, scale: 1, allowNegative: allowNegative) }
        let bytes = ValueParser.trimmed(raw)
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), bytes.count - dot - 1 > 2 else {
            return ValueParser.money(raw, scale: scale, allowNegative: allowNegative)
        }
        // More than two decimals: read the digits as a whole number of 10^-decimals units.
        let decimals = bytes.count - dot - 1
        var unitsPerFen: Int64 = 1
        for _ in 0..<(decimals - 2) {
            unitsPerFen *= 10
            // Stop before overflowing: more decimals than the unit can carry to the fen.
            guard unitsPerFen <= scale else { return .failure(.tooManyDecimals(ValueParser.text(bytes))) }
        }
        // Plain digits around the dot, twelve at most (no sign, no overflow possible): the same value
        // as below, without copying the digits (万元 figures mostly take this path).
        if bytes.count <= 13, unitsPerFen <= scale {
            var whole: Int64 = 0
            var plain = true
            for index in 0..<bytes.count where index != dot {
                let digit = Int64(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else {
                    plain = false
                    break
                }
                whole = whole &* 10 &+ digit
            }
            if plain { return .success(Money(fen: whole * (scale / unitsPerFen))) }
        }
        var digits = Array(bytes)
        digits.remove(at: dot)
        let whole = digits.withUnsafeBufferPointer { ValueParser.money($0, scale: 1, allowNegative: allowNegative) }
        guard case .success(let units) = whole else { return whole }
        let (fen, overflow) = units.fen.multipliedReportingOverflow(by: scale / unitsPerFen)
        guard !overflow else { return .failure(.tooLarge(ValueParser.text(bytes))) }
        // `units` counted hundredths of the digits: undo that factor of 100 exactly.
        guard fen % 100 == 0 else { return .failure(.tooManyDecimals(ValueParser.text(bytes))) }
        return .success(Money(fen: fen / 100))
    }
}
