import ArgumentParser
import Foundation
import LadderCore
import LadderServer
import LadderStore

/// `techladder serve`: the dashboard and the JSON API over a registry database, read-only.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the dashboard and the JSON API (/api/v1) over a registry database, read-only.",
        discussion: """
            Binds to loopback unless --host says otherwise; prints the address to open on start; one log \
            line per request on standard error; SIGINT or SIGTERM stops it after the requests in flight.
            """
    )

    @Option(help: "The registry database (default: techladder.sqlite).", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port).")
    var port = 8080

    @Option(help: "Directory of rulebooks and targets.xml (default: Rules).", completion: .directory)
    var rules: String?

    @Option(help: "Directory of page templates (default: Templates).", completion: .directory)
    var templates: String?

    @Option(help: "The largest body POST /api/v1/assess accepts, in MiB.")
    var maxAssessMiB = 16

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port)") }
        guard maxAssessMiB >= 1 else { throw ValidationError("--max-assess-mib must be at least 1") }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw StoreCommandError("no registry database at \(db); import an export first: techladder import FILE --db \(db)")
        }
        guard let templates = templates ?? ProjectFiles.locate("Templates") else {
            throw ValidationError("cannot find the Templates/ folder; pass --templates DIR or set TECHLADDER_HOME")
        }
        let configuration = ServerConfiguration(
            databasePath: db, host: host, port: port, rulesDirectory: try DataFolders.rules(rules),
            templatesDirectory: templates, maxAssessBytes: maxAssessMiB << 20)
        try await LadderWebServer.run(configuration)
    }
}
