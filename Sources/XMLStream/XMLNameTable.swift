/// Maps element and attribute names to small tokens without comparing every byte of every name.
///
/// libxml2 interns names in its dictionary, so one name arrives at one address for a whole parse; the
/// table remembers the token per address and checks the bytes on a hit, so a reused address can
/// never return a wrong token.
public struct XMLNameTable<Token: Sendable>: Sendable {
    private let names: [(bytes: [UInt8], token: Token)]
    private let unknown: Token
    private var slots: [(address: UInt, index: Int, other: [UInt8])]
    private let mask: Int

    /// Creates a table of known names and the token for any other name.
    public init(_ names: [(String, Token)], unknown: Token) {
        self.names = names.map { (Array($0.0.utf8), $0.1) }
        self.unknown = unknown
        slots = Array(repeating: (0, -1, []), count: 256)
        mask = 255
    }

    /// The token for a name.
    public mutating func token(for name: XMLBytes) -> Token {
        let slot = Int(truncatingIfNeeded: (name.address >> 3) ^ (name.address >> 11)) & mask
        if slots[slot].address == name.address, name.address != 0 {
            let index = slots[slot].index
            if index >= 0, name.equals(names[index].bytes) { return names[index].token }
            if index < 0, name.equals(slots[slot].other) { return unknown }
        }
        let index = names.firstIndex { name.equals($0.bytes) } ?? -1
        slots[slot] = (name.address, index, index < 0 ? Array(name) : [])
        return index < 0 ? unknown : names[index].token
    }
}
