/// Remembers record ids in little memory, to find duplicates in one file of any size.
///
/// A credit code written in the GB 32100 alphabet packs exactly into 90 bits, so two such ids are
/// equal exactly when their keys are; any other id is kept by its full 64-bit hash plus its length.
struct IDSet {
    private struct Key: Hashable {
        var high: UInt64
        var low: UInt64
    }

    private var keys = Set<Key>()
    private static let alphabet: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, byte) in "0123456789ABCDEFGHJKLMNPQRTUWXY".utf8.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Inserts an id; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { keys.insert(IDSet.key($0)).inserted }
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        if bytes.count == 18 {
            var high: UInt64 = 0
            var low: UInt64 = 0
            var packed = true
            for (index, byte) in bytes.enumerated() {
                let value = UInt64(alphabet[Int(byte)])
                if value == 255 {
                    packed = false
                    break
                }
                if index < 9 { high = high * 31 + value } else { low = low * 31 + value }
            }
            if packed { return Key(high: high, low: low) }
        }
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        // The top bit marks hashed keys; packed keys never reach it (31^9 < 2^45).
        return Key(high: UInt64(bytes.count) | (1 << 63), low: UInt64(bitPattern: Int64(hasher.finalize())))
    }
}
