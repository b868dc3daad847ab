import LadderCore
import Testing

@testable import LadderGenerate

@Suite("OutputBuffer")
struct OutputBufferTests {
    func written(_ body: (inout OutputBuffer) -> Void) -> String {
        var buffer = OutputBuffer(capacity: 64)
        body(&buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test("integers", arguments: [(Int64(0), "0"), (7, "7"), (10, "10"), (-42, "-42"),
                                   (1_234_567_890_123, "1234567890123"), (Int64.min, "-9223372036854775808")])
    func integers(value: Int64, text: String) {
        #expect(written { $0.int(value) } == text)
    }

    @Test("万元 amounts drop trailing zeros", arguments: [(Int64(58_000_000_000), "58000"), (1_000_000, "1"),
                                                        (1_250_000, "1.25"), (1_500_000, "1.5"), (10_000, "0.01"),
                                                        (-3_300_000, "-3.3")])
    func wanYuan(fen: Int64, text: String) {
        #expect(written { $0.wanYuan(fen: fen) } == text)
    }

    @Test("yuan amounts", arguments: [(Int64(5_800_000_000), "58000000"), (125_000_050, "1250000.50"), (7, "0.07")])
    func yuan(fen: Int64, text: String) {
        #expect(written { $0.yuan(fen: fen) } == text)
    }

    @Test("contract amounts always carry two decimals")
    func twoDecimals() {
        #expect(written { $0.yuanTwoDecimals(fen: 125_000_000) } == "1250000.00")
        #expect(written { $0.yuanTwoDecimals(fen: 5) } == "0.05")
    }

    @Test("padding and dates")
    func padding() {
        #expect(written { $0.padded(42, width: 6) } == "000042")
        #expect(written { $0.padded(1_234_567, width: 4) } == "1234567")
        #expect(written { $0.day(Day(ordinal: 0)) } == "1970-01-01")
    }

    @Test("the five XML special characters are escaped")
    func escaping() {
        #expect(written { $0.escaped("青岛J&K<\"'>") } == "青岛J&amp;K&lt;&quot;&apos;&gt;")
    }
}
