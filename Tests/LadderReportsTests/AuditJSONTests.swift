import LadderCore
import Testing
@testable import LadderReports

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
        #expect(out.string == expected)
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
                #expect(out.string == expected, "\(value)")
            }
        }
    }

    @Test("strings are quoted and escaped; Chinese stays as it is; the writer grows past its capacity")
    func strings() {
        let out = ByteWriter(capacity: 16)
        JSONString.quote("青岛\"海尔\"\n\\", into: out)
        out.append(",")
        JSONString.quote(String(repeating: "科", count: 100), into: out)
        let text = out.string
        #expect(text == "\"青岛\\\"海尔\\\"\\n\\\\\",\"" + String(repeating: "科", count: 100) + "\"")
    }

    @Test("the byte writer and the byte array escape every string exactly as JSONString.quote does, U+2028 and U+2029 included",
          arguments: ["plain", "青岛", "a\u{2028}b", "\u{2029}", "…→€", "\u{01}\t\"\\", "科\u{2028}技\u{2029}", ""])
    func stringsAgreeWithQuote(_ value: String) {
        let out = ByteWriter(capacity: 16)
        JSONString.quote(value, into: out)
        var bytes: [UInt8] = []
        JSONString.quote(value, into: &bytes)
        var quoted = ""
        JSONString.quote(value, into: &quoted)
        #expect(out.string == quoted)
        #expect(bytes == Array(quoted.utf8))
        #expect(!quoted.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
    }

    @Test("CSV cells starting with = + - @ are neutralised; numbers stay numbers", arguments: [
        ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("@x", "'@x"), ("-5", "-5"), ("-x", "'-x"), ("a,b", "\"a,b\""),
    ])
    func csv(raw: String, cell: String) {
        #expect(AuditText.csvCell(raw) == cell)
    }

    @Test("the byte writer appends exactly the digits asked for, with leading zeros, and grows as it goes")
    func digits() {
        let out = ByteWriter(capacity: 16)
        out.appendDigits(7, count: 3)
        out.append(",")
        out.appendDigits(1234, count: 2)
        out.append(",")
        out.appendDigits(UInt64.max, count: 20)
        out.appendDigits(0, count: 0)
        #expect(out.string == "007,34,18446744073709551615")
    }
}
