import LadderCore

/// The one reader of amounts of money, for every importer: text in a unit of `scale` yuan (1 for yuan,
/// 10,000 for 万元) becomes integer fen, overflow-safe (below 10^15 fen, at most 14 whole digits).
///
/// Format 1 allows two decimals in any unit. Profiles (`fineDecimals`) also take more decimals as long
/// as the unit carries them to the fen (万元: six), exactly. Every caller gets the same checks and the
/// same reasons (`ValueProblem`).
enum AmountParser {
    /// Amounts at or above this many fen are too large.
    static let limit: Int64 = 1_000_000_000_000_000
    /// The most digits before the point.
    static let maxWholeDigits = 14

    /// The plain shapes, read in one pass in place: digits with at most one point and no sign or white
    /// space — 1–14 whole digits and one or two decimals, or (with `fineDecimals`) thirteen bytes at most
    /// with more decimals than two that the unit carries to the fen. Nil for anything else, which
    /// `money` then reads or rejects the general way (giving these shapes the same value).
    @inline(__always)
    static func plainFen(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int64, fineDecimals: Bool) -> Int64? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        // 14 whole digits, a point and two decimals: the longest plain shape; no overflow below it.
        guard count > 0, count <= maxWholeDigits + 3 else { return nil }
        var digits: Int64 = 0
        var dot = -1
        for index in 0..<count {
            let digit = Int64(base[index]) &- 48
            if digit >= 0 && digit <= 9 {
                digits = digits &* 10 &+ digit
            } else if digit == -2 && dot < 0 {  // "."
                dot = index
            } else {
                return nil
            }
        }
        let decimals = dot < 0 ? 0 : count &- dot &- 1
        if decimals <= 2 {
            // "12." and ".5" are read the general way.
            guard dot != 0, dot < 0 || decimals > 0, count &- (dot < 0 ? 0 : decimals &+ 1) <= maxWholeDigits else { return nil }
            let fen = (decimals == 2 ? digits : decimals == 1 ? digits &* 10 : digits &* 100).multipliedReportingOverflow(by: scale)
            guard !fen.overflow, fen.partialValue < limit else { return nil }
            return fen.partialValue
        }
        guard fineDecimals, count <= 13 else { return nil }
        // More than two decimals, in thirteen bytes: no overflow. The fen per unit of the last decimal.
        guard let perUnit = fenPerLastDecimal(decimals, scale: scale) else { return nil }
        return digits &* perUnit
    }

    /// `scale` ÷ 10^(decimals − 2): the fen in one unit of the last of `decimals` (> 2) decimals, nil
    /// when the unit does not carry that many decimals to the fen.
    @inline(__always) private static func fenPerLastDecimal(_ decimals: Int, scale: Int64) -> Int64? {
        if scale == 10_000 {
            switch decimals {
            case 3: return 1_000
            case 4: return 100
            case 5: return 10
            case 6: return 1
            default: return nil
            }
        }
        var unitsPerFen: Int64 = 1
        for _ in 0..<(decimals - 2) {
            unitsPerFen *= 10
            // Stop before overflowing: more decimals than the unit carries to the fen.
            guard unitsPerFen <= scale else { return nil }
        }
        return scale / unitsPerFen
    }

    /// An amount in fen: the plain shapes in place, anything else checked and rejected with its reason.
    static func money(_ raw: UnsafeBufferPointer<UInt8>, scale: Int64, allowNegative: Bool,
                      fineDecimals: Bool = false) -> Result<Money, ValueProblem> {
        if let fen = plainFen(raw, scale: scale, fineDecimals: fineDecimals) { return .success(Money(fen: fen)) }
        let bytes = ValueParser.trimmed(raw)
        guard !bytes.isEmpty else { return .failure(.empty) }
        if fineDecimals, scale > 1, let dot = bytes.firstIndex(of: UInt8(ascii: ".")), bytes.count - dot - 1 > 2 {
            return fine(bytes, dot: dot, scale: scale, allowNegative: allowNegative)
        }
        return twoDecimals(bytes, scale: scale, allowNegative: allowNegative)
    }

    /// The general reader of an amount with at most two decimals (trimmed, not empty); problems in the
    /// order the bytes show them.
    private static func twoDecimals(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int64,
                                    allowNegative: Bool) -> Result<Money, ValueProblem> {
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            index = 1
        }
        var whole: Int64 = 0
        var wholeDigits = 0
        var cents: Int64 = 0
        var decimals = -1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard decimals < 0 else { return .failure(.notANumber(ValueParser.text(bytes))) }
                decimals = 0
                continue
            }
            let digit = Int64(byte) &- 48
            guard digit >= 0 && digit <= 9 else {
                let text = ValueParser.text(bytes)
                return .failure(byte == UInt8(ascii: ",") ? .thousandsSeparator(text) : .notANumber(text))
            }
            if decimals >= 0 {
                decimals += 1
                guard decimals <= 2 else { return .failure(.tooManyDecimals(ValueParser.text(bytes))) }
                cents = cents * 10 + digit
            } else {
                wholeDigits += 1
                guard wholeDigits <= maxWholeDigits else { return .failure(.tooLarge(ValueParser.text(bytes))) }
                whole = whole * 10 + digit
            }
        }
        guard wholeDigits > 0 || decimals > 0 else { return .failure(.notANumber(ValueParser.text(bytes))) }
        if decimals == 1 { cents *= 10 }
        let (fen, overflow) = (whole * 100 + cents).multipliedReportingOverflow(by: scale)
        guard !overflow, fen < limit else { return .failure(.tooLarge(ValueParser.text(bytes))) }
        if negative && fen != 0 && !allowNegative { return .failure(.negative(ValueParser.text(bytes))) }
        return .success(Money(fen: negative ? -fen : fen))
    }

    /// More than two decimals in a unit larger than the yuan (trimmed, `dot` the first point): the
    /// digits read as a whole number of the last decimal's units, exact to the fen or rejected.
    private static func fine(_ bytes: UnsafeBufferPointer<UInt8>, dot: Int, scale: Int64,
                             allowNegative: Bool) -> Result<Money, ValueProblem> {
        guard let perUnit = fenPerLastDecimal(bytes.count - dot - 1, scale: scale) else {
            return .failure(.tooManyDecimals(ValueParser.text(bytes)))
        }
        if let fen = plainFen(bytes, scale: scale, fineDecimals: true) { return .success(Money(fen: fen)) }
        // Signs, long or odd digits: the digits without the point through the general reader, as yuan
        // (in hundredths), then scaled to the fen per unit of the last decimal.
        var digits = Array(bytes)
        digits.remove(at: dot)
        let units = digits.withUnsafeBufferPointer { digits in
            let trimmed = ValueParser.trimmed(digits)
            return trimmed.isEmpty ? .failure(.empty) : twoDecimals(trimmed, scale: 1, allowNegative: allowNegative)
        }
        // A problem names the amount as written, not the digits without their point.
        guard case .success(let hundredths) = units else { return units.mapError { $0.naming(ValueParser.text(bytes)) } }
        let (fen, overflow) = hundredths.fen.multipliedReportingOverflow(by: perUnit)
        guard !overflow else { return .failure(.tooLarge(ValueParser.text(bytes))) }
        // A second point left decimals the unit does not carry to the fen.
        guard fen % 100 == 0 else { return .failure(.tooManyDecimals(ValueParser.text(bytes))) }
        return .success(Money(fen: fen / 100))
    }
}
