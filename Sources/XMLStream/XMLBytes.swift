/// A read-only view of bytes that libxml2 handed to a callback: a name, an attribute value or a text
/// run. Valid only during the callback that received it; copy what must outlive it (`string`, or
/// append it to a buffer).
public struct XMLBytes: RandomAccessCollection, Sendable {
    nonisolated(unsafe) let base: UnsafePointer<UInt8>?
    public let count: Int

    init(_ base: UnsafePointer<UInt8>?, count: Int) {
        self.base = base
        self.count = base == nil ? 0 : count
    }

    init(cString: UnsafePointer<UInt8>?) {
        self.init(cString, count: cString.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "XMLBytes index out of range")
        return base.unsafelyUnwrapped[position]
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes decoded as UTF-8 (libxml2 always hands over UTF-8, whatever the file's encoding).
    public var string: String {
        guard let base else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Whether the bytes equal an ASCII or UTF-8 literal.
    public func equals(_ literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == count else { return false }
        guard count > 0, let base else { return true }
        return memcmp(base, literal.utf8Start, count) == 0
    }

    /// Whether the bytes equal the bytes of an array.
    public func equals(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == count else { return false }
        guard count > 0, let base else { return true }
        return bytes.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, count) == 0 }
    }

    /// An identity for names that libxml2 interns in its dictionary (element and attribute names):
    /// equal names share an address within one parse.
    var address: UInt { UInt(bitPattern: base) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
