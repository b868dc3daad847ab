import LadderCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XMLStream

/// Why a text value could not be read as the type its field needs.
enum ValueProblem: Error, Equatable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case negative(String)
    case tooManyDecimals(String)
    case tooLarge(String)
    case thousandsSeparator(String)
    case badDate(String)
    case badBoolean(String)
    case notInSet(String, allowed: String)

    var description: String {
        switch self {
        case .empty: "is empty"
        case .notANumber(let t): "'\(t)' is not a decimal number"
        case .negative(let t): "'\(t)' is negative"
        case .tooManyDecimals(let t): "'\(t)' has more than 2 decimal places"
        case .tooLarge(let t): "'\(t)' is too large"
        case .thousandsSeparator(let t): "'\(t)' uses a thousands separator; write digits only"
        case .badDate(let t): "'\(t)' is not a real date in YYYY-MM-DD form"
        case .badBoolean(let t): "'\(t)' is not true or false"
        case .notInSet(let t, let allowed): "'\(t)' is not one of \(allowed)"
        }
    }
}

extension ValueProblem {
    /// The same problem about another text.
    func naming(_ text: String) -> ValueProblem {
        switch self {
        case .empty: .empty
        case .notANumber: .notANumber(text)
        case .negative: .negative(text)
        case .tooManyDecimals: .tooManyDecimals(text)
        case .tooLarge: .tooLarge(text)
        case .thousandsSeparator: .thousandsSeparator(text)
        case .badDate: .badDate(text)
        case .badBoolean: .badBoolean(text)
        case .notInSet(_, let allowed): .notInSet(text, allowed: allowed)
        }
    }
}

