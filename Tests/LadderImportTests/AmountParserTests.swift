import LadderCore
import Testing
@testable import LadderImport

/// The one amount reader every importer uses: values, reasons, the plain shapes' short way, overflow.
@Suite("Amounts: yuan, 万元 and fen from text")
struct AmountParserTests {
    static func read(_ text: String, scale: Int64 = 1, allowNegative: Bool = false, fine: Bool = false) -> Result<Money, ValueProblem> {
        Array(text.utf8).withUnsafeBufferPointer {
            AmountParser.money($0, scale: scale, allowNegative: allowNegative, fineDecimals: fine)
        }
    }

    @Test("amounts become exact fen in yuan and 万元", arguments: [
        ("0", 1, 0), ("7", 1, 700), ("12.", 1, 1_200), (".5", 1, 50), ("12.50", 1, 1_250), (" 42 ", 1, 4_200),
        ("+5", 1, 500), ("9999999999999.99", 1, 999_999_999_999_999), ("330.25", 10_000, 330_250_000),
        ("0.01", 10_000, 10_000), ("-0", 1, 0),
    ] as [(String, Int64, Int64)])
    func values(text: String, scale: Int64, fen: Int64) {
        #expect(Self.read(text, scale: scale) == .success(Money(fen: fen)))
        #expect(Self.read(text, scale: scale, fine: true) == .success(Money(fen: fen)))
    }

    @Test("each bad amount gets its reason, naming the text as written", arguments: [
        ("", ValueProblem.empty), ("   ", .empty), ("1,000", .thousandsSeparator("1,000")), ("1e5", .notANumber("1e5")),
        (".", .notANumber(".")), ("1.2.3", .notANumber("1.2.3")), ("1.234", .tooManyDecimals("1.234")),
        ("-5", .negative("-5")), ("123456789012345", .tooLarge("123456789012345")),
    ])
    func reasons(text: String, problem: ValueProblem) {
        #expect(Self.read(text) == .failure(problem))
    }

    @Test("profiles read 万元 with up to six decimals exactly; format 1 keeps two", arguments: [
        ("156.4031", 156_403_100), ("0.000001", 1), ("12.345678", 12_345_678), (".1234", 123_400),
        ("123456789.1234", 123_456_789_123_400), ("9999999.999999", 9_999_999_999_999), ("-1.2345", -1_234_500),
    ] as [(String, Int64)])
    func fineDecimals(text: String, fen: Int64) {
        #expect(Self.read(text, scale: 10_000, allowNegative: true, fine: true) == .success(Money(fen: fen)))
        #expect(Self.read(text, scale: 10_000, allowNegative: true) == .failure(.tooManyDecimals(text)))
    }

    @Test("more decimals than the unit carries to the fen are rejected, never an overflow")
    func overflow() {
        let many = "1." + String(repeating: "7", count: 40)
        #expect(Self.read(many, scale: 10_000, fine: true) == .failure(.tooManyDecimals(many)))
        #expect(Self.read("1.0000001", scale: 10_000, fine: true) == .failure(.tooManyDecimals("1.0000001")))
        #expect(Self.read("99999999999999.99", scale: 10_000) == .failure(.tooLarge("99999999999999.99")))
        #expect(Self.read(String(repeating: "9", count: 30), scale: 10_000, fine: true)
                == .failure(.tooLarge(String(repeating: "9", count: 30))))
        #expect(Self.read("-1.2345", scale: 10_000, fine: true) == .failure(.negative("-1.2345")))
    }

    @Test("the plain shapes' short way gives what the general reader gives")
    func plainAgreesWithGeneral() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789012345678901234567890123456789.".utf8)
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 1...18, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            for (scale, fine) in [(Int64(1), false), (10_000, false), (10_000, true)] {
                bytes.withUnsafeBufferPointer { buffer in
                    guard let fen = AmountParser.plainFen(buffer, scale: scale, fineDecimals: fine) else { return }
                    // The general reader, from the same bytes behind a space (which the short way refuses).
                    let spaced = [UInt8(ascii: " ")] + bytes
                    let general = spaced.withUnsafeBufferPointer {
                        AmountParser.money($0, scale: scale, allowNegative: false, fineDecimals: fine)
                    }
                    #expect(general == .success(Money(fen: fen)), "\(String(decoding: bytes, as: UTF8.self)) \(scale)")
                }
            }
        }
    }
}
