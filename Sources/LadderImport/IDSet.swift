import CLibXML2Support
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers record ids in little memory, to find duplicates in one file of any size.
///
/// A credit code written in the GB 32100 alphabet packs exactly into 90 bits, so two such ids are
/// equal exactly when their keys are; any other id is kept by its full 64-bit hash plus its length.
/// A set owns its table (noncopyable: a copy would share it).
struct IDSet: ~Copyable {
    /// An id reduced to what the set compares.
    struct Key {
        fileprivate var high: UInt64
        fileprivate var low: UInt64
    }

    // Open addressing over one table holding each key's two words side by side (one cache line per
    // probe); `empty` never occurs as a key's high word (packed keys stay below 2^45, hashed keys
    // carry their length under the top bit).
    private static let empty = UInt64.max
    private var table = Table(slots: 1 << 12)
    private var slots: Int { table.slots }
    private var count = 0
    private static let alphabet: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, byte) in "0123456789ABCDEFGHJKLMNPQRTUWXY".utf8.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// The slots' memory. A million ids take 32 MB, far more than the CPU's address cache covers in
    /// 4 KiB pages, so on Linux the table asks for 2 MiB pages (a hint: without them it works the same).
    /// Owned by one set, never shared.
    private final class Table {
        let slots: Int
        let words: UnsafeMutablePointer<UInt64>

        init(slots: Int) {
            self.slots = slots
            let bytes = slots * 2 * MemoryLayout<UInt64>.stride
            let huge = 2 << 20
            var raw: UnsafeMutableRawPointer?
            guard posix_memalign(&raw, bytes >= huge ? huge : 64, bytes) == 0, let raw else {
                fatalError("IDSet: out of memory for \(slots) slots")
            }
            #if os(Linux)
            if bytes >= huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
            #endif
            words = raw.bindMemory(to: UInt64.self, capacity: slots * 2)
            for slot in 0..<slots { words[2 * slot] = IDSet.empty }
        }

        deinit { free(words) }
    }

    /// Inserts an id; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        insert(key(for: id))
    }

    /// An id's key, with a hint to the CPU to fetch the key's slot now: at a million ids the table is
    /// far larger than the caches, so a record's reader takes the key when the record starts and
    /// inserts it when the record ends, by which time the slot is (usually) in cache.
    func key(for id: String) -> Key {
        var id = id
        let key = id.withUTF8 { IDSet.key($0) }
        let slot = home(key)
        techladder_prefetch(table.words + 2 * slot)
        return key
    }

    /// Inserts a key from `key(for:)`; false when it was already there.
    mutating func insert(_ key: Key) -> Bool {
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
        var slot = home(key)
        let words = table.words
        while words[2 * slot] != IDSet.empty {
            if words[2 * slot] == key.high && words[2 * slot + 1] == key.low { return false }
            slot = (slot + 1) & mask
        }
        words[2 * slot] = key.high
        words[2 * slot + 1] = key.low
        return true
    }

    /// The slot where a key's probe starts.
    private func home(_ key: Key) -> Int {
        Int(truncatingIfNeeded: ((key.high &* 0x9E37_79B9_7F4A_7C15) ^ (key.low &* 0xC2B2_AE3D_27D4_EB4F)) >> 20) & (slots - 1)
    }

    private mutating func grow() {
        let old = table
        table = Table(slots: old.slots * 2)
        for slot in 0..<old.slots where old.words[2 * slot] != IDSet.empty {
            _ = place(Key(high: old.words[2 * slot], low: old.words[2 * slot + 1]))
        }
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        if bytes.count == 18, let base = bytes.baseAddress {
            let packed: (UInt64, UInt64)? = alphabet.withUnsafeBufferPointer { alphabet in
                var high: UInt64 = 0
                var low: UInt64 = 0
                var invalid: UInt8 = 0
                for index in 0..<9 {
                    let value = alphabet[Int(base[index])]
                    invalid |= value
                    high = high &* 31 &+ UInt64(value)
                }
                for index in 9..<18 {
                    let value = alphabet[Int(base[index])]
                    invalid |= value
                    low = low &* 31 &+ UInt64(value)
                }
                // Valid characters map to 0–30; anything else to 255, which sets the top bits.
                return invalid & 0xE0 == 0 ? (high, low) : nil
            }
            if let (high, low) = packed { return Key(high: high, low: low) }
        }
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        // The top bit marks hashed keys; packed keys never reach it (31^9 < 2^45).
        return Key(high: UInt64(bytes.count) | (1 << 63), low: UInt64(bitPattern: Int64(hasher.finalize())))
    }
}
