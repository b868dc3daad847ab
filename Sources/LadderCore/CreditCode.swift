/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last one is a
/// check character over the first 17.
public enum CreditCode {
    /// The 31 characters of the code's alphabet (no I, O, Z, S, V), in value order.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Why a code is not a valid credit code.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case length(Int)
        case character(Character, position: Int)
        case checkDigit(expected: Character, found: Character)

        public var description: String {
            switch self {
            case .length(let n): "has \(n) characters, not 18"
            case .character(let c, let p): "character '\(c)' at position \(p) is not in the GB 32100 alphabet"
            case .checkDigit(let e, let f): "check character is '\(f)', GB 32100-2015 gives '\(e)'"
            }
        }
    }

    /// The value of each byte in the alphabet, 255 for bytes outside it.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// The check character for the first 17 characters, or nil when one is outside the alphabet.
    public static func checkCharacter(for first17: some StringProtocol) -> Character? {
        let bytes = Array(first17.utf8)
        guard bytes.count == 17, let check = checkValue(bytes[...]) else { return nil }
        return Character(UnicodeScalar(alphabet[check]))
    }

    static func checkValue(_ bytes: ArraySlice<UInt8>) -> Int? {
        var sum = 0
        for (index, byte) in zip(0..., bytes) {
            let value = values[Int(byte)]
            guard value != 255 else { return nil }
            sum += Int(value) * weights[index]
        }
        return (31 - sum % 31) % 31
    }

    /// Checks a code; nil when it is valid. Works on the UTF-8 bytes: no per-character work for the
    /// common, valid case.
    public static func problem(in code: String) -> Problem? {
        var code = code
        let fast: Problem?? = code.withUTF8 { bytes in
            guard bytes.count == 18 else { return .none }
            let check: Int? = values.withUnsafeBufferPointer { values in
                weights.withUnsafeBufferPointer { weights in
                    // One pass: every value in 0–30 leaves the top three bits of `seen` clear.
                    var sum = 0
                    var seen: UInt8 = values[Int(bytes[17])]
                    for index in 0..<17 {
                        let value = values[Int(bytes[index])]
                        seen |= value
                        sum &+= Int(value) &* weights[index]
                    }
                    return seen & 0xE0 == 0 ? (31 - sum % 31) % 31 : nil
                }
            }
            guard let check else { return .none }
            if alphabet[check] == bytes[17] { return .some(nil) }
            return .some(.checkDigit(expected: Character(UnicodeScalar(alphabet[check])),
                                     found: Character(UnicodeScalar(bytes[17]))))
        }
        if let fast { return fast }
        let characters = Array(code)
        guard characters.count == 18 else { return .length(characters.count) }
        for (index, character) in characters.enumerated() {
            guard let ascii = character.asciiValue, values[Int(ascii)] != 255 else {
                return .character(character, position: index + 1)
            }
        }
        return nil
    }

    /// Completes 17 characters with their check character.
    public static func complete(_ first17: String) -> String? {
        checkCharacter(for: first17).map { first17 + String($0) }
    }

    /// The six-digit administrative code embedded at positions 3–8, when the code has one.
    public static func adminCode(in code: String) -> String? {
        let characters = Array(code)
        guard characters.count == 18 else { return nil }
        let admin = String(characters[2..<8])
        return admin.allSatisfy(\.isASCII) && admin.allSatisfy(\.isNumber) ? admin : nil
    }
}
