import ArgumentParser
import Foundation
import LadderCore
import LadderServer
import LadderStore

/// `techladder serve`: the dashboard and the JSON API over a registry database, read-only.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the dashboard, the JSON API (/api/v1) and district uploads over a registry database.",
        discussion: """
            Without any account (techladder users add) it is a single-user tool: loopback only, no log-in, \
            and it refuses another --host. With accounts every page and API call needs a log-in or a bearer \
            token. Binds to loopback unless --host says otherwise; prints the address to open on start; one log \
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

    @Option(help: "The largest export a district may upload, in MiB (413 beyond it, nothing stored).")
    var maxUploadMiB = 256

    @Flag(help: "Mark the session cookie Secure: the server is reached over TLS (e.g. through a reverse proxy).")
    var secureCookies = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port)") }
        guard maxAssessMiB >= 1 else { throw ValidationError("--max-assess-mib must be at least 1") }
        guard maxUploadMiB >= 1 else { throw ValidationError("--max-upload-mib must be at least 1") }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw StoreCommandError("no registry database at \(db); import an export first: techladder import FILE --db \(db)")
        }
        guard let templates = templates ?? ProjectFiles.locate("Templates") else {
            throw ValidationError("cannot find the Templates/ folder; pass --templates DIR or set TECHLADDER_HOME")
        }
        var configuration = ServerConfiguration(
            databasePath: db, host: host, port: port, rulesDirectory: try DataFolders.rules(rules),
            templatesDirectory: templates, maxAssessBytes: maxAssessMiB << 20)
        configuration.maxUploadBytes = maxUploadMiB << 20
        configuration.secureCookies = secureCookies
        try await LadderWebServer.run(configuration)
    }
}
