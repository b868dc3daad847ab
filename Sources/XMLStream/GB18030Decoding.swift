import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A GB18030 → UTF-8 decoder for libxml2 that gives exactly what libxml2's own iconv path gives, faster.
///
/// libxml2 decodes a file declared `encoding="GB18030"` through iconv, which in glibc goes through UCS-4
/// and costs about a third of libxml2's time on a district-bureau export. Registered as libxml2's
/// `GB18030` handler (registered handlers are looked up before iconv), this decoder copies ASCII and
/// looks two-byte sequences up in a table that is filled *from iconv itself* when the decoder is
/// installed, so every mapping is the C library's.
/// Everything else — four-byte sequences, bytes iconv refuses, a sequence cut by the end of the chunk
/// — is handed to iconv, and its result codes are those of libxml2's iconv wrapper (0, -1 out of space,
/// -2 bad bytes, -3 incomplete), with the same counts of bytes read and written. So the parser sees
/// the same characters, stops at the same bad byte with the same message, and reports the same
/// positions.
///
/// The handler is process-wide once installed (`install()`), for every parse in any layout. It lives
/// in XMLStream because it is libxml2's: importers only ask for it.
public enum GB18030Decoding {
    /// Registers the decoder as libxml2's GB18030 handler, once; false if iconv lacks GB18030 (then
    /// libxml2 keeps its own path).
    @discardableResult
    public static func install() -> Bool { installed }

    private static let installed: Bool = {
        guard table.isComplete else { return false }
        xmlInitParser()
        return xmlNewCharEncodingHandler("GB18030", decodeCallback, nil) != nil
    }()

    private static let decodeCallback: xmlCharEncodingInputFunc = { out, outlen, input, inlen in
        decode(out, outlen, input, inlen)
    }

    /// Two-byte sequences (lead 0x81–0xFE, trail 0x40–0xFE), indexed by the pair read as a
    /// little-endian `UInt16` (lead in the low 8 bits, so no range checks: other pairs with a byte of
    /// 0x80 or more first are 0): their UTF-8 bytes (at most three: every two-byte character is in the
    /// BMP) packed little-endian, with the byte count in the top byte; 0 when iconv does not read the
    /// pair as one character (the slow path decides). 64 Ki entries, of which a file touches the few
    /// hundred characters it uses.
    private struct Table: @unchecked Sendable {
        let entries: UnsafeMutablePointer<UInt32>
        let isComplete: Bool
        static let size = 0x1_0000

        @inline(__always) static func index(_ lead: UInt8, _ trail: UInt8) -> Int {
            Int(lead) | Int(trail) << 8
        }

        init() {
            entries = .allocate(capacity: Self.size)
            entries.initialize(repeating: 0, count: Self.size)
            let cd = iconv_open("UTF-8", "GB18030")
            guard cd != iconv_t(bitPattern: -1) else {
                isComplete = false
                return
            }
            defer { iconv_close(cd) }
            var source: [CChar] = [0, 0]
            var target = [CChar](repeating: 0, count: 8)
            for lead in 0x81...0xFE {
                for trail in 0x40...0xFE {
                    source[0] = CChar(bitPattern: UInt8(lead))
                    source[1] = CChar(bitPattern: UInt8(trail))
                    _ = iconv(cd, nil, nil, nil, nil)
                    let produced: Int? = source.withUnsafeMutableBufferPointer { src in
                        target.withUnsafeMutableBufferPointer { dst in
                            var inPointer: UnsafeMutablePointer<CChar>? = src.baseAddress
                            var inLeft = 2
                            var outPointer: UnsafeMutablePointer<CChar>? = dst.baseAddress
                            var outLeft = dst.count
                            let status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                            guard status != -1, inLeft == 0, outLeft < dst.count, dst.count - outLeft <= 3 else { return nil }
                            return dst.count - outLeft
                        }
                    }
                    guard let produced else { continue }
                    var packed = UInt32(produced) << 24
                    for index in 0..<produced { packed |= UInt32(UInt8(bitPattern: target[index])) << (8 * index) }
                    entries[Self.index(UInt8(lead), UInt8(trail))] = packed
                }
            }
            isComplete = true
        }
    }

    private static let table = Table()

