/// A growable byte buffer for text being written (audit JSON, CSV, rendered batches): appending is a
/// capacity check and a copy, with none of `Array`'s uniqueness checks or generic paths.
///
/// Invariant: `base` points to `capacity` allocated bytes, of which the first `count` are written; the
/// writer alone owns them and frees them once, in `deinit`. Every write reserves room first. One writer
/// is used by one thread at a time, so its state skips dynamic exclusivity checks.
public final class ByteWriter {
    @usableFromInline @exclusivity(unchecked) var held = 0
    @usableFromInline @exclusivity(unchecked) var capacity: Int
    @usableFromInline @exclusivity(unchecked) var base: UnsafeMutablePointer<UInt8>

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The number of bytes written.
    @inlinable public var count: Int { held }

    /// The bytes written so far (valid until the next write).
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: held) }

    /// The bytes written so far, as text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Empties the writer, keeping its capacity.
    public func removeAll() { held = 0 }

    @inlinable @inline(__always) func reserve(_ extra: Int) {
        if held &+ extra > capacity { grow(to: held + extra) }
    }

    @usableFromInline func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: held)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inlinable @inline(__always) public func append(_ byte: UInt8) {
        reserve(1)
        base[held] = byte
        held &+= 1
    }

    @inlinable @inline(__always) public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + held).copyMemory(from: source, byteCount: bytes.count)
        held &+= bytes.count
    }

    @inlinable @inline(__always) public func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inlinable @inline(__always) public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `bytes[range]` (checked), without making a slice.
    @inlinable @inline(__always) public func append(_ bytes: [UInt8], _ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range out of bounds")
        bytes.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Appends a string's UTF-8. (Labelled so that literals take `append(_: StaticString)`, which
    /// copies without the retain and release a `String` argument costs.)
    @inlinable public func append(string text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the last `count` decimal digits of `value` (leading zeros when it has fewer; at most 20),
    /// two at a time from the right.
    @inlinable public func appendDigits(_ value: UInt64, count: Int) {
        precondition(count >= 0 && count <= 20, "at most 20 digits")
        reserve(count)
        ByteWriter.twoDigits.withUTF8Buffer { pairs in
            var position = held &+ count
            var remaining = value
            var left = count
            while left >= 2 {
                let pair = Int(remaining % 100) &* 2
                remaining /= 100
                position &-= 2
                base[position] = pairs[pair]
                base[position &+ 1] = pairs[pair &+ 1]
                left &-= 2
            }
            if left == 1 { base[position &- 1] = UInt8(48 &+ remaining % 10) }
        }
        held &+= count
    }

    /// Appends `value` in decimal as `String(value)` writes it (a `-` first when negative). The import's
    /// facts encoding writes dozens of integers per firm: one call, digits counted four at a time and
    /// written two at a time, no precondition or closure per call.
    @inlinable @inline(__always) public func appendDecimal(_ value: Int64) {
        reserve(20)  // Int64.min: a sign and 19 digits
        if value < 0 {
            base[held] = UInt8(ascii: "-")
            held &+= 1
        }
        var rest = value.magnitude
        var count = 1
        var probe = rest
        while probe >= 10_000 {
            probe /= 10_000
            count &+= 4
        }
        if probe >= 100 { count &+= probe >= 1_000 ? 3 : 2 } else if probe >= 10 { count &+= 1 }
        var position = held &+ count
        ByteWriter.twoDigits.withUTF8Buffer { pairs in
            while rest >= 100 {
                let pair = Int(truncatingIfNeeded: rest % 100) &* 2
                rest /= 100
                position &-= 2
                base[position] = pairs[pair]
                base[position &+ 1] = pairs[pair &+ 1]
            }
            if rest >= 10 {
                let pair = Int(truncatingIfNeeded: rest) &* 2
                base[position &- 2] = pairs[pair]
                base[position &- 1] = pairs[pair &+ 1]
            } else {
                base[position &- 1] = 48 &+ UInt8(truncatingIfNeeded: rest)
            }
        }
        held &+= count
    }

    /// Appends a date as `YYYY-MM-DD` (`Day.description`'s text) for a year in 0...9999, a month and
    /// day in 0...99 (checked), in one call.
    @inlinable @inline(__always) public func appendDate(year: Int, month: Int, day: Int) {
        precondition((0...9999).contains(year) && (0...99).contains(month) && (0...99).contains(day),
                     "a date's fields in range")
        reserve(10)
        ByteWriter.twoDigits.withUTF8Buffer { pairs in
            let century = (year / 100) &* 2, rest = (year % 100) &* 2, m = month &* 2, d = day &* 2
            base[held] = pairs[century]
            base[held &+ 1] = pairs[century &+ 1]
            base[held &+ 2] = pairs[rest]
            base[held &+ 3] = pairs[rest &+ 1]
            base[held &+ 4] = UInt8(ascii: "-")
            base[held &+ 5] = pairs[m]
            base[held &+ 6] = pairs[m &+ 1]
            base[held &+ 7] = UInt8(ascii: "-")
            base[held &+ 8] = pairs[d]
            base[held &+ 9] = pairs[d &+ 1]
        }
        held &+= 10
    }

    /// Appends a string's UTF-8 as the inside of a JSON string, as SQLite's `json_quote` writes it:
    /// `"` and `\` escaped with a backslash, control characters as `\u00XX` (lowercase hex), all else
    /// as is. One pass over the bytes in place; text needing no escape is copied at once.
    public func appendJSONEscaped(string text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var plain = 0
            while plain < utf8.count {
                let byte = utf8[plain]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                plain &+= 1
            }
            append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[0..<plain]))
            guard plain < utf8.count else { return }
            for byte in utf8[plain...] {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    append(UInt8(ascii: "\\"))
                    append(byte)
                case 0..<0x20:
                    append("\\u00")
                    append(ByteWriter.hexDigits[Int(byte >> 4)])
                    append(ByteWriter.hexDigits[Int(byte & 15)])
                default:
                    append(byte)
                }
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// "00", "01", … "99", two bytes each.
    @usableFromInline static let twoDigits: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
}
