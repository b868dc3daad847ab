import Foundation
import LadderCore
import LadderImport
import Testing

/// Layout detection reads a file only up to its root element's start tag (a 16 KiB prefix, or the
/// file itself when the root starts later); the import is the one full parse.
@Suite("Layout detection")
struct LayoutDetectionTests {
    /// Writes bytes to a fresh temporary file and returns its path.
    private static func file(_ bytes: [UInt8], _ name: String = "layout.xml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private static let format1Root = "<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"2025-12-31\" region=\"370200\">"

    @Test("a format-1 file is recognised from its start even when it is broken further on")
    func brokenAfterPrefix() throws {
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Self.format1Root + "\n"
            + String(repeating: "<!-- padding -->\n", count: 2_000) + "<Enterprise <<< not XML"
        let path = try Self.file(Array(body.utf8))
        guard case .format1 = try RegistryLayout.detect(file: path, directory: nil) else {
            Issue.record("not detected as format 1")
            return
        }
        // The import, the one full parse, is what reports the break.
        #expect(throws: XMLError.self) { _ = try RegistryImporter().importFile(path) { _ in } }
    }

    @Test("a root element that starts after the first 16 KiB is still found, at its line and column")
    func rootBeyondPrefix() throws {
        let comment = "<!--" + String(repeating: "注释填充 padding\n", count: 1_500) + "-->"
        #expect(comment.utf8.count > 1 << 14)
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + comment + "\n  " + Self.format1Root + "</Registry>"
        let path = try Self.file(Array(body.utf8))
        let root = try ProfileCatalog.rootElement(of: path)
        #expect(root.name == "Registry")
        #expect(root.namespace == "urn:techladder:registry:1")
        #expect(root.line == 1_503)
        // Same answer as for the same root right at the top.
        let near = try ProfileCatalog.rootElement(of: Self.file(Array(("<?xml version=\"1.0\"?>\n  " + Self.format1Root + "</Registry>").utf8)))
        #expect(near.line == 2)
        #expect(near.column == root.column)
    }

    @Test("a GB18030 file whose 16 KiB boundary cuts a character after the root is read to its Chinese root")
    func gb18030Boundary() throws {
        let head = "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<企业名录>"
        // One ASCII byte shifts the two-byte characters so that one straddles byte 16,384.
        let text = "x" + String(repeating: "青岛", count: 5_000) + "</企业名录>"
        let bytes = ProfileLayouts.encode(head + text, as: "GB18030")
        #expect(bytes.count > 1 << 14)
        let root = try ProfileCatalog.rootElement(of: Self.file(bytes))
        #expect(root.name == "企业名录")
        #expect(root.line == 2)
    }

    @Test("an unknown root is refused at its position, naming the file")
    func unknownRoot() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-profiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let path = try Self.file(Array("<?xml version=\"1.0\"?>\n\n<Firms><Firm/></Firms>".utf8), "unknown.xml")
        do {
            _ = try RegistryLayout.detect(file: path, directory: empty)
            Issue.record("an unknown root was accepted")
        } catch let error as ProfileError {
            let problem = try #require(error.problems.first)
            #expect(problem.file == path)
            #expect(problem.line == 3)
            #expect(problem.message.contains("<Firms>"))
        }
    }

    @Test("a file without a root element fails with an error that names it")
    func noRoot() throws {
        let path = try Self.file(Array("<?xml version=\"1.0\"?>\n<!-- nothing here -->\n".utf8), "empty.xml")
        do {
            _ = try ProfileCatalog.rootElement(of: path)
            Issue.record("a file without a root was accepted")
        } catch {
            #expect(error.file == path)
            #expect(error.kind != .stopped)
        }
    }
}
