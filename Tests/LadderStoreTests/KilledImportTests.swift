import Foundation
import LadderCore
import LadderStore
import Testing

/// A process killed in the middle of a large `import --db` leaves the database exactly as before.
@Suite("A killed import", .serialized)
struct KilledImportTests {
    @Test("SIGKILL during import --db: the snapshots are as before and integrity_check is ok")
    func killedImport() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/k.sqlite"
        let big = dir + "/big.xml"
        let generate = try CommandRunner.run(["generate", "--firms", "30000", "--seed", "3", "-o", big])
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(try CommandRunner.run(["import", "--db", db, "SampleData/shapes.xml"]).status == 0)

        let before = try RegistryStore(path: db)
        let snapshots = try before.snapshots()
        let firms = try before.enterprises(in: try #require(snapshots.first)).map(\.id)
        #expect(snapshots.count == 1)

        let (process, _, _) = CommandRunner.process(["import", "--db", db, "--no-progress", big])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the import has started writing (SQLite creates its rollback journal), then a
        // little longer, so the kill lands in the middle of the transaction.
        let journal = db + "-journal"
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: journal) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.5)
        let killedWhileRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(killedWhileRunning, "the import finished before it could be killed; use a larger file")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        #expect(FileManager.default.fileExists(atPath: journal), "the hot journal is left for the next open")

        // The next open rolls the hot journal back.
        let after = try RegistryStore(path: db)
        #expect(try after.integrityCheck() == ["ok"])
        #expect(try after.snapshots() == snapshots)
        #expect(try after.enterprises(in: try #require(snapshots.first)).map(\.id) == firms)
        let listed = try CommandRunner.run(["snapshots", "--db", db, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)

        // And a file can be imported afterwards (SampleData has the date and source of shapes.xml: it
        // replaces that part).
        let retry = try CommandRunner.run(["import", "--db", db, "--no-progress", "SampleData/registry-2025.xml"])
        #expect(retry.status == 0, "\(retry.stdout)\(retry.stderr)")
        #expect(try after.snapshots().map(\.fileName) == ["SampleData/registry-2025.xml"])
        #expect(try after.integrityCheck() == ["ok"])
    }
}
