#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names to replace and their replacements in the file's encoding, and the hash table the scanner
/// finds them by.
extension NameAliasingReader {
    /// The byte sequences to replace, in the file's encoding, found by a small open-addressed hash.
    final class Patterns {
        /// The keys' and replacements' bytes, and per pattern where they are.
        private let bytes: UnsafeMutablePointer<UInt8>
        private let entries: UnsafeMutablePointer<Entry>
        private let slots: UnsafeMutablePointer<Int32>
        private let longest: Int
        static let slotCount = 1024

        struct Entry {
            var key: Int
            var keyCount: Int
            var replacement: Int
            var replacementCount: Int
        }

        /// What the scanner reads: plain pointers, valid while the patterns live.
        struct View {
            let bytes: UnsafePointer<UInt8>
            let entries: UnsafePointer<Entry>
            let slots: UnsafePointer<Int32>
            let longest: Int

            /// The pattern whose key is the `count` bytes at `key`, or -1.
            @inline(__always) func find(_ key: UnsafePointer<UInt8>, count: Int) -> Int {
                var slot = Patterns.hash(key, count)
                while true {
                    let index = Int(slots[slot])
                    if index < 0 { return -1 }
                    let entry = entries[index]
                    if entry.keyCount == count && NameAliasingReader.equalBytes(bytes + entry.key, key, count: count) {
                        return index
                    }
                    slot = (slot &+ 1) & (Patterns.slotCount - 1)
                }
            }

            @inline(__always) func key(_ index: Int) -> (base: UnsafePointer<UInt8>, count: Int) {
                (bytes + entries[index].key, entries[index].keyCount)
            }

            @inline(__always) func replacement(_ index: Int) -> (base: UnsafePointer<UInt8>, count: Int) {
                (bytes + entries[index].replacement, entries[index].replacementCount)
            }
        }

        var view: View { View(bytes: bytes, entries: entries, slots: slots, longest: longest) }

        /// No patterns (before the encoding is known).
        convenience init() { self.init(pairs: []) }

        /// Each name becomes its alias, and a name in the file spelt like the alias gets its `_`
        /// escaped; nil when a name cannot be written in the encoding's terms at all.
        convenience init?(_ aliases: XMLNameAliases, encoding: Encoding) {
            guard let escape = Patterns.encode(String(XMLNameAliases.escape), encoding) else { return nil }
            var pairs: [([UInt8], [UInt8])] = []
            for (name, alias) in aliases.pairs {
                let aliasBytes = Array(alias.utf8)
                if let nameBytes = Patterns.encode(name, encoding) { pairs.append((nameBytes, aliasBytes)) }
                pairs.append((aliasBytes, escape + aliasBytes.dropFirst()))
            }
            self.init(pairs: pairs)
        }

        private init(pairs: [([UInt8], [UInt8])]) {
            precondition(pairs.count <= 2 * XMLNameAliases.maxAliases && pairs.count <= Patterns.slotCount / 2, "more patterns than slots")
            let size = pairs.reduce(0) { $0 + $1.0.count + $1.1.count }
            bytes = .allocate(capacity: size + NameAliasingReader.slack)
            bytes.initialize(repeating: 0, count: size + NameAliasingReader.slack)
            entries = .allocate(capacity: max(pairs.count, 1))
            slots = .allocate(capacity: Patterns.slotCount)
            slots.initialize(repeating: -1, count: Patterns.slotCount)
            var offset = 0
            for (index, (key, replacement)) in pairs.enumerated() {
                (bytes + offset).initialize(from: key, count: key.count)
                (bytes + offset + key.count).initialize(from: replacement, count: replacement.count)
                entries[index] = Entry(key: offset, keyCount: key.count, replacement: offset + key.count, replacementCount: replacement.count)
                offset += key.count + replacement.count
                var slot = key.withUnsafeBufferPointer { Patterns.hash($0.baseAddress!, key.count) }
                while slots[slot] >= 0 { slot = (slot + 1) & (Patterns.slotCount - 1) }
                slots[slot] = Int32(index)
            }
            longest = pairs.map(\.0.count).max() ?? 0
        }

        deinit {
            bytes.deallocate()
            entries.deallocate()
            slots.deallocate()
        }

        /// The home slot of a key: its first and last eight (or four) bytes and its length, mixed.
        @inline(__always) static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
            let raw = UnsafeRawPointer(bytes)
            let head: UInt64
            let tail: UInt64
            if count >= 8 {
                head = raw.loadUnaligned(as: UInt64.self)
                tail = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            } else if count >= 4 {
                head = UInt64(raw.loadUnaligned(as: UInt32.self))
                tail = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            } else {
                head = UInt64(bytes[0]) | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count &- 1]) << 16
                tail = 0
            }
            let mixed = (head ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> 54)  // 10 bits: slotCount
        }

        /// A name's bytes in the file's encoding (GB18030 through iconv, as libxml2 decodes it).
        private static func encode(_ text: String, _ encoding: Encoding) -> [UInt8]? {
            switch encoding {
            case .utf8: return Array(text.utf8)
            case .gb18030: return gb18030(text)
            }
        }

        private static func gb18030(_ text: String) -> [UInt8]? {
            let converter = iconv_open("GB18030", "UTF-8")
            guard converter != iconv_t(bitPattern: -1) else { return nil }
            defer { iconv_close(converter) }
            var source = Array(text.utf8).map { CChar(bitPattern: $0) }
            var target = [CChar](repeating: 0, count: source.count * 2 + 8)
            let written: Int? = source.withUnsafeMutableBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    var inPointer = from.baseAddress
                    var inLeft = from.count
                    var outPointer = to.baseAddress
                    var outLeft = to.count
                    guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                    return to.count - outLeft
                }
            }
            guard let written else { return nil }
            return target.prefix(written).map { UInt8(bitPattern: $0) }
        }
    }
}
