import LadderCore
import LadderReports
import Testing

@testable import LadderGenerate

@Suite("Yearly exports")
struct YearlyExportTests {
    /// Writes parts in one pass and returns each part's text.
    static func write(_ generator: RegistryGenerator, _ parts: [RegistryGenerator.Part]) -> [String] {
        var texts = [[UInt8]](repeating: [], count: parts.count)
        generator.write(parts: parts, chunkSize: 1 << 16) { index, chunk in texts[index] += chunk }
        return texts.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("three yearly exports hold the same firms with the same ids, certificates and figures; HNTE grows")
    func sameFirmsEachYear() throws {
        let generator = try Shipped.generator(scale: 0.03, seed: 4)
        let parts = RegistryGenerator.parts(years: 2023...2025, splitByDistrict: false)
        let texts = Self.write(generator, parts)
        let byYear = try texts.map { try firms(of: $0) }
        let ids = byYear.map { Set($0.map(\.id)) }
        #expect(ids[0].isSubset(of: ids[1]) && ids[1].isSubset(of: ids[2]))
        #expect(ids[2].count == generator.firms && ids[0].count < ids[2].count)
        // A single-year write gives the same bytes as that year's part.
        var single = generator
        single.year = 2024
        #expect(text(of: single) == texts[1])
        // What 2023 showed is still there in 2025: certificates issued by then, the 2022 figures.
        let later = Dictionary(byYear[2].map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for firm in byYear[0] {
            let now = try #require(later[firm.id])
            let before = Set(firm.certifications.map { "\($0.kind)\($0.issued)" })
            #expect(before.isSubset(of: Set(now.certifications.map { "\($0.kind)\($0.issued)" })))
            if var old = firm.finance(in: 2022), var new = now.finance(in: 2022) {
                (old.position, new.position) = (nil, nil)
                #expect(old == new)
            }
        }
        let ladder = try #require(Shipped.ladder)
        let counts = try zip(parts, texts).map { part, text in
            let total = try tally(of: text, asOf: part.exportedAt, ladder: ladder).total
            return total.certified.highTech + total.certified.leading
        }
        // 7,920 at the end of 2023 → 8,683 at the end of 2025, at the scale.
        #expect(abs(Double(counts[0]) / (7_920 * 0.03) - 1) <= 0.08, "2023: \(counts[0])")
        #expect(abs(Double(counts[2]) / (8_683 * 0.03) - 1) <= 0.08, "2025: \(counts[2])")
        #expect(counts[0] < counts[2])
    }

    @Test("split by district, the ten files hold exactly the city file's firms, each in its own district")
    func splitByDistrict() throws {
        let generator = try Shipped.generator(firms: 500, seed: 8)
        let parts = [RegistryGenerator.Part(year: 2025)] + RegistryGenerator.parts(years: 2025...2025, splitByDistrict: true)
        let texts = Self.write(generator, parts)
        let city = try firms(of: texts[0])
        var union: [String] = []
        for (part, text) in zip(parts.dropFirst(), texts.dropFirst()) {
            let district = try firms(of: text)
            #expect(district.allSatisfy { $0.district == part.district })
            union += district.map(\.id)
        }
        #expect(union.count == city.count)
        #expect(Set(union) == Set(city.map(\.id)))
        #expect(parts[1].fileName == "registry-2025-370202.xml")
        // Each district's part names its own reporting unit, so a database keeps all ten side by side.
        let sources = texts.map { text in text.split(separator: "source=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "" }
        #expect(sources[0] == "青岛市科学技术局" && sources[1] == "青岛市市南区科学技术局")
        #expect(Set(sources).count == parts.count)
    }
}
