#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte helpers of the scanner, the patterns and the encoding check: copies and compares a word at a
/// time, a literal's search, and the bytes that end a name.
extension NameAliasingReader {
    /// Bytes every buffer the scanner reads or writes has past its end (`copyBytes` moves 16 at once).
    static let slack = 16

    /// Copies `count` bytes between buffers that do not overlap. Most copies here are a name, an
    /// alias or the few bytes between two names: up to 16 are copied as two words, which may write
    /// (and read) up to 16 bytes past `count` — every buffer here has `slack` bytes for that, and what
    /// is written past the end is overwritten by the next copy or never read.
    @inline(__always) static func copyBytes(to target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        let to = UnsafeMutableRawPointer(target)
        let from = UnsafeRawPointer(source)
        if count <= 16 {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        } else if count <= 64 {
            var offset = 0
            while offset < count &- 8 {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8, as: UInt64.self)
        } else {
            memcpy(target, source, count)
        }
    }

    /// Whether `count` bytes at `one` and `other` are equal (for names: words, not a call to `memcmp`).
    @inline(__always) static func equalBytes(_ one: UnsafePointer<UInt8>, _ other: UnsafePointer<UInt8>, count: Int) -> Bool {
        let first = UnsafeRawPointer(one)
        let second = UnsafeRawPointer(other)
        if count >= 8 {
            var offset = 0
            while offset < count &- 8 {
                if first.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != second.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset &+= 8
            }
            return first.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == second.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return first.loadUnaligned(as: UInt32.self) == second.loadUnaligned(as: UInt32.self)
                && first.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self) == second.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        for offset in 0..<count where one[offset] != other[offset] { return false }
        return true
    }

    /// Whether `literal` is at `position` of `bytes[..<end]`.
    static func matches(_ literal: StaticString, in bytes: UnsafePointer<UInt8>, at position: Int, end: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        return position + length <= end && memcmp(bytes + position, literal.utf8Start, length) == 0
    }

    /// Where `literal` first starts in `bytes[from..<to]`, if it does.
    static func find(_ literal: StaticString, in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        let length = literal.utf8CodeUnitCount
        let first = Int32(literal.utf8Start[0])
        var position = from
        while to - position >= length, let found = memchr(bytes + position, first, to - position - length + 1) {
            position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes
            if memcmp(bytes + position, literal.utf8Start, length) == 0 { return position }
            position += 1
        }
        return nil
    }

    /// Bytes that end a name, or a part of a prefixed name, by value: ASCII below `@` except `-`, `.`
    /// and digits. `:` ends a part, so a prefix and a local name are matched (and a name spelt like an
    /// alias escaped) each on its own, as libxml2 reads them. In UTF-8 and GB18030 none of these bytes
    /// occurs inside a multi-byte character.
    nonisolated(unsafe) static let delimiters: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for byte in 0..<256 {
            table[byte] = byte < 0x40 && !(byte == 0x2D || byte == 0x2E || (byte >= 0x30 && byte <= 0x39))
        }
        return UnsafePointer(table)
    }()
}
