#if canImport(Glibc)
import Glibc
#endif
import XMLStream
import Testing

/// The fast GB18030 decoder registered with libxml2 must give exactly what libxml2's iconv path gives:
/// the same result code, the same counts of bytes read and written, the same UTF-8.
@Suite("GB18030 decoding")
struct GB18030DecodingTests {
    struct Outcome: Equatable, CustomStringConvertible {
        var code: Int32
        var read: Int32
        var written: Int32
        var bytes: [UInt8]
        var description: String { "code \(code) read \(read) written \(written) \(bytes.prefix(16))" }
    }

    /// libxml2 2.9's `xmlIconvWrapper`, over iconv's GB18030 → UTF-8.
    static func reference(_ input: [UInt8], outSize: Int) -> Outcome {
        let cd = iconv_open("UTF-8", "GB18030")
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: outSize)
        var source = input.map { CChar(bitPattern: $0) }
        var inLeft = source.count, outLeft = outSize
        var status = 0
        var code: Int32 = 0
        source.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var inPointer: UnsafeMutablePointer<CChar>? = src.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress)?.assumingMemoryBound(to: CChar.self)
                status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                code = errno
            }
        }
        var result: Int32 = 0
        if inLeft != 0 || status == -1 {
            result = code == EILSEQ ? -2 : code == E2BIG ? -1 : -3
        }
        let written = outSize - outLeft
        return Outcome(code: result, read: Int32(input.count - inLeft), written: Int32(written), bytes: Array(out.prefix(written)))
    }

    static func decoded(_ input: [UInt8], outSize: Int) -> Outcome {
        var out = [UInt8](repeating: 0, count: outSize)
        var inLength = Int32(input.count), outLength = Int32(outSize)
        let code = input.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                GB18030Decoding.decode(dst.baseAddress, &outLength, src.baseAddress, &inLength)
            }
        }
        return Outcome(code: code, read: inLength, written: outLength, bytes: Array(out.prefix(Int(outLength))))
    }

    @Test("every two-byte sequence, alone and after ASCII")
    func everyPair() {
        for lead in 0x81...0xFF {
            var row: [UInt8] = []
            for trail in 0x00...0xFF {
                let pair: [UInt8] = [UInt8(lead), UInt8(trail)]
                let alone = Self.decoded(pair, outSize: 16)
                let expected = Self.reference(pair, outSize: 16)
                #expect(alone == expected, "\(pair)")
                if alone.code == 0 { row += pair }
            }
            let prefixed = Array("<a>".utf8) + row + Array("</a>".utf8)
            #expect(Self.decoded(prefixed, outSize: prefixed.count * 2 + 8) == Self.reference(prefixed, outSize: prefixed.count * 2 + 8))
        }
    }

    @Test("mixed text with four-byte characters, bad bytes, cut sequences and small output buffers")
    func mixed() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("<企业名称 x=\"1\">".utf8).map { $0 < 0x80 ? $0 : 0x41 }, Array("0123456789abcdef".utf8),
            [0xC7, 0xE0, 0xB5, 0xBA], [0xB0, 0xA1], [0x81, 0x40], [0xA1, 0xA1], [0xFE, 0xFE], [0xA2, 0xE3],
            [0x81, 0x30, 0x81, 0x30], [0x84, 0x31, 0xA4, 0x39], [0x90, 0x30, 0x81, 0x30], [0xE3, 0x32, 0x9A, 0x35],
            [0x80], [0xFF], [0x81, 0x7F], [0x81, 0x20], [0x81, 0x30, 0x20], [0x81, 0x30, 0x81, 0x20], [0x0A],
        ]
        for round in 0..<3000 {
            var input: [UInt8] = []
            // Mostly short chunks of anything; sometimes long ones of ASCII and two-byte characters only
            // (libxml2 converts up to 64 KiB at a time), which the decoder reads without iconv.
            let long = round % 50 == 0
            for _ in 0..<Int.random(in: 1...(long ? 4000 : 40), using: &generator) {
                input += pieces[Int.random(in: 0..<(long ? 8 : pieces.count), using: &generator)]
            }
            // Sometimes cut the last sequence short, as a chunk boundary does.
            if round % 3 == 0, !input.isEmpty { input.removeLast(Int.random(in: 0...min(3, input.count), using: &generator)) }
            // Sizes between the input's and one and a half times it end the decoder's unchecked loop
            // for lack of output space, possibly several times.
            let between = [input.count * 3 / 2, input.count * 5 / 4 + 3, input.count + 1]
            for outSize in [input.count * 2 + 8, 7, 1, Int.random(in: 0...input.count + 4, using: &generator)] + between {
                let got = Self.decoded(input, outSize: outSize)
                let expected = Self.reference(input, outSize: outSize)
                // Out of output space, iconv may stop a character earlier than needed: libxml2 treats
                // -1 as "more room needed" and calls again, so only the characters written must agree.
                if expected.code == -1 || got.code == -1 {
                    let shorter = min(got.bytes.count, expected.bytes.count)
                    #expect(got.bytes.prefix(shorter) == expected.bytes.prefix(shorter), "\(input) out \(outSize)")
                    #expect(got.code == -1 || expected.code == -1)
                } else {
                    #expect(got == expected, "\(input) out \(outSize)")
                }
            }
        }
    }
}