/// Reads numbers, amounts, dates and enumerations straight from UTF-8 bytes, without making a
/// `String` for the common case. Surrounding XML white space is ignored.
enum ValueParser {
    static let maxCount = 1_000_000_000

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        // Most values carry no white space: return them as they are without slicing.
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The common shape of a count, read in one pass: 1–9 digits and nothing else. Nil for anything
    /// else, which `count` then reads (or rejects) the general way.
    @inline(__always) static func plainCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= 9 else { return nil }
        var value = 0
        for index in 0..<bytes.count {
            let digit = Int(base[index]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return value
    }

    /// A non-negative whole count.
    static func count(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Int, ValueProblem> {
        if let value = plainCount(raw) { return .success(value) }
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { return .failure(.empty) }
        if bytes[0] == UInt8(ascii: "-") { return .failure(.negative(text(bytes))) }
        var value = 0
        for byte in bytes {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else {
                return .failure(byte == UInt8(ascii: ",") ? .thousandsSeparator(text(bytes)) : .notANumber(text(bytes)))
            }
            value = value &* 10 &+ digit
            if value > maxCount { return .failure(.tooLarge(text(bytes))) }
        }
        return .success(value)
    }

    /// A date in `YYYY-MM-DD` form that exists in the calendar.
    static func day(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Day, ValueProblem> {
        let bytes = trimmed(raw)
        guard bytes.count == 10 else { return .failure(bytes.isEmpty ? .empty : .badDate(text(bytes))) }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0..<4), let month = digits(bytes, 5..<7), let date = digits(bytes, 8..<10),
            let day = Day(year: year, month: month, day: date)
        else { return .failure(.badDate(text(bytes))) }
        return .success(day)
    }

    /// The decimal number written in `range` of `bytes`, nil when a byte there is not a digit.
    @inline(__always) private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return value
    }

    /// A four-digit year between 1900 and 2999.
    /// The allowed years, as the reason names them.
    static let yearRange = "years 1900–2999"

    static func year(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Int, ValueProblem> {
        switch count(raw) {
        case .success(let year) where (1900...2999).contains(year): .success(year)
        case .success: .failure(.notInSet(text(trimmed(raw)), allowed: yearRange))
        case .failure(let problem): .failure(problem)
        }
    }

    /// `true`/`false` (also `1`/`0`, as XSD booleans allow).
    static func boolean(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Bool, ValueProblem> {
        let bytes = trimmed(raw)
        switch text(bytes) {
        case "true", "1": return .success(true)
        case "false", "0": return .success(false)
        default: return .failure(.badBoolean(text(bytes)))
        }
    }

    /// A member of a closed value set, by its raw value.
    static func member<E>(_ raw: UnsafeBufferPointer<UInt8>, of set: ValueSet<E>) -> Result<E, ValueProblem> {
        let bytes = trimmed(raw)
        if let index = set.index(of: bytes) { return .success(set.members[index]) }
        let value = text(bytes)
        return .failure(value.isEmpty ? .empty : .notInSet(value, allowed: set.allowed))
    }
}

/// A closed value set as bytes, built once per type, so matching a value makes no `String`.
struct ValueSet<E: Sendable>: Sendable {
    let members: [E]
    let allowed: String
    /// Every member's raw value, one after another; member `i` is `names[starts[i]..<starts[i + 1]]`.
    private let names: [UInt8]
    private let starts: [Int]

    init(_ type: E.Type) where E: RawRepresentable & CaseIterable, E.RawValue == String {
        members = Array(E.allCases)
        allowed = members.map(\.rawValue).joined(separator: ", ")
        var names: [UInt8] = []
        var starts = [0]
        for member in members {
            names += Array(member.rawValue.utf8)
            starts.append(names.count)
        }
        self.names = names
        self.starts = starts
    }

    /// The index in `members` of the member written as `bytes`, if any.
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let value = bytes.baseAddress, bytes.count > 0 else { return nil }
        return names.withUnsafeBufferPointer { names in
            starts.withUnsafeBufferPointer { starts in
                guard let all = names.baseAddress else { return nil }
                for index in 0..<(starts.count - 1) {
                    let start = starts[index]
                    guard starts[index + 1] - start == bytes.count, all[start] == value[0],
                        memcmp(all + start, value, bytes.count) == 0
                    else { continue }
                    return index
                }
                return nil
            }
        }
    }
}

/// A value that an attribute or element text holds, read straight from bytes.
protocol RegistryValue {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Self, ValueProblem>
}

/// A closed value set of registry format 1.
protocol RegistryEnum: RegistryValue, Sendable {
    static var valueSet: ValueSet<Self> { get }
}

extension RegistryEnum {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Self, ValueProblem> {
        ValueParser.member(bytes, of: valueSet)
    }
}

extension Day: RegistryValue {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Day, ValueProblem> { ValueParser.day(bytes) }
}

extension Int: RegistryValue {
    /// Counts: non-negative whole numbers.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int, ValueProblem> { ValueParser.count(bytes) }
}

/// A four-digit year between 1900 and 2999.
struct Year: RegistryValue {
    var value: Int
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Year, ValueProblem> {
        ValueParser.year(bytes).map(Year.init)
    }
}

extension Money: RegistryValue {
    /// Amounts in yuan (attributes are always in yuan): at most two decimals, not negative.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Money, ValueProblem> {
        AmountParser.money(bytes, scale: 1, allowNegative: false)
    }
}

extension Bool: RegistryValue {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Bool, ValueProblem> { ValueParser.boolean(bytes) }
}

extension TechDomain: RegistryEnum { static let valueSet = ValueSet(TechDomain.self) }
extension FirmStatus: RegistryEnum { static let valueSet = ValueSet(FirmStatus.self) }
extension TaxAssessment: RegistryEnum { static let valueSet = ValueSet(TaxAssessment.self) }
extension IPClass: RegistryEnum { static let valueSet = ValueSet(IPClass.self) }
extension IPKind: RegistryEnum { static let valueSet = ValueSet(IPKind.self) }
extension IPAcquisition: RegistryEnum { static let valueSet = ValueSet(IPAcquisition.self) }
extension Tier: RegistryEnum { static let valueSet = ValueSet(Tier.self) }
extension Level: RegistryEnum { static let valueSet = ValueSet(Level.self) }
extension StandardLevel: RegistryEnum { static let valueSet = ValueSet(StandardLevel.self) }
extension Role: RegistryEnum { static let valueSet = ValueSet(Role.self) }
extension IncidentKind: RegistryEnum { static let valueSet = ValueSet(IncidentKind.self) }
extension ExpertItem: RegistryEnum { static let valueSet = ValueSet(ExpertItem.self) }

extension XMLBytes {
    /// Runs a value parser over the bytes.
    func parse<T>(_ body: (UnsafeBufferPointer<UInt8>) -> Result<T, ValueProblem>) -> Result<T, ValueProblem> {
        withContiguousStorageIfAvailable(body) ?? .failure(.empty)
    }
}
