/// Maps element and attribute names to small integer tokens (their index in the table's list)
/// without comparing every byte of every name against every candidate.
///
/// libxml2 interns element and attribute names and namespace URIs in its dictionary, so within one
/// parse one name always arrives at one address and an address never changes its name. The table
/// remembers the token per address (and checks the length, a cheap guard). Make a new table per
/// parse: addresses are only stable while one parser's dictionary lives.
public struct XMLNameTable: Sendable {
    @usableFromInline let names: [[UInt8]]
    @usableFromInline var addresses: [UInt]
    @usableFromInline var tokens: [Int]
    @usableFromInline var lengths: [Int]

    /// The token for names not in the list.
    public static let unknown = -1

    /// Creates a table; a name's token is its index in `names`.
    public init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
        addresses = Array(repeating: 0, count: 256)
        tokens = Array(repeating: XMLNameTable.unknown, count: 256)
        lengths = Array(repeating: -1, count: 256)
    }

    /// The token for a name: its index in the list, or `XMLNameTable.unknown`.
    @inlinable public mutating func token(for name: XMLBytes) -> Int {
        let address = name.address
        let slot = Int(truncatingIfNeeded: (address >> 3) ^ (address >> 11)) & 255
        if addresses[slot] == address, lengths[slot] == name.count, address != 0 {
            return tokens[slot]
        }
        let token = names.firstIndex { name.equals($0) } ?? XMLNameTable.unknown
        addresses[slot] = address
        tokens[slot] = token
        lengths[slot] = name.count
        return token
    }
}
