#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only view of bytes that libxml2 handed to a callback: a name, an attribute value or a text
/// run. Valid only during the callback that received it; copy what must outlive it (`string`, or
/// append it to a buffer).
public struct XMLBytes: RandomAccessCollection, Sendable {
    @usableFromInline nonisolated(unsafe) let base: UnsafePointer<UInt8>?
    public let count: Int

    @inlinable init(_ base: UnsafePointer<UInt8>?, count: Int) {
        self.base = base
        self.count = base == nil ? 0 : count
    }

    @inlinable init(cString: UnsafePointer<UInt8>?) {
        self.init(cString, count: cString.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
    @inlinable public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "XMLBytes index out of range")
        return base.unsafelyUnwrapped[position]
    }

    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Appends the bytes to a buffer with one copy.
    @inlinable public func append(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes decoded as UTF-8 (libxml2 always hands over UTF-8, whatever the file's encoding).
    public var string: String {
        guard let base else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Whether the bytes equal an ASCII or UTF-8 literal.
    @inlinable public func equals(_ literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == count else { return false }
        guard count > 0, let base else { return true }
        return memcmp(base, literal.utf8Start, count) == 0
    }

    /// Whether the bytes equal the bytes of an array.
    @inlinable public func equals(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == count else { return false }
        guard count > 0, let base else { return true }
        return bytes.withUnsafeBufferPointer { memcmp(base, $0.baseAddress.unsafelyUnwrapped, count) == 0 }
    }

    /// Whether the bytes equal a string's UTF-8.
    @inlinable public func equals(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            utf8.count == count && (count == 0 || memcmp(base.unsafelyUnwrapped, utf8.baseAddress.unsafelyUnwrapped, count) == 0)
        }
    }
}

/// An element or attribute name, or a namespace URI, as libxml2 interned it in the parse's
/// dictionary: within one parse equal names share one address, so `XMLNameTable` recognises a name
/// without reading (or even measuring) its bytes. Valid only during the callback that received it.
public struct XMLName: Sendable {
    @usableFromInline nonisolated(unsafe) let pointer: UnsafePointer<UInt8>?

    @inlinable init(_ pointer: UnsafePointer<UInt8>?) { self.pointer = pointer }

    /// The name's bytes, empty when there is none (measured on each call).
    @inlinable public var bytes: XMLBytes { XMLBytes(cString: pointer) }
    /// The name decoded as UTF-8.
    public var string: String { bytes.string }
    /// The name's identity within one parse; 0 when there is none.
    @inlinable var address: UInt { UInt(bitPattern: pointer) }
}
