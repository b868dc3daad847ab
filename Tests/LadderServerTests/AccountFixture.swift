import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LadderAccounts
import LadderImport
@testable import LadderServer
import LadderStore
import Testing

/// A registry database with SampleData's city file and accounts of every role, served by the real
/// router (every middleware) through HummingbirdTesting.
struct AccountFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let cityFile = repository + "/SampleData/registry-2025.xml"
    static let password = "correct horse battery 7"
    /// A 崂山区 firm and a 市南区 firm of the sample file (read from it, so a regenerated sample keeps working).
    static let laoshanFirm = firstFirm(inDistrict: "370212")
    static let shinanFirm = firstFirm(inDistrict: "370202")

    /// The id of the first firm of the city file filed under a district.
    static func firstFirm(inDistrict code: String) -> String {
        let text = (try? String(contentsOfFile: cityFile, encoding: .utf8)) ?? ""
        for record in text.components(separatedBy: "<Enterprise id=\"").dropFirst() {
            let body = record.components(separatedBy: "</Enterprise>")[0]
            if body.contains("<District code=\"\(code)\"") { return String(body.prefix { $0 != "\"" }) }
        }
        return "no-firm-of-\(code)"
    }

    let directory: String
    let database: String
    var configuration: ServerConfiguration

    /// A fresh database; `accounts` false leaves it without any (single-user mode).
    init(accounts: Bool = true, importCity: Bool = true, maxUploadBytes: Int = 8 << 20) throws {
        directory = NSTemporaryDirectory() + "techladder-users-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = directory + "/r.sqlite"
        let store = try RegistryStore(path: database)
        if importCity { _ = try store.importRegistryFile(Self.cityFile, name: "registry-2025.xml") }
        if accounts {
            let accounts = Accounts(store: store, policy: Self.policy)
            try accounts.add(name: "city", role: .city, password: Self.password, actor: "cli:test")
            try accounts.add(name: "laoshan", role: .district, districts: ["370212"], password: Self.password, actor: "cli:test")
            try accounts.add(name: "viewer", role: .viewer, password: Self.password, actor: "cli:test")
        }
        configuration = ServerConfiguration(
            databasePath: database, rulesDirectory: Self.repository + "/Rules", templatesDirectory: Self.repository + "/Templates")
        configuration.accountPolicy = Self.policy
        configuration.maxUploadBytes = maxUploadBytes
    }

    static var policy: AccountPolicy {
        var policy = AccountPolicy()
        policy.bcryptCost = 4
        return policy
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs `body` against the application's router.
    func test(_ body: @escaping @Sendable (any TestClientProtocol, WebAccess) async throws -> Void) async throws {
        let (router, access) = try await LadderWebServer.makeRouter(configuration)
        let app = Application(router: router)
        try await app.test(.router) { client in try await body(client, access) }
    }
}

/// A signed-in browser: its session cookie and the CSRF token its pages carry.
struct Browser: Sendable {
    var cookie: String
    var csrf: String

    var headers: HTTPFields { [.cookie: "\(WebAccess.sessionCookie)=\(cookie)"] }

    /// Logs in through the form, as a browser does; nil when refused.
    static func logIn(_ client: some TestClientProtocol, name: String, password: String = AccountFixture.password,
                      sessionCookie: String? = nil) async throws -> Browser? {
        let form = try await client.execute(uri: "/login", method: .get)
        guard let token = cookie(WebAccess.loginCookie, in: form) else { return nil }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers[.cookie] = "\(WebAccess.loginCookie)=\(token)" + (sessionCookie.map { "; \(WebAccess.sessionCookie)=\($0)" } ?? "")
        let body = "csrf=\(token)&name=\(name)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&next=%2F"
        let answer = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
        guard answer.status == .seeOther, let session = cookie(WebAccess.sessionCookie, in: answer), !session.isEmpty else { return nil }
        let page = try await client.execute(uri: "/rules", method: .get, headers: [.cookie: "\(WebAccess.sessionCookie)=\(session)"])
        return Browser(cookie: session, csrf: csrfToken(in: String(buffer: page.body)) ?? "")
    }

    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].split(separator: "\"")[3])
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}
