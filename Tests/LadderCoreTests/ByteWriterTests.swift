import LadderCore
import Testing

/// The byte writer's number, date and JSON-text appends write what Swift's own descriptions write.
@Suite("byte writer")
struct ByteWriterTests {
    @Test("a decimal integer is written as String(value) writes it, at every length and both ends of Int64")
    func decimalsMatchStringDescription() {
        var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1_000, 9_999, 10_000, 12_345, Int64.max, Int64.min,
                               Int64.min + 1, 999_999_999_999_999, -9_223_372_036_854_775_807]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power, 7 * power / 3]
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {  // a spread of lengths from a fixed sequence
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(bitPattern: state) >> Int64(state % 63))
        }
        let writer = ByteWriter(capacity: 16)
        for value in values {
            writer.removeAll()
            writer.append(UInt8(ascii: "["))
            writer.appendDecimal(value)
            writer.append(UInt8(ascii: "]"))
            #expect(writer.string == "[\(value)]")
        }
    }

    @Test("a date is written as Day.description writes it")
    func datesMatchDayDescription() throws {
        let writer = ByteWriter(capacity: 16)
        for text in ["0001-01-01", "1999-12-31", "2024-02-29", "2025-10-05", "9999-12-31"] {
            let day = try #require(Day(text))
            writer.removeAll()
            writer.appendDate(year: day.year, month: day.month, day: day.day)
            #expect(writer.string == day.description)
        }
    }

    @Test("JSON text escapes quote, backslash and control characters and copies everything else as is")
    func jsonTextEscapes() {
        let cases: [(String, String)] = [
            ("", ""), ("plain", "plain"), ("中文 é/", "中文 é/"), ("a\"b", "a\\\"b"), ("back\\slash", "back\\\\slash"),
            ("\u{1}\t\n\u{1F}", "\\u0001\\u0009\\u000a\\u001f"), ("x\u{7F}y", "x\u{7F}y"),
            ("A\"B\\C\u{1}\t 中文/é", "A\\\"B\\\\C\\u0001\\u0009 中文/é"),
        ]
        let writer = ByteWriter(capacity: 16)
        for (text, expected) in cases {
            writer.removeAll()
            writer.appendJSONEscaped(string: text)
            #expect(writer.string == expected, "\(text)")
        }
    }
}
