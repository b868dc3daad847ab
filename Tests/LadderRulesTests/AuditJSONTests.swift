import LadderCore
import Testing
@testable import LadderRules

@Suite("Audit JSON numbers and strings")
struct AuditJSONTests {
    static let numbers: [(Double, String)] = [
        (0, "0"), (-0.0, "0"), (6, "6"), (-5, "-5"), (0.6, "0.6"), (-0.6, "-0.6"), (0.05, "0.05"),
        (-12.25, "-12.25"), (0.123456789, "0.123456789"), (0.0000000001, "0"), (2_000_000_000, "2000000000"),
        (-123_456_789_012, "-123456789012"), (1_234_567_890.5, "1234567890.5"), (-98_765_432_101.07, "-98765432101.07"),
        (12_345_678_901.1, "12345678901.1"), (1_234_567_890.123, "1234567890.123"), (.infinity, "null"),
        (-.infinity, "null"), (.nan, "null"),
    ]

    @Test("numbers print exactly, with their sign, and unbounded ones as null", arguments: numbers)
    func number(_ value: Double, _ expected: String) {
        let out = ByteWriter(capacity: 16)
        AuditJSON.number(value, into: out)
        #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
    }

    @Test("amounts of 10亿 yuan and more print as Swift prints them (the fast path and the fallback agree)")
    func largeAmounts() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let fen = Int64.random(in: 100_000_000_000...900_000_000_000_000, using: &generator)
            for value in [Double(fen) / 100, -Double(fen) / 100, Double(fen) / 300] where abs(value) >= 1e9 {
                let out = ByteWriter(capacity: 32)
                AuditJSON.number(value, into: out)
                let expected = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
                #expect(String(decoding: out.bytes, as: UTF8.self) == expected, "\(value)")
            }
        }
    }

    @Test("strings are quoted and escaped; Chinese stays as it is; the writer grows past its capacity")
    func strings() {
        let out = ByteWriter(capacity: 16)
        AuditJSON.string("青岛\"海尔\"\n\\", into: out)
        out.append(",")
        AuditJSON.string(String(repeating: "科", count: 100), into: out)
        let text = String(decoding: out.bytes, as: UTF8.self)
        #expect(text == "\"青岛\\\"海尔\\\"\\n\\\\\",\"" + String(repeating: "科", count: 100) + "\"")
    }

    @Test("the byte writer escapes every string exactly as JSONString.quote does, U+2028 and U+2029 included",
          arguments: ["plain", "青岛", "a\u{2028}b", "\u{2029}", "…→€", "\u{01}\t\"\\", "科\u{2028}技\u{2029}", ""])
    func stringsAgreeWithQuote(_ value: String) {
        let out = ByteWriter(capacity: 16)
        AuditJSON.string(value, into: out)
        var quoted = ""
        JSONString.quote(value, into: &quoted)
        #expect(String(decoding: out.bytes, as: UTF8.self) == quoted)
        #expect(!quoted.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
    }
}
