import Foundation
import LadderCore
import Testing

/// `techladder import` prints reject and warning reasons in the summary's language.
@Suite("import prints reasons in Chinese by default and in English with --lang en")
struct ImportLanguageTests {
    /// Runs `techladder import --dry-run` and returns its standard output, whatever the exit status.
    static func importOutput(_ file: String, _ language: [String]) throws -> String {
        try runCapturing(["import", "--dry-run", file] + language).text
    }

    static let rejects = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31" region="370200">
        <Enterprise id="91370212MA3C4L0X5W"><Name>x</Name><District code="110101"/><RegisteredOn>2016-05-18</RegisteredOn></Enterprise>
        <Enterprise id="91370200163562681G"><Name>y</Name><District code="370212"/><RegisteredOn>2016-05-18</RegisteredOn><Finance year="2024" unit="usd"/></Enterprise>
        </Registry>

        """

    @Test("rejects and warnings in Chinese by default, in today's English with --lang en")
    func reasons() throws {
        let path = NSTemporaryDirectory() + "import-lang-\(getpid()).xml"
        try Self.rejects.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let shapes = try #require(ProjectFiles.locate("SampleData/shapes.xml"))
        let zh = try Self.importOutput(path, []) + Self.importOutput(shapes, ["--lang", "zh"])
        let en = try Self.importOutput(path, ["--lang", "en"]) + Self.importOutput(shapes, ["--lang", "en"])
        #expect(zh.contains("区市代码 '110101' 不是青岛市的县级行政区划（GB/T 2260，370200）"))
        #expect(zh.contains("金额单位 'usd' 不是 yuan（元）或 wan-yuan（万元）"))
        #expect(zh.contains("区市代码 370282（即墨市）已撤销，计入 370215 即墨区"))
        #expect(zh.contains("校验码为 'K'，按 GB 32100-2015 应为 'P'；按原样导入"))
        for english in ["is not a county-level", "is not yuan or wan-yuan", "is retired", "imported as given"] {
            #expect(!zh.contains(english), "English reason in the Chinese summary: \(english)")
        }
        #expect(en.contains("[91370212MA3C4L0X5W] code '110101' is not a county-level division of Qingdao (GB/T 2260, region 370200)"))
        #expect(en.contains("[91370200163562681G] unit 'usd' is not yuan or wan-yuan"))
        #expect(en.contains("[91370282MA3N8W4R25] code 370282 (即墨市) is retired; counted as 370215 即墨区"))
        #expect(en.contains("[91370212MA3P3X6T7K] credit code 91370212MA3P3X6T7K: check character is 'K', GB 32100-2015 gives 'P'; imported as given"))
        #expect(!en.contains("已撤销") && !en.contains("校验码"))
    }
}
