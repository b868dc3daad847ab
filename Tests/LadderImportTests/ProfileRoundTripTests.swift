import Foundation
import LadderCore
import LadderImport
import Testing

@Suite("Mapping profiles: generated firms round-trip through every shipped layout and encoding")
struct ProfileRoundTripTests {
    /// The generated firms as format 1 reads them (written by RegistryWriter, read by RegistryImporter).
    static func originals(_ count: Int = 300) throws -> [Enterprise] {
        let document = RegistryWriter.document(header: ProfileLayouts.header, records: ProfileLayouts.firms(count).map { .enterprise($0) })
        var firms: [Enterprise] = []
        let report = try RegistryImporter().importDocument(document, name: "generated.xml") { record in
            if case .enterprise(let firm) = record { firms.append(firm) }
        }
        #expect(report.rejects.isEmpty, "\(report.rejects.prefix(3))")
        return firms
    }

    static func importThrough(_ profile: String, _ bytes: [UInt8]) throws -> (ImportReport, [Enterprise]) {
        var firms: [Enterprise] = []
        let report = try ProfileImporter(profile: ProfileLayouts.profile(profile)).importDocument(bytes: bytes, name: "layout.xml") { record in
            if case .enterprise(let firm) = record { firms.append(firm) }
        }
        return (report, firms)
    }

    static func expectSame(_ got: [Enterprise], _ expected: [Enterprise]) {
        #expect(got.count == expected.count)
        for (a, b) in zip(got, expected) where a != b {
            Issue.record("\(b.id) differs:\n got      \(a)\n expected \(b)")
            return
        }
    }

    @Test("the writer's output reads back to the same records, field by field")
    func writerRoundTrip() throws {
        let generated = ProfileLayouts.firms(300).map(ProfileLayouts.comparable)
        let originals = try Self.originals().map(ProfileLayouts.comparable)
        Self.expectSame(originals, generated)
    }

    @Test("district bureau layout, in each encoding, imports the same records as format 1",
          arguments: ["UTF-8", "GB18030", "GBK", "GB2312", "UTF-16"])
    func districtLayout(encoding: String) throws {
        let originals = try Self.originals()
        let text = try ProfileConverter(profile: "district-bureau").districtLayout(originals, encoding: encoding)
        // GB2312 cannot hold every character; the generated names stay inside it.
        let bytes = encoding == "UTF-8" ? Array(text.utf8) : ProfileLayouts.encode(text, as: encoding)
        #expect(!bytes.isEmpty)
        let (report, firms) = try Self.importThrough("district-bureau", bytes)
        #expect(report.rejects.isEmpty, "\(report.rejects.prefix(3))")
        #expect(report.records == originals.count)
        #expect(report.districts.values.reduce(0, +) == originals.count)
        Self.expectSame(firms.map(ProfileLayouts.comparable), originals.map(ProfileLayouts.comparable))
    }

    @Test("flat layout (one row per firm and year) imports the same firm and finance fields", arguments: ["UTF-8", "GB18030"])
    func flatLayout(encoding: String) throws {
        let originals = try Self.originals()
        let text = try ProfileConverter(profile: "flat-firm-year").flatLayout(originals, encoding: encoding)
        let bytes = encoding == "UTF-8" ? Array(text.utf8) : ProfileLayouts.encode(text, as: encoding)
        let (report, firms) = try Self.importThrough("flat-firm-year", bytes)
        #expect(report.rejects.isEmpty, "\(report.rejects.prefix(3))")
        #expect(report.records == originals.count)
        Self.expectSame(firms.map(ProfileLayouts.comparable), originals.map(ProfileConverter.flatProjection))
    }

    @Test("the shipped samples import without rejects, and auto-detection picks their profiles",
          arguments: [("district-gb18030.xml", "district-bureau"), ("flat-layout.xml", "flat-firm-year")])
    func samples(file: String, profile: String) throws {
        let path = try #require(ProjectFiles.locate("SampleData/\(file)"))
        guard case .profile(let detected) = try RegistryLayout.detect(file: path) else {
            Issue.record("\(file) was not detected as a profile layout")
            return
        }
        #expect(detected.id == profile)
        var firms: [Enterprise] = []
        let report = try RegistryLayout.profile(detected).importFile(path) { if case .enterprise(let firm) = $0 { firms.append(firm) } }
        #expect(report.rejects.isEmpty)
        #expect(report.imported == 4)
        #expect(firms.first?.finance.map(\.year) == [2023, 2024])
        #expect(firms.first?.finance.first?.revenue == Money(fen: 4_612_345_600))
    }

    @Test("both samples hold the same values for the fields they share")
    func samplesAgree() throws {
        func load(_ file: String) throws -> [Enterprise] {
            let path = try #require(ProjectFiles.locate("SampleData/\(file)"))
            var firms: [Enterprise] = []
            _ = try RegistryLayout.detect(file: path).importFile(path) { if case .enterprise(let firm) = $0 { firms.append(firm) } }
            return firms
        }
        let district = try load("district-gb18030.xml").map(ProfileConverter.flatProjection)
        let flat = try load("flat-layout.xml").map(ProfileConverter.flatProjection)
        #expect(district.map(\.id) == flat.map(\.id))
        #expect(district.map(\.name) == flat.map(\.name))
        #expect(district.map(\.district) == flat.map(\.district))
        #expect(district.map { $0.finance.map(\.revenue) } == flat.map { $0.finance.map(\.revenue) })
        #expect(district.map { $0.finance.map(\.rdExpense) } == flat.map { $0.finance.map(\.rdExpense) })
    }

    @Test("the generator's sample (SampleData/registry-2025.xml) round-trips through both layouts in GB18030")
    func generatorSample() throws {
        let path = try #require(ProjectFiles.locate("SampleData/registry-2025.xml"))
        var originals: [Enterprise] = []
        _ = try RegistryImporter().importFile(path) { if case .enterprise(let firm) = $0 { originals.append(firm) } }
        #expect(originals.count > 1000)
        let district = try ProfileConverter(profile: "district-bureau").districtLayout(originals, encoding: "GB18030")
        let (districtReport, districtFirms) = try Self.importThrough("district-bureau", ProfileLayouts.encode(district, as: "GB18030"))
        #expect(districtReport.rejected == 0)
        Self.expectSame(districtFirms.map(ProfileLayouts.comparable), originals.map(ProfileLayouts.comparable))
        let flat = try ProfileConverter(profile: "flat-firm-year").flatLayout(originals, encoding: "GB18030")
        let (flatReport, flatFirms) = try Self.importThrough("flat-firm-year", ProfileLayouts.encode(flat, as: "GB18030"))
        #expect(flatReport.rejected == 0)
        Self.expectSame(flatFirms.map(ProfileLayouts.comparable), originals.map(ProfileConverter.flatProjection))
    }
}
