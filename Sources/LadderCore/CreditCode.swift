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

    /// The check character for the first 17 characters, or nil when one is outside the alphabet.
    public static func checkCharacter(for first17: some StringProtocol) -> Character? {
        let bytes = Array(first17.utf8)
        guard bytes.count == 17 else { return nil }
        var sum = 0
        for (index, byte) in bytes.enumerated() {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            sum += value * weights[index]
        }
        let check = (31 - sum % 31) % 31
        return Character(UnicodeScalar(alphabet[check]))
    }

    /// Checks a code; nil when it is valid.
    public static func problem(in code: String) -> Problem? {
        let characters = Array(code)
        guard characters.count == 18 else { return .length(characters.count) }
        for (index, character) in characters.enumerated() {
            guard let ascii = character.asciiValue, alphabet.contains(ascii) else {
                return .character(character, position: index + 1)
            }
        }
        guard let expected = checkCharacter(for: String(characters[0..<17])) else { return nil }
        let found = characters[17]
        return expected == found ? nil : .checkDigit(expected: expected, found: found)
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
