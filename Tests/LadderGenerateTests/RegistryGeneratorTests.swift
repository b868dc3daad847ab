import LadderCore
import Testing

@testable import LadderGenerate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a generated registry.
func lines(of generator: RegistryGenerator) -> [Substring] {
    var text = ""
    generator.write { text += $0 }
    return text.split(separator: "\n")
}

/// The value of the first `name="…"` attribute on a line.
func attribute(_ name: String, in line: Substring) -> Substring? {
    guard let start = line.firstRange(of: " \(name)=\"")?.upperBound,
        let end = line[start...].firstIndex(of: "\"")
    else { return nil }
    return line[start..<end]
}

@Suite("RegistryGenerator")
struct RegistryGeneratorTests {
    static let sample = RegistryGenerator(firms: 3_000, seed: 2025, year: 2025)
    static let sampleLines = lines(of: sample)

    @Test("the same seed writes the same bytes, another seed other bytes")
    func deterministic() {
        let generator = RegistryGenerator(firms: 400, seed: 42)
        var first: [UInt8] = []
        var second: [UInt8] = []
        generator.writeBytes(chunkSize: 4_096) { first += $0 }
        generator.writeBytes(chunkSize: 100_000) { second += $0 }
        #expect(first == second)
        var other: [UInt8] = []
        RegistryGenerator(firms: 400, seed: 43).writeBytes { other += $0 }
        #expect(other != first)
    }

    @Test("firm i depends only on the seed and i, so a smaller file's firms are a prefix of a larger one's")
    func firmsArePrefix() {
        func firms(_ count: Int) -> [Substring] {
            lines(of: RegistryGenerator(firms: count, seed: 9)).filter { !$0.hasPrefix("  <Platform") }
                .filter { !$0.hasPrefix("  <TechContract") && !$0.hasPrefix("  <Broker") && !$0.hasPrefix("<") }
        }
        let small = firms(60)
        let large = firms(120)
        #expect(Array(large.prefix(small.count - 1)) == Array(small.dropLast()))
    }

    @Test("the record counts are as announced")
    func counts() {
        let lines = Self.sampleLines
        func count(_ prefix: String) -> Int { lines.filter { $0.hasPrefix(prefix) }.count }
        #expect(count("  <Enterprise id=") == 3_000)
        #expect(count("  </Enterprise>") == 3_000)
        #expect(count("  <Platform ") == Self.sample.platformCount)
        #expect(count("  <TechContract ") == Self.sample.contractCount)
        #expect(count("  <Broker ") == Self.sample.brokerCount)
        #expect(Self.sample.platformCount == 60 && Self.sample.contractCount == 1_000 && Self.sample.brokerCount == 300)
        #expect(lines.first == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        #expect(lines.last == "</Registry>")
    }

    @Test("every credit code is unique and valid except the planted bad check digits")
    func creditCodes() throws {
        var summary = RegistryGenerator.Summary()
        var text = ""
        summary = Self.sample.write { text += $0 }
        let ids = text.split(separator: "\n").compactMap { line in
            line.hasPrefix("  <Enterprise id=") ? attribute("id", in: line).map(String.init) : nil
        }
        #expect(ids.count == 3_000)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 18 && $0.hasPrefix("9137") })
        let invalid = ids.filter { CreditCode.problem(in: $0) != nil }
        let planted = try #require(summary.planted[.badCheckDigit])
        #expect(planted > 0)
        #expect(invalid.count == planted)
        for code in invalid {
            guard case .checkDigit = CreditCode.problem(in: code) else {
                Issue.record("\(code) is wrong in another way than its check digit")
                continue
            }
        }
    }

    @Test("firms cover all ten districts, the heavy ones most, and the High-tech Zone")
    func districts() {
        var byCode: [Substring: Int] = [:]
        var zoned = 0
        for line in Self.sampleLines where line.hasPrefix("    <District ") {
            if let code = attribute("code", in: line) { byCode[code, default: 0] += 1 }
            if attribute("zone", in: line) == "370271" { zoned += 1 }
        }
        for district in District.qingdao {
            #expect(byCode[Substring(district.code), default: 0] > 0, "no firm in \(district.name)")
        }
        #expect(byCode["370211", default: 0] > byCode["370283", default: 0] * 3)
        #expect(zoned > 0)
    }

    @Test("every planted kind appears and the summary counts what was written")
    func planted() {
        var text = ""
        let summary = RegistryGenerator(firms: 5_000, seed: 5).write { text += $0 }
        for kind in PlantedProblem.allCases {
            #expect(summary.planted[kind, default: 0] > 0, "\(kind) never planted")
        }
        let retired = text.split(separator: "\n").filter { line in
            line.hasPrefix("    <District ") && attribute("code", in: line).map { District.retired[String($0)] != nil } == true
        }
        #expect(retired.count == summary.planted[.retiredDistrictCode])
        #expect(summary.bytes == Int64(text.utf8.count))
        #expect(summary.firms == 5_000)
    }

