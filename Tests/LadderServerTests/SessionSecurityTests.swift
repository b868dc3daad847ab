import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LadderAccounts
@testable import LadderServer
import LadderStore
import Logging
import Synchronization
import Testing

@Suite("Sessions, CSRF, lock-out and passwords", .serialized)
struct SessionSecurityTests {
    @Test("the session cookie is HttpOnly and SameSite=Strict, Secure behind TLS, and a new id at every log-in (no fixation)")
    func sessionCookie() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        try await fixture.test { client, access in
            let planted = String(repeating: "ab", count: 32)
            let first = try #require(try await Browser.logIn(client, name: "city", sessionCookie: planted))
            #expect(first.cookie != planted && first.cookie.count == 64)
            let second = try #require(try await Browser.logIn(client, name: "city", sessionCookie: first.cookie))
            #expect(second.cookie != first.cookie)
            // The session the browser brought to the second log-in was ended.
            let old = try await client.execute(uri: "/", method: .get, headers: first.headers)
            #expect(old.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: second.headers).status == .ok)
            // Attributes, with and without TLS in front.
            let form = try await client.execute(uri: "/login", method: .get)
            let token = try #require(Browser.cookie(WebAccess.loginCookie, in: form))
            for https in [false, true] {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(WebAccess.loginCookie)=\(token)"]
                if https { headers[HTTPField.Name("X-Forwarded-Proto")!] = "https" }
                let answer = try await client.execute(uri: "/login", method: .post, headers: headers,
                    body: ByteBuffer(string: "csrf=\(token)&name=city&password=correct+horse+battery+7"))
                let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix(WebAccess.sessionCookie) })
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
                #expect(cookie.contains("Secure") == https)
            }
            // Sessions expire.
            let id = second.cookie
            #expect(try access.accounts.session(id) != nil)
            #expect(try access.accounts.session(id, now: Date().addingTimeInterval(AccountFixture.policy.sessionLifetime + 1)) == nil)
        }
    }

    @Test("a form post without a CSRF token, or with a wrong one, is refused; with the right one it goes through")
    func csrf() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        try await fixture.test { client, _ in
            let city = try #require(try await Browser.logIn(client, name: "city"))
            let form: HTTPFields = city.headers + [HTTPField(name: .contentType, value: "application/x-www-form-urlencoded")]
            let none = try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: ""))
            #expect(none.status == .forbidden)
            let wrong = try await client.execute(uri: "/logout", method: .post, headers: form,
                                                 body: ByteBuffer(string: "csrf=" + String(repeating: "0", count: 64)))
            #expect(wrong.status == .forbidden)
            let upload = try await client.execute(uri: "/districts/370212/uploads", method: .post,
                                                  headers: city.headers + [HTTPField(name: .contentType, value: "application/xml")],
                                                  body: ByteBuffer(string: "<Registry/>"))
            #expect(upload.status == .forbidden, "an upload without the header token")
            // The log-in form's own token: without its cookie the post is refused.
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "csrf=abc&name=city&password=correct+horse+battery+7"))
            #expect(login.status == .forbidden)
            #expect(try await client.execute(uri: "/", method: .get, headers: city.headers).status == .ok, "still signed in")
            let right = try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(city.csrf)"))
            #expect(right.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: city.headers).status == .seeOther, "signed out")
        }
    }

    @Test("five wrong passwords through the log-in form lock the account: the right one is then refused too")
    func bruteForce() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        try await fixture.test { client, access in
            for attempt in 1...5 {
                #expect(try await Browser.logIn(client, name: "viewer", password: "wrong-guess-\(attempt)") == nil)
            }
            #expect(try await Browser.logIn(client, name: "viewer") == nil)
            let form = try await client.execute(uri: "/login", method: .get)
            let token = try #require(Browser.cookie(WebAccess.loginCookie, in: form))
            let answer = try await client.execute(uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(WebAccess.loginCookie)=\(token)"],
                body: ByteBuffer(string: "csrf=\(token)&name=viewer&password=correct+horse+battery+7"))
            #expect(answer.status == .unauthorized)
            #expect(answer.body.text.contains("locked"))
            #expect(try access.store.events(actor: "viewer").contains { $0.action == "login.locked" })
        }
    }

    @Test("a password appears nowhere: not in the request log, the database (bar its bcrypt hash), or the CLI's arguments")
    func passwordNowhere() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        let lines = LogLines()
        let (router, access) = try await LadderWebServer.makeRouter(fixture.configuration)
        let app = Application(router: router, logger: Logger(label: "test") { _ in lines })
        let wrong = "tried-this-password-9"
        try await app.test(.router) { client in
            _ = try #require(try await Browser.logIn(client, name: "city"))
            #expect(try await Browser.logIn(client, name: "city", password: wrong) == nil)
            _ = try await client.execute(uri: "/login?next=%2F", method: .get)
        }
        try access.accounts.changePassword(of: "viewer", to: "another secret 12", actor: "cli:test")
        #expect(!lines.text.isEmpty)
        for secret in [AccountFixture.password, wrong, "another secret 12",
                       AccountFixture.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!] {
            #expect(!lines.text.contains(secret))
            for suffix in ["", "-wal", "-shm"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: fixture.database + suffix))) ?? Data()
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in r.sqlite\(suffix)")
            }
        }
        // The command line has no option that takes a password: it is read from standard input or a file.
        let source = try String(contentsOfFile: AccountFixture.repository + "/Sources/techladder/AccountOptions.swift", encoding: .utf8)
        #expect(!source.contains("var password:") && source.contains("passwordFile"))
    }
}

/// A log handler keeping every line, to search for secrets.
final class LogLines: LogHandler, Sendable {
    private let store = Mutex<[String]>([])
    var text: String { store.withLock { $0.joined(separator: "\n") } }
    var metadata: Logger.Metadata { get { [:] } set {} }
    var logLevel: Logger.Level { get { .trace } set {} }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { nil } set {} }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        store.withLock { $0.append("\(level) \(message) \(metadata ?? [:])") }
    }
}
