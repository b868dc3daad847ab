import Foundation
import Testing

/// Every `--output` is written whole or not at all (issue 14 part 6).
@Suite("output files are all or nothing", .serialized)
struct AtomicOutputTests {
    @Test("export of a truncated file leaves the previous output as it was, and no temporary file")
    func exportKeepsPrevious() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cut = dir + "/cut.xml", out = dir + "/out.xml"
        let whole = try Data(contentsOf: CommandRunner.root.appendingPathComponent("SampleData/registry-2025.xml"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        try Data("previous".utf8).write(to: URL(fileURLWithPath: out))
        let run = try CommandRunner.run(["export", cut, "--output", out])
        #expect(run.status == 2)
        #expect(run.stderr.contains("nothing was written to \(out)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["cut.xml", "out.xml"])
        // Without a previous file, none is left.
        try FileManager.default.removeItem(atPath: out)
        #expect(try CommandRunner.run(["export", cut, "--output", out]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
        // To standard output, streamed as read: the document is left unclosed, and says so.
        let streamed = try CommandRunner.run(["export", cut])
        #expect(streamed.status == 2)
        #expect(streamed.stdout.contains("<Enterprise"))
        #expect(!streamed.stdout.contains("</Registry>"))
        #expect(streamed.stderr.contains("standard output is incomplete"))
    }

    @Test("a complete export replaces the previous file", arguments: [["export"], ["tally"], ["audit", "--format", "csv"]])
    func completeReplaces(command: [String]) throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        try Data("previous".utf8).write(to: URL(fileURLWithPath: out))
        let run = try CommandRunner.run(command + ["SampleData/shapes.xml", "--output", out])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written != "previous" && written.count > 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out"])
    }

    @Test("audit and tally of a truncated file write no output file", arguments: [["audit"], ["audit", "--discrepancies"], ["tally"]])
    func truncatedLeavesNothing(command: [String]) throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cut = dir + "/cut.xml", out = dir + "/out.txt"
        let whole = try Data(contentsOf: CommandRunner.root.appendingPathComponent("SampleData/shapes.xml"))
        try whole.prefix(5000).write(to: URL(fileURLWithPath: cut))
        let run = try CommandRunner.run(command + ["SampleData/shapes.xml", cut, "--output", out])
        #expect(run.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["cut.xml"])
    }
}