    @Test("text is escaped: every ampersand starts an entity reference")
    func escaping() {
        let text = Self.sampleLines.joined(separator: "\n")
        #expect(text.contains("&amp;"))
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            let tail = rest[amp...]
            #expect(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains { tail.hasPrefix($0) })
            rest = rest[rest.index(after: amp)...]
        }
    }

    @Test("certificate numbers follow their kind's format unless planted malformed")
    func certificateNumbers() {
        var wellFormed = 0
        var other = 0
        for line in Self.sampleLines where line.hasPrefix("    <Certification ") {
            guard let kind = attribute("kind", in: line), let number = attribute("number", in: line) else { continue }
            let digits = number.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
            switch kind {
            case "tech-sme" where number.count == 18 && Array(number)[10] == "A" && digits: wellFormed += 1
            case "high-tech" where number.count == 14 && number.hasPrefix("GR") && Array(number)[6...7] == ["3", "7"]:
                wellFormed += 1
            case "leading" where number.hasPrefix("LJ"): wellFormed += 1
            default: other += 1
            }
        }
        #expect(wellFormed > 500)
        #expect(other > 0 && other * 50 < wellFormed)
    }

    @Test("string chunks end at record boundaries and add up to the byte output")
    func chunks() {
        let generator = RegistryGenerator(firms: 300, seed: 11)
        var chunks: [String] = []
        generator.write { chunks.append($0) }
        var bytes: [UInt8] = []
        generator.writeBytes { bytes += $0 }
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.hasSuffix("\n") })
        #expect(Array(chunks.joined().utf8) == bytes)
    }

    @Test("writing to a file gives the same bytes")
    func file() throws {
        let path = "/tmp/techladder-generate-test-\(getpid()).xml"
        defer { unlink(path) }
        let generator = RegistryGenerator(firms: 200, seed: 3, year: 2024)
        let summary = try generator.write(toFile: path)
        var expected: [UInt8] = []
        generator.writeBytes { expected += $0 }
        let stream = try #require(fopen(path, "rb"))
        defer { fclose(stream) }
        var read = [UInt8](repeating: 0, count: expected.count + 16)
        let count = read.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, stream) }
        #expect(Array(read.prefix(count)) == expected)
        #expect(summary.bytes == Int64(expected.count))
        #expect(String(decoding: expected.prefix(400), as: UTF8.self).contains("exportedAt=\"2024-12-31\""))
    }

    @Test("an unwritable file is an error, not a crash")
    func unwritable() {
        #expect(throws: RegistryGenerator.WriteError.self) {
            try RegistryGenerator(firms: 1).write(toFile: "/nonexistent-dir/x.xml")
        }
    }

    @Test("finance years run year-3 … year-1 and amounts have at most two decimals")
    func finance() {
        var years: Set<Substring> = []
        var wan = 0
        for line in Self.sampleLines {
            if line.hasPrefix("    <Finance ") {
                if let year = attribute("year", in: line) { years.insert(year) }
                if attribute("unit", in: line) == "wan-yuan" { wan += 1 }
            } else if line.hasPrefix("      <Revenue>") || line.hasPrefix("      <RDExpense>") {
                let value = line.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
                let parts = value.split(separator: ".")
                #expect(parts.count <= 2 && (parts.count == 1 || parts[1].count <= 2), "\(line)")
            }
        }
        #expect(years == ["2022", "2023", "2024"])
        #expect(wan > 100)
    }

    @Test("R&D intensity covers every tech-SME band, with some firms exactly on a bound")
    func rdBands() {
        var bands = [Int](repeating: 0, count: 6)  // <2%, [2,3), [3,4), [4,5), [5,6), >=6%
        var exact = 0
        var revenue: Int64?
        func value(_ line: Substring) -> Int64? {  // in fen
            let text = line.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            let parts = text.split(separator: ".")
            guard let whole = parts.first.flatMap({ Int64($0) }) else { return nil }
            let cents = parts.count == 2 ? Int64(parts[1] + String(repeating: "0", count: 2 - parts[1].count)) : 0
            return whole * 100 + (cents ?? 0)
        }
        for line in Self.sampleLines {
            if line.hasPrefix("    <Finance ") {
                revenue = nil
                if attribute("unit", in: line) == "wan-yuan" || attribute("year", in: line) != "2025" { continue }
            }
            if line.hasPrefix("      <Revenue>") { revenue = value(line) }
            if line.hasPrefix("      <RDExpense>"), let rd = value(line), let sales = revenue, sales > 0 {
                let percent = Double(rd) / Double(sales) * 100
                bands[min(5, max(0, Int(percent) - 1))] += 1
                if rd * 100 % sales == 0 && (2...6).contains(rd * 100 / sales) { exact += 1 }
            }
        }
        let total = bands.reduce(0, +)
        #expect(total > 1_000)
        for (index, count) in bands.enumerated() {
            #expect(count * 20 > total, "band \(index) holds only \(count) of \(total)")
        }
        #expect(exact > 10)
    }
}
