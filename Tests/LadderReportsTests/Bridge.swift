import LadderCore
import LadderImport

enum LadderImportBridge {
    /// Streams the golden document's records.
    static func records(_ body: (RegistryRecord) -> Void) throws -> ImportReport {
        try RegistryImporter().importDocument(GoldenRegistry.document, name: "golden.xml") { body($0) }
    }
}
