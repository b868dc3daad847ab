import Foundation
import Testing
import ZIPFoundation

/// `tally` in every format and both languages against the goldens in Tests/Goldens, which
/// `Tests/Goldens/update.sh` writes from the fixture with the tool itself.
@Suite("tally goldens in both languages", .serialized)
struct GoldenOutputTests {
    static let fixture = "Tests/Goldens/tally-fixture.xml"

    static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: CommandRunner.root.appendingPathComponent("Tests/Goldens/\(name)"))
    }

    @Test("tally prints each text format exactly as its golden, in Chinese and in English", arguments: ["zh", "en"])
    func textFormats(language: String) throws {
        for format in ["table", "csv", "json", "markdown", "html"] {
            let run = try CommandRunner.run(["tally", Self.fixture, "--lang", language, "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            let golden = String(decoding: try Self.golden("tally.\(language).\(format)"), as: UTF8.self)
            #expect(run.stdout == golden, "tally --lang \(language) --format \(format) differs from its golden; run Tests/Goldens/update.sh and review the diff")
        }
    }

    @Test("TECHLADDER_LANG chooses the language when --lang is not given; JSON keys do not change")
    func environment() throws {
        // Given to the child only: set here, it would reach every command the parallel tests run.
        let run = try CommandRunner.run(["tally", Self.fixture], environment: ["TECHLADDER_LANG": "en"])
        #expect(run.stdout == String(decoding: try Self.golden("tally.en.table"), as: UTF8.self))
        #expect(try Self.golden("tally.zh.json") == Self.golden("tally.en.json"))
    }

    @Test("tally --format xlsx writes the golden workbook's parts", arguments: ["zh", "en"])
    func xlsx(language: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t.xlsx"
        let run = try CommandRunner.run(["tally", Self.fixture, "--lang", language, "--format", "xlsx", "--output", path])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try Self.parts(try Data(contentsOf: URL(fileURLWithPath: path)))
        let golden = try Self.parts(try Self.golden("tally.\(language).xlsx"))
        #expect(written.keys.sorted() == golden.keys.sorted())
        for (name, bytes) in golden { #expect(written[name] == bytes, "\(name) differs from the golden") }
    }

    @Test("xlsx is refused without --output (it is binary)")
    func xlsxNeedsOutput() throws {
        let run = try CommandRunner.run(["tally", Self.fixture, "--format", "xlsx"])
        // Standard output is a pipe here, so `--output -` would be allowed; without --output it is a usage error.
        #expect(run.status == 64)
        #expect(run.stderr.contains("pass --output FILE.xlsx"))
    }

    /// The uncompressed parts of a zip, by path.
    static func parts(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        return parts
    }
}
