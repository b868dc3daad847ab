import Foundation
import Testing

/// One exit code per situation for every command (README "Exit codes"): 0 done; 1 findings, rejects or
/// an unknown firm; 2 an input that cannot be read; 64 usage; 73 a database or output that cannot be
/// opened or written. Messages name the path and the cause in plain words.
@Suite("exit codes and messages, per command and situation", .serialized)
struct ExitCodeTests {
    /// A scratch folder with a directory, a truncated registry and a database.
    final class Scratch {
        let dir: String
        var folder: String { dir + "/a-folder.xml" }
        var truncated: String { dir + "/cut.xml" }
        var missing: String { dir + "/missing.xml" }

        init() throws {
            dir = try CommandRunner.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let whole = try Data(contentsOf: CommandRunner.root.appendingPathComponent("SampleData/shapes.xml"))
            try whole.prefix(5000).write(to: URL(fileURLWithPath: truncated))
        }

        deinit { try? FileManager.default.removeItem(atPath: dir) }
    }

    static let fileCommands: [[String]] = [
        ["import", "--dry-run"], ["validate"], ["audit"], ["audit", "--discrepancies"], ["audit", "--near-miss"],
        ["audit", "--data-quality"], ["tally"], ["progress"], ["report", "--output", "/tmp/techladder-unused.html"],
        ["export"], ["diff-rules", "--from", "tech-sme@2017", "--to", "tech-sme@2022"],
    ]

    @Test("a directory given as a file exits 2 and says it is a directory", arguments: fileCommands)
    func directory(command: [String]) throws {
        let scratch = try Scratch()
        let run = try CommandRunner.run(command + [scratch.folder])
        #expect(run.status == 2, "\(command): \(run.stderr)")
        #expect((run.stdout + run.stderr).contains("\(scratch.folder): is a directory"), "\(command): \(run.stdout)\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("empty (0 bytes)"))
    }

    @Test("a truncated file exits 2 and says where it ends early", arguments: fileCommands)
    func truncated(command: [String]) throws {
        let scratch = try Scratch()
        let run = try CommandRunner.run(command + [scratch.truncated])
        #expect(run.status == 2, "\(command): \(run.stderr)")
        let said = run.stdout + run.stderr
        // Validation reports the schema reader's own message; the others name the truncation.
        if command != ["validate"] {
            #expect(said.contains("\(scratch.truncated):123:"), "\(command): \(said)")
            #expect(said.contains("the file ends early at line 123 (truncated?)"), "\(command): \(said)")
        }
    }

    @Test("a missing file exits 2 and names it", arguments: [["tally"], ["audit"], ["import", "--dry-run"], ["export"]])
    func missingFile(command: [String]) throws {
        let scratch = try Scratch()
        let run = try CommandRunner.run(command + [scratch.missing])
        #expect(run.status == 2)
        #expect((run.stdout + run.stderr).contains(scratch.missing))
    }

    @Test("a database that cannot be opened exits 73 naming the path",
          arguments: [["import", "SampleData/shapes.xml"], ["tally"], ["audit"], ["progress"], ["firm", "91370212MA3C4L0X5W"],
                      ["snapshots"], ["assess"]])
    func database(command: [String]) throws {
        let scratch = try Scratch()
        let run = try CommandRunner.run(command + ["--db", scratch.folder])
        #expect(run.status == 73, "\(command): \(run.stderr)")
        #expect(run.stderr.contains("cannot open database \(scratch.folder)"), "\(command): \(run.stderr)")
    }

    @Test("a database path that does not exist exits 73 for the reading commands", arguments: [["tally"], ["firm", "X"], ["snapshots"]])
    func noDatabase(command: [String]) throws {
        let scratch = try Scratch()
        let run = try CommandRunner.run(command + ["--db", scratch.dir + "/none.sqlite"])
        #expect(run.status == 73, "\(command): \(run.stderr)")
        #expect(run.stderr.contains(scratch.dir + "/none.sqlite"))
    }

    @Test("an output that cannot be written exits 73 naming the path and the cause",
          arguments: [["tally", "SampleData/shapes.xml"], ["tally", "SampleData/shapes.xml", "--format", "xlsx"],
                      ["audit", "SampleData/shapes.xml"], ["audit", "--discrepancies", "SampleData/shapes.xml"],
                      ["progress", "SampleData/shapes.xml"], ["report", "SampleData/shapes.xml"],
                      ["export", "SampleData/shapes.xml"]])
    func unwritableOutput(command: [String]) throws {
        let scratch = try Scratch()
        let inFolder = try CommandRunner.run(command + ["--output", scratch.folder])
        #expect(inFolder.status == 73, "\(command): \(inFolder.stderr)")
        #expect(inFolder.stderr.contains("cannot write \(scratch.folder): it is a directory"), "\(inFolder.stderr)")
        let noFolder = try CommandRunner.run(command + ["--output", scratch.dir + "/nowhere/out.txt"])
        #expect(noFolder.status == 73)
        #expect(noFolder.stderr.contains("the folder \(scratch.dir)/nowhere does not exist"), "\(noFolder.stderr)")
    }

    @Test("usage errors exit 64", arguments: [["tally", "--format", "pdf"], ["audit", "--tier", "top"], ["import"],
                                                ["tally", "--lang", "fr"], ["nonsense"]])
    func usage(command: [String]) throws {
        #expect(try CommandRunner.run(command).status == 64)
    }

    @Test("an unknown firm exits 1 in firm and in audit --firm")
    func unknownFirm() throws {
        let scratch = try Scratch()
        let db = scratch.dir + "/r.sqlite"
        #expect(try CommandRunner.run(["import", "SampleData/shapes.xml", "--db", db]).status == 0)
        let firm = try CommandRunner.run(["firm", "91370212MA3C4L0X5X", "--db", db])
        #expect(firm.status == 1)
        #expect(firm.stderr.contains("91370212MA3C4L0X5X"))
        #expect(try CommandRunner.run(["audit", "--firm", "91370212MA3C4L0X5X", "SampleData/shapes.xml"]).status == 1)
    }

    @Test("success exits 0 and findings exit 0 or 1 as documented")
    func success() throws {
        #expect(try CommandRunner.run(["tally", "SampleData/shapes.xml"]).status == 0)
        #expect(try CommandRunner.run(["import", "--dry-run", "SampleData/shapes.xml"]).status == 0)
    }

    @Test("no help text names a source file; every command's help shows the exit codes",
          arguments: [[], ["import"], ["validate"], ["audit"], ["tally"], ["progress"], ["report"], ["assess"],
                      ["snapshots"], ["firm"], ["diff-rules"], ["rules"], ["profile"], ["export"]])
    func help(command: [String]) throws {
        let run = try CommandRunner.run(command + ["--help"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains(".swift"), "\(command) --help names a source file")
        let flat = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // help wraps lines
        #expect(flat.contains("73 a database or output file cannot be opened or written"), "\(command)")
    }
}
