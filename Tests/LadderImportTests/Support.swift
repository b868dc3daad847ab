import LadderCore
import LadderImport

/// Wraps enterprise XML in a format-1 registry and imports it from memory.
func importRegistry(_ body: String, exportedAt: String = "2025-12-31") throws -> (ImportReport, [Enterprise]) {
    let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Registry xmlns="urn:techladder:registry:1" exportedAt="\(exportedAt)" region="370200">
        \(body)
        </Registry>
        """
    var firms: [Enterprise] = []
    let report = try RegistryImporter().importDocument(document, name: "test.xml") { record in
        if case .enterprise(let firm) = record { firms.append(firm) }
    }
    return (report, firms)
}

/// A minimal valid enterprise with a finance year body and extra children.
func firmXML(id: String = "91370212MA3C4L0X5W", district: String = "370212", finance: String = "", extra: String = "") -> String {
    "<Enterprise id=\"\(id)\"><Name>测试科技有限公司</Name><District code=\"\(district)\"/><RegisteredOn>2016-05-18</RegisteredOn>\(finance)\(extra)</Enterprise>"
}
