import Foundation
import Hummingbird
import LadderAccounts
import LadderCore
import LadderStore
import Logging
import ServiceLifecycle

/// How `techladder serve` runs.
public struct ServerConfiguration: Sendable {
    /// The registry database, opened read-only.
    public var databasePath: String
    /// The address to bind: loopback unless asked otherwise.
    public var host: String
    public var port: Int
    /// `Rules/` (rulebooks and targets.xml) and `Templates/` (pages and static files).
    public var rulesDirectory: String
    public var templatesDirectory: String
    /// The largest body `POST /api/v1/assess` reads (413 beyond it).
    public var maxAssessBytes: Int
    /// The largest upload a district may send (413 beyond it, nothing stored).
    public var maxUploadBytes = 256 << 20
    /// Mark the session cookie `Secure` (the server is reached over TLS, e.g. through a proxy).
    public var secureCookies = false
    /// Log-in lock-out, session lifetime, bcrypt cost.
    public var accountPolicy = AccountPolicy()

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8080, rulesDirectory: String,
                templatesDirectory: String, maxAssessBytes: Int = 16 << 20) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.rulesDirectory = rulesDirectory
        self.templatesDirectory = templatesDirectory
        self.maxAssessBytes = maxAssessBytes
    }
}

/// Why the server could not start or a request failed.
enum ServerError: Error, CustomStringConvertible {
    case startup(String)
    case badRequest(String, line: Int? = nil, column: Int? = nil)
    case notFound(String)
    /// An unknown firm: the page offers search for the id.
    case unknownFirm(String)

    var description: String {
        switch self {
        case .startup(let message), .badRequest(let message, _, _), .notFound(let message): message
        case .unknownFirm(let id): "no firm with id \(id) in this snapshot"
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .startup: .internalServerError
        case .badRequest: .badRequest
        case .notFound, .unknownFirm: .notFound
        }
    }
}

/// The web server: pages and the JSON API over one registry database.
public enum LadderWebServer {
    /// Builds the application; `onRunning` is told the address once the socket is bound.
    static func makeApplication(
        _ configuration: ServerConfiguration, logger: Logger,
        onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let (router, access) = try await makeRouter(configuration)
        let host = configuration.host
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "techladder"),
            // Stopped after the HTTP server (Hummingbird shuts services down in reverse): views of the
            // last requests are flushed to the trail.
            services: [access.trail],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let shown = host.contains(":") ? "[\(host)]" : host
                await onRunning("http://\(shown):\(port)/")
            },
            logger: logger)
    }

    /// The router with every route and middleware, and the server's writable side (for tests).
    /// - Throws: `ServerError.startup` when no account exists and `host` is not loopback.
    static func makeRouter(_ configuration: ServerConfiguration) async throws -> (Router<BasicRequestContext>, WebAccess) {
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            throw ServerError.startup("no registry database at \(configuration.databasePath); import an export first: techladder import FILE --db \(configuration.databasePath)")
        }
        // Opened first: it switches the file to WAL before the read-only connection opens.
        let access = try WebAccess(databasePath: configuration.databasePath, policy: configuration.accountPolicy,
                                   secureCookies: configuration.secureCookies, maxUploadBytes: configuration.maxUploadBytes)
        guard try access.hasAccounts() || WebAccess.isLoopback(configuration.host) else {
            throw ServerError.startup("""
                no account exists, so techladder serve runs as a single-user tool on this machine only and \
                refuses --host \(configuration.host); add one first: techladder users add NAME --role city --db \(configuration.databasePath)
                """)
        }
        let queries = try RegistryQueries(
            databasePath: configuration.databasePath, rulesDirectory: configuration.rulesDirectory,
            targetsFile: (configuration.rulesDirectory as NSString).appendingPathComponent("targets.xml"))
        let pages = try await Pages(directory: configuration.templatesDirectory)
        // The latest snapshot's facts are computed in the background from the start, so the first
        // page does not wait for them (the server answers at once; a page needing them awaits the same task).
        Task.detached(priority: .utility) {
            if let latest = try? await queries.snapshot(nil) { _ = try? await queries.facts(latest) }
        }
        let router = Router()
        router.middlewares.add(SecurityHeadersMiddleware())
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(ErrorMiddleware(pages: pages))
        router.middlewares.add(AuthMiddleware(access: access, queries: queries))
        APIRoutes(queries: queries, maxAssessBytes: configuration.maxAssessBytes, templates: configuration.templatesDirectory)
            .register(on: router)
        PageRoutes(queries: queries, pages: pages).register(on: router)
        LoginRoutes(access: access, pages: pages).register(on: router)
        UploadRoutes(access: access, queries: queries, pages: pages, maxBytes: access.maxUploadBytes,
                     templates: configuration.templatesDirectory).register(on: router)
        LogPage(access: access, pages: pages).register(on: router)
        return (router, access)
    }

    /// Runs until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    public static func run(_ configuration: ServerConfiguration) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "techladder.serve")
        let started = ContinuousClock.now
        let app = try await makeApplication(configuration, logger: logger) { url in
            let elapsed = ContinuousClock.now - started
            let mode = (try? RegistryStore(path: configuration.databasePath, readOnly: true).hasAccounts()) == true
                ? "accounts: log in" : "no accounts: single user, this machine only"
            let line = "techladder serve: \(configuration.databasePath) (\(mode)); open \(url) in a browser "
                + "(ready in \(elapsed.formatted(.units(allowed: [.milliseconds])))). Ctrl-C stops.\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        print("techladder serve: stopped")
    }
}

/// One log line per request: method, path and query, status, time taken.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func log(_ status: Int) {
            let ms = Double((ContinuousClock.now - start).components.attoseconds) / 1e15
                + Double((ContinuousClock.now - start).components.seconds) * 1000
            context.logger.info("\(request.method) \(request.uri) \(status) \(String(format: "%.1f", ms)) ms")
        }
        do {
            let response = try await next(request, context)
            log(response.status.code)
            return response
        } catch {
            log((error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}