    /// The decoder, with libxml2's `xmlCharEncodingInputFunc` contract as its iconv wrapper keeps it.
    package static func decode(_ out: UnsafeMutablePointer<UInt8>?, _ outlen: UnsafeMutablePointer<Int32>?,
                               _ input: UnsafePointer<UInt8>?, _ inlen: UnsafeMutablePointer<Int32>?) -> Int32 {
        guard let out, let outlen, let inlen else { return -2 }
        guard let input else {
            outlen.pointee = 0
            inlen.pointee = 0
            return 0
        }
        let inCount = Int(inlen.pointee), outCount = Int(outlen.pointee)
        let entries = table.entries
        let rawIn = UnsafeRawPointer(input), rawOut = UnsafeMutableRawPointer(out)
        var i = 0, o = 0
        // The fast loop, a character (or two ASCII bytes) per step: while i < end (below) both bytes at
        // i are input and o + 4 <= outCount (a step writes at most one and a half times what it reads),
        // so a step checks nothing else and writes a two-byte character's table entry as four bytes
        // whatever its length. libxml2 offers twice the input's size of output, so this loop usually
        // runs to the chunk's last byte; when the output is the limit it runs again over what is left.
        // The step branches on ASCII rather than taking its length from the table: then where the next
        // step starts does not wait for the table read, and the CPU runs steps ahead (measured: twice
        // as fast as a branch-free step whose advance came from the table, for fewer instructions).
        while true {
            let room = outCount &- o &- 3
            let end = min(inCount &- 1, i &+ (room > 0 ? room &* 2 / 3 : 0))
            guard i < end else { break }
            repeat {
                var pair = Int(UInt16(littleEndian: rawIn.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
                // Two-byte characters come in runs (names, text): their own loop.
                while pair & 0x80 != 0 {
                    let entry = entries[pair]
                    // Not a two-byte character: iconv decides, from here to the end of the chunk.
                    guard entry != 0 else { return viaIconv(out, outlen, input, inlen, read: i, written: o) }
                    rawOut.storeBytes(of: entry.littleEndian, toByteOffset: o, as: UInt32.self)
                    o &+= Int(entry >> 24)
                    i &+= 2
                    guard i < end else { break }
                    pair = Int(UInt16(littleEndian: rawIn.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
                }
                guard i < end else { break }
                // ASCII (the run above ended on it).
                if pair & 0x8000 == 0 {
                    // Eight ASCII bytes at a time while they last (names and numbers, most of a file
                    // whose names arrive as aliases): `i + 8 <= end` keeps the write inside the room.
                    while i &+ 8 <= end {
                        let word = rawIn.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        guard word & 0x8080_8080_8080_8080 == 0 else { break }
                        rawOut.storeBytes(of: word, toByteOffset: o, as: UInt64.self)
                        i &+= 8
                        o &+= 8
                    }
                    guard i < end else { break }
                    pair = Int(UInt16(littleEndian: rawIn.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
                    guard pair & 0x8080 == 0 else { continue }
                    // Two ASCII bytes.
                    rawOut.storeBytes(of: UInt16(truncatingIfNeeded: pair).littleEndian, toByteOffset: o, as: UInt16.self)
                    i &+= 2
                    o &+= 2
                } else {
                    out[o] = UInt8(truncatingIfNeeded: pair)
                    i &+= 1
                    o &+= 1
                }
            } while i < end
        }
        // The rest (usually the chunk's last byte), one character at a time with every check.
        while i < inCount {
            let byte = input[i]
            if byte < 0x80 {
                guard o < outCount else { break }
                out[o] = byte
                i &+= 1
                o &+= 1
                continue
            }
            if i &+ 1 < inCount {
                let entry = entries[Table.index(byte, input[i &+ 1])]
                if entry != 0 {
                    let count = Int(entry >> 24)
                    guard o &+ count <= outCount else { break }
                    var packed = entry
                    for index in 0..<count {
                        out[o &+ index] = UInt8(truncatingIfNeeded: packed)
                        packed >>= 8
                    }
                    i &+= 2
                    o &+= count
                    continue
                }
            }
            return viaIconv(out, outlen, input, inlen, read: i, written: o)
        }
        inlen.pointee = Int32(i)
        outlen.pointee = Int32(o)
        // Stopped early only for lack of output space: what iconv reports as E2BIG.
        return i < inCount ? -1 : 0
    }

    /// The rest of the chunk through iconv, with libxml2's `xmlIconvWrapper` result codes.
    private static func viaIconv(_ out: UnsafeMutablePointer<UInt8>, _ outlen: UnsafeMutablePointer<Int32>,
                                 _ input: UnsafePointer<UInt8>, _ inlen: UnsafeMutablePointer<Int32>,
                                 read: Int, written: Int) -> Int32 {
        let inCount = Int(inlen.pointee), outCount = Int(outlen.pointee)
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            inlen.pointee = Int32(read)
            outlen.pointee = Int32(written)
            return -2
        }
        defer { iconv_close(cd) }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input + read).assumingMemoryBound(to: CChar.self)
        var inLeft = inCount - read
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out + written).assumingMemoryBound(to: CChar.self)
        var outLeft = outCount - written
        let status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
        let code = errno
        inlen.pointee = Int32(inCount - inLeft)
        outlen.pointee = Int32(outCount - outLeft)
        guard inLeft != 0 || status == -1 else { return 0 }
        switch code {
        case EILSEQ: return -2
        case E2BIG: return -1
        default: return -3
        }
    }
}
