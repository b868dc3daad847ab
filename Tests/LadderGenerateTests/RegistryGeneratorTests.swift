import LadderCore
import Testing

@testable import LadderGenerate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("RegistryGenerator")
struct RegistryGeneratorTests {
    static let sample = try? Shipped.generator(firms: 1_500, seed: 2025)
    static let sampleLines = sample.map(lines(of:)) ?? []
    /// A larger registry, for rare things (planted problems, names with `&`).
    static let large = try? Shipped.generator(firms: 3_000, seed: 5)
    static let largeText: (text: String, summary: RegistryGenerator.Summary)? = large.map { generator in
        var text = ""
        let summary = generator.write { text += $0 }
        return (text, summary)
    }

    @Test("the same seed writes the same bytes, another seed other bytes")
    func deterministic() throws {
        let generator = try Shipped.generator(firms: 300, seed: 42)
        var first: [UInt8] = []
        var second: [UInt8] = []
        generator.writeBytes(chunkSize: 4_096) { first += $0 }
        generator.writeBytes(chunkSize: 100_000) { second += $0 }
        #expect(first == second)
        var other: [UInt8] = []
        try Shipped.generator(firms: 300, seed: 43).writeBytes { other += $0 }
        #expect(other != first)
    }

    @Test("the bytes do not depend on how many workers draw the firms")
    func workersAgree() throws {
        var generator = try Shipped.generator(firms: 1_100, seed: 6)
        generator.workerLimit = 1
        let one = text(of: generator)
        generator.workerLimit = 3
        #expect(text(of: generator) == one)
    }

    @Test("firm i depends only on the seed and i, so a smaller registry's firms are a prefix of a larger one's")
    func firmsArePrefix() throws {
        func firms(_ count: Int) throws -> [Substring] {
            lines(of: try Shipped.generator(firms: count, seed: 9)).filter { $0.hasPrefix("    ") || $0.hasPrefix("  <E") || $0.hasPrefix("  </E") }
        }
        let small = try firms(80)
        let large = try firms(160)
        #expect(small.count > 80 * 10)
        #expect(Array(large.prefix(small.count)) == small)
    }

    @Test("the record counts are as announced and follow the calibration at the scale")
    func counts() throws {
        let sample = try #require(Self.sample)
        let lines = Self.sampleLines
        func count(_ prefix: String) -> Int { lines.filter { $0.hasPrefix(prefix) }.count }
        #expect(count("  <Enterprise id=") == 1_500)
        #expect(count("  </Enterprise>") == 1_500)
        #expect(count("  <Platform ") == sample.platformCount(year: 2025))
        #expect(count("  <TechContract ") == sample.contractCount(year: 2024) + sample.contractCount(year: 2025))
        #expect(count("  <Broker ") == sample.brokerCount(year: 2025))
        // 2,480 brokers and 130 platforms at scale 1 (Rules/calibration/qingdao-2025.xml).
        let scale = 1_500.0 / 36_000
        #expect(sample.brokerCount(year: 2025) == Int((2_480 * scale).rounded()))
        #expect(sample.platformCount(year: 2025) == Int((130 * scale).rounded()))
        #expect(lines.first == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        #expect(lines.last == "</Registry>")
    }

    @Test("every credit code is unique and valid except the planted bad check digits")
    func creditCodes() throws {
        let sample = try #require(Self.sample)
        var text = ""
        let summary = sample.write { text += $0 }
        let ids = text.split(separator: "\n").compactMap { line in
            line.hasPrefix("  <Enterprise id=") ? attribute("id", in: line).map(String.init) : nil
        }
        #expect(ids.count == 1_500)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 18 && $0.hasPrefix("9137") })
        let invalid = ids.filter { CreditCode.problem(in: $0) != nil }
        #expect(invalid.count == summary.planted[.badCheckDigit, default: 0])
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
    func planted() throws {
        let (text, summary) = try #require(Self.largeText)
        for kind in PlantedProblem.allCases {
            #expect(summary.planted[kind, default: 0] > 0, "\(kind) never planted")
        }
        let retired = text.split(separator: "\n").filter { line in
            line.hasPrefix("    <District ") && attribute("code", in: line).map { District.retired[String($0)] != nil } == true
        }
        #expect(retired.count == summary.planted[.retiredDistrictCode])
        let malformed = text.split(separator: "\n").filter { line in
            line.hasPrefix("    <Certification ") && attribute("number", in: line).map {
                !($0.hasPrefix("GR") && $0.count == 14) && !($0.count == 18 && Array($0)[10] == "A")
                    && !($0.hasPrefix("LJ") && $0.count == 14)
            } == true
        }
        #expect(malformed.count == summary.planted[.malformedCertificateNumber])
        #expect(summary.bytes == Int64(text.utf8.count))
        #expect(summary.firms == 3_000)
    }

    @Test("text is escaped: every ampersand starts an entity reference")
    func escaping() throws {
        let text = try #require(Self.largeText).text
        #expect(text.contains("&amp;"))
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            let tail = rest[amp...]
            #expect(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains { tail.hasPrefix($0) })
            rest = rest[rest.index(after: amp)...]
        }
    }

    @Test("string chunks end at record boundaries and add up to the byte output")
    func chunks() throws {
        let generator = try Shipped.generator(firms: 200, seed: 11)
        var chunks: [String] = []
        generator.write { chunks.append($0) }
        var bytes: [UInt8] = []
        generator.writeBytes { bytes += $0 }
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.hasSuffix("\n") })
        #expect(Array(chunks.joined().utf8) == bytes)
    }

    @Test("writing to a file gives the same bytes and leaves no partial file")
    func file() throws {
        let path = "/tmp/techladder-generate-test-\(getpid()).xml"
        defer { unlink(path) }
        let generator = try Shipped.generator(firms: 200, seed: 3, year: 2024)
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
        #expect(access(path + ".partial", F_OK) != 0)
    }

    @Test("an unwritable file is an error, not a crash")
    func unwritable() throws {
        let generator = try Shipped.generator(firms: 1)
        #expect(throws: RegistryGenerator.WriteError.self) { try generator.write(toFile: "/nonexistent-dir/x.xml") }
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
        #expect(wan > 50)
    }
}
