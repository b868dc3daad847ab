import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LadderServer

/// A registry database for the server tests, built once with the `techladder` binary as a user
/// would: two snapshots (2024, 2025) of generated firms, two of them renamed to hostile names, the
/// latest assessed.
enum ServerFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A name that is markup, and one with a quote and an ampersand.
    static let scriptName = "<script>alert(1)</script>"
    static let quoteName = "青岛\"引号\"&科技有限公司"

    struct Built: Sendable {
        var directory: String
        var database: String
        var latestXML: String
        var scriptFirm: String
        var quoteFirm: String
    }

    static let built: Built = {
        do { return try build() } catch { fatalError("server fixture: \(error)") }
    }()

    private static func build() throws -> Built {
        let directory = NSTemporaryDirectory() + "techladder-server-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let earlier = directory + "/registry-2024.xml"
        let latest = directory + "/registry-2025.xml"
        try check(run(["generate", "--firms", "250", "--seed", "11", "--year", "2024", "--output", earlier]))
        try check(run(["generate", "--firms", "300", "--seed", "11", "--year", "2025", "--output", latest]))
        // Rename the first two firms of the latest export (names escaped as XML requires).
        let text = try String(contentsOfFile: latest, encoding: .utf8)
        var parts = text.components(separatedBy: "<Name>")
        var ids: [String] = []
        for (index, replacement) in ["&lt;script&gt;alert(1)&lt;/script&gt;", "青岛&quot;引号&quot;&amp;科技有限公司"].enumerated() {
            let part = index + 1
            let close = try #require(parts[part].range(of: "</Name>"))
            parts[part].replaceSubrange(parts[part].startIndex..<close.lowerBound, with: replacement)
            let head = try #require(parts[part - 1].range(of: "<Enterprise id=\"", options: .backwards))
            ids.append(String(parts[part - 1][head.upperBound...].prefix(while: { $0 != "\"" })))
        }
        let renamed = parts.joined(separator: "<Name>")
        try renamed.write(toFile: latest, atomically: true, encoding: .utf8)
        let database = directory + "/r.sqlite"
        for file in [earlier, latest] { _ = try run(["import", file, "--db", database]) }
        try check(run(["assess", "--db", database]))
        return Built(directory: directory, database: database, latestXML: latest, scriptFirm: ids[0], quoteFirm: ids[1])
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func check(_ run: Run) throws {
        if run.status != 0 { throw FixtureError(message: run.stderr) }
    }
    struct FixtureError: Error { var message: String }

    /// The `techladder` binary beside the test bundle, else the debug build.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("techladder")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/techladder")
    }

    /// Runs the binary in the repository root.
    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let stderr = Box()
        let done = DispatchSemaphore(value: 0)
        let handle = err.fileHandleForReading
        DispatchQueue.global().async {
            stderr.data = handle.readDataToEndOfFile()
            done.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr.data, as: UTF8.self))
    }

    /// The server over the fixture database, tested through HummingbirdTesting's router client.
    static func withServer<T: Sendable>(maxAssessBytes: Int = 16 << 20,
                                        _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let configuration = ServerConfiguration(
            databasePath: built.database, rulesDirectory: root.appendingPathComponent("Rules").path,
            templatesDirectory: root.appendingPathComponent("Templates").path, maxAssessBytes: maxAssessBytes)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try await LadderWebServer.makeApplication(configuration, logger: logger)
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// GET a path; the status, the Content-Type and the body as text.
    func get(_ path: String) async throws -> (status: Int, type: String, body: String) {
        try await execute(uri: path, method: .get) { response in
            (Int(response.status.code), response.headers[.contentType] ?? "", String(buffer: response.body))
        }
    }

    /// GET a path that answers JSON, parsed.
    func json(_ path: String) async throws -> Any {
        let (status, _, body) = try await get(path)
        #expect(status == 200, "\(path): \(body)")
        return try JSONSerialization.jsonObject(with: Data(body.utf8))
    }
}
