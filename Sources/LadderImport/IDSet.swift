/// Remembers record ids in little memory, to find duplicates in one file of any size.
///
/// A credit code written in the GB 32100 alphabet packs exactly into 90 bits, so two such ids are
/// equal exactly when their keys are; any other id is kept by its full 64-bit hash plus its length.
struct IDSet {
    private struct Key {
        var high: UInt64
        var low: UInt64
    }

    // Open addressing over one array holding each key's two words side by side (one cache line per
    // probe); `empty` never occurs as a key's high word (packed keys stay below 2^45, hashed keys
    // carry their length under the top bit).
    private static let empty = UInt64.max
    private var words = IDSet.emptyWords(slots: 1 << 12)
    private var slots: Int { words.count / 2 }
    private var count = 0
    private static let alphabet: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, byte) in "0123456789ABCDEFGHJKLMNPQRTUWXY".utf8.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Inserts an id; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        var id = id
        let key = id.withUTF8 { IDSet.key($0) }
        if (count + 1) * 2 > slots { grow() }
        if place(key) {
            count += 1
            return true
        }
        return false
    }

    /// Puts a key in its slot; false when it was already there.
    private mutating func place(_ key: Key) -> Bool {
        let mask = slots - 1
        var slot = Int(truncatingIfNeeded: ((key.high &* 0x9E37_79B9_7F4A_7C15) ^ (key.low &* 0xC2B2_AE3D_27D4_EB4F)) >> 20) & mask
        return words.withUnsafeMutableBufferPointer { words in
            while words[2 * slot] != IDSet.empty {
                if words[2 * slot] == key.high && words[2 * slot + 1] == key.low { return false }
                slot = (slot + 1) & mask
            }
            words[2 * slot] = key.high
            words[2 * slot + 1] = key.low
            return true
        }
    }

    private static func emptyWords(slots: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: 2 * slots)
        for slot in 0..<slots { words[2 * slot] = empty }
        return words
    }

    private mutating func grow() {
        let old = words
        words = IDSet.emptyWords(slots: slots * 2)
        for slot in 0..<(old.count / 2) where old[2 * slot] != IDSet.empty {
            _ = place(Key(high: old[2 * slot], low: old[2 * slot + 1]))
        }
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
