/// Maps element and attribute names to small integer tokens (their index in the table's list)
/// without reading the bytes of a name it has seen before.
///
/// libxml2 interns element and attribute names and namespace URIs in its dictionary, so within one
/// parse one name always arrives at one address and an address never changes its name. The table
/// remembers the token per address and reads a name's bytes only the first time its address comes
/// (and when two addresses share a cache slot). Make a new table per parse: addresses are only
/// stable while one parser's dictionary lives.
public struct XMLNameTable: Sendable {
    /// The names known, and the token of each: the list's names, then the aliases of those that have one.
    @usableFromInline var names: [[UInt8]]
    @usableFromInline var nameTokens: [Int]
    /// How many of `names` are the list's own (the aliases follow).
    private let listCount: Int
    @usableFromInline var addresses: [UInt]
    @usableFromInline var tokens: [Int]

    /// The token for names not in the list.
    public static let unknown = -1

    /// The token of the empty name (an absent namespace), looked up once.
    @usableFromInline let emptyToken: Int

    /// Cache slots (a power of two) and how far a lookup probes from a name's home slot. A document
    /// may use any number of distinct names; past the cache's size, the ones that do not fit are
    /// compared byte by byte.
    @usableFromInline static let slots = 1024
    @usableFromInline static let probes = 8

    /// Creates a table; a name's token is its index in `names`. With `aliases` (those of the parse),
    /// a name's alias has the name's token.
    public init(_ names: [String], aliases: XMLNameAliases? = nil) {
        var known = names.map { Array($0.utf8) }
        var knownTokens = Array(names.indices)
        for (token, name) in names.enumerated() {
            guard let alias = aliases?.alias(of: name) else { continue }
            known.append(Array(alias.utf8))
            knownTokens.append(token)
        }
        self.names = known
        nameTokens = knownTokens
        listCount = names.count
        addresses = Array(repeating: 0, count: XMLNameTable.slots + XMLNameTable.probes)
        tokens = Array(repeating: XMLNameTable.unknown, count: XMLNameTable.slots + XMLNameTable.probes)
        emptyToken = names.firstIndex { $0.isEmpty } ?? XMLNameTable.unknown
        lastToken = emptyToken  // lastAddress 0: no name
    }

    /// Forgets the aliases (for a parse in which libxml2 does not read them: `XMLContext.readsAliases`).
    public mutating func dropAliases() {
        guard names.count > listCount else { return }
        names.removeSubrange(listCount...)
        nameTokens.removeSubrange(listCount...)
        addresses = Array(repeating: 0, count: addresses.count)
        lastAddress = 0
        lastToken = emptyToken
    }

    /// The token for a name: its index in the list, or `XMLNameTable.unknown`.
    @inlinable public mutating func token(for name: XMLName) -> Int {
        let address = name.address
        // Runs of one name (every element's namespace, a list's repeated children) skip the hash.
        if address == lastAddress { return lastToken }
        lastAddress = address
        lastToken = lookUp(name)
        return lastToken
    }

    @usableFromInline var lastAddress: UInt = 0
    @usableFromInline var lastToken: Int

    @inlinable mutating func lookUp(_ name: XMLName) -> Int {
        let address = name.address
        if address == 0 { return emptyToken }
        let home = Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> 54)  // 10 bits: 0..<1024
        for slot in home..<(home + XMLNameTable.probes) {
            let found = addresses[slot]
            if found == address { return tokens[slot] }
            if found == 0 { return learn(name, slot: slot) }
        }
        return learn(name, slot: home)
    }

    @usableFromInline mutating func learn(_ name: XMLName, slot: Int) -> Int {
        let bytes = name.bytes
        let token = names.firstIndex { bytes.equals($0) }.map { nameTokens[$0] } ?? XMLNameTable.unknown
        addresses[slot] = name.address
        tokens[slot] = token
        return token
    }
}
