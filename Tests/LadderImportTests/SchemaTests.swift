import Foundation
import LadderCore
import Testing
import XMLStream

@Suite("The shipped format-1 XSD")
struct SchemaTests {
    static func schema() throws -> XMLSchema {
        let path = try #require(ProjectFiles.locate("Schemas/registry-1.xsd"))
        return try XMLSchema(file: path)
    }

    @Test("the spec example is valid")
    func valid() throws {
        let url = try #require(Bundle.module.url(forResource: "spec-example", withExtension: "xml", subdirectory: "Fixtures"))
        #expect(try Self.schema().validate(file: url.path).isEmpty)
    }

    @Test("violations name the line and the value")
    func invalid() throws {
        let path = NSTemporaryDirectory() + "schema-\(UUID().uuidString).xml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let xml = """
            <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31">
            <Enterprise id="x"><Name>a</Name><District code="3702"/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>
            <Broker id="b" certified="2025-02-30"/>
            </Registry>
            """
        try xml.write(toFile: path, atomically: false, encoding: .utf8)
        let errors = try Self.schema().validate(file: path, name: "bad.xml")
        #expect(errors.map(\.line) == [2, 3])
        #expect(errors[0].message.contains("'3702'"))
        #expect(errors[1].message.contains("'2025-02-30'"))
        #expect(errors.allSatisfy { $0.file == "bad.xml" && $0.kind == .invalid })
    }
}
