import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LadderAccounts
@testable import LadderServer
import Testing

@Suite("Authorization: one table of route × role, walked route by route", .serialized)
struct AuthorizationMatrixTests {
    @Test("every route the server registers has an entry in the table, and the table names no route that does not exist")
    func everyRouteHasAnEntry() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        let (router, _) = try await LadderWebServer.makeRouter(fixture.configuration)
        let registered = Set(router.routes.map { Authorization.key(method: $0.method, path: $0.path.description) })
        #expect(registered.count > 20)
        for route in registered.sorted() {
            #expect(Authorization.table[route] != nil, "route \(route) has no entry in Authorization.table")
        }
        for entry in Authorization.table.keys.sorted() {
            #expect(registered.contains(entry), "Authorization.table names \(entry), which no handler serves")
        }
    }

    /// A concrete request path for a route pattern: a 崂山区 firm, 崂山区, a rulebook, a findings kind.
    static func concrete(_ pattern: String, firm: String = AccountFixture.laoshanFirm, district: String = "370212") -> String {
        var path = pattern.replacingOccurrences(of: "{code}", with: district)
            .replacingOccurrences(of: "{kind}", with: "discrepancies")
        if path.hasPrefix("/rules/") { path = path.replacingOccurrences(of: "{id}", with: "high-tech") }
        if path.contains("/uploads/") { path = path.replacingOccurrences(of: "{id}", with: "nosuchupload") }
        return path.replacingOccurrences(of: "{id}", with: firm)
    }

    /// Sends a request as a principal and checks the outcome the table decides.
    static func check(_ client: some TestClientProtocol, method: HTTPRequest.Method, path: String, pattern: String,
                      as principal: Principal, browser: Browser?, expected: Decision) async throws {
        var headers = browser?.headers ?? [:]
        if let browser { headers[HTTPField.Name("X-CSRF-Token")!] = browser.csrf }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: nil)
        let label = "\(principal.rawValue) \(method) \(path)"
        let loginRedirect = response.status == .seeOther && (response.headers[.location] ?? "").hasPrefix("/login?next=")
        switch expected {
        case .allow:
            #expect(![.unauthorized, .forbidden].contains(response.status) && !loginRedirect, "\(label): \(response.status)")
        case .allowInScope:
            #expect(response.status == .ok, "\(label): \(response.status)")
        case .forbid:
            #expect(response.status == .forbidden, "\(label): \(response.status)")
        case .logIn:
            if path.hasPrefix("/api/") {
                #expect(response.status == .unauthorized, "\(label): \(response.status)")
            } else {
                #expect(loginRedirect, "\(label): \(response.status) \(response.headers[.location] ?? "")")
            }
        }
    }

    @Test("each role gets what the table decides on every route: city, district, viewer and anonymous")
    func matrix() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        let (router, _) = try await LadderWebServer.makeRouter(fixture.configuration)
        let routes = router.routes.map { ($0.method, $0.path.description) }
        try await fixture.test { client, _ in
            var browsers: [Principal: Browser] = [:]
            for (principal, name) in [(Principal.city, "city"), (.district, "laoshan"), (.viewer, "viewer")] {
                browsers[principal] = try #require(try await Browser.logIn(client, name: name))
            }
            for (method, pattern) in routes where pattern != "/logout" && pattern != "/login" {
                let rule = try #require(Authorization.table[Authorization.key(method: method, path: pattern)])
                for principal in [Principal.city, .district, .viewer, .anonymous] {
                    let expected = Authorization.decide(rule, for: principal, districtInScope: true)
                    try await Self.check(client, method: method, path: Self.concrete(pattern), pattern: pattern,
                                         as: principal, browser: browsers[principal], expected: expected)
                }
            }
        }
    }

    @Test("a district user gets 404 for another district's firm, exactly as for an id that does not exist")
    func otherDistrictsFirmIsNotFound() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        try await fixture.test { client, _ in
            let laoshan = try #require(try await Browser.logIn(client, name: "laoshan"))
            for base in ["/firms/", "/api/v1/firms/"] {
                let own = try await client.execute(uri: base + AccountFixture.laoshanFirm, method: .get, headers: laoshan.headers)
                #expect(own.status == .ok)
                let other = try await client.execute(uri: base + AccountFixture.shinanFirm, method: .get, headers: laoshan.headers)
                let missing = try await client.execute(uri: base + "91370202000000000X", method: .get, headers: laoshan.headers)
                #expect(other.status == .notFound)
                #expect(missing.status == .notFound)
                // The same words for both, bar the id: nothing tells the firm exists.
                #expect(other.body.text.replacingOccurrences(of: AccountFixture.shinanFirm, with: "ID")
                    == missing.body.text.replacingOccurrences(of: "91370202000000000X", with: "ID"))
            }
            let audit = try await client.execute(uri: "/api/v1/firms/\(AccountFixture.shinanFirm)/audit", method: .get, headers: laoshan.headers)
            #expect(audit.status == .notFound)
            let upload = try await client.execute(uri: "/districts/370202/uploads", method: .post,
                                                  headers: laoshan.headers + [HTTPField(name: HTTPField.Name("X-CSRF-Token")!, value: laoshan.csrf)])
            #expect(upload.status == .forbidden)
        }
    }

    @Test("firm lists, the district CSV and the API list show a district user only its own firms; a viewer none")
    func listsAreFiltered() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        try await fixture.test { client, _ in
            let laoshan = try #require(try await Browser.logIn(client, name: "laoshan"))
            let list = try await client.execute(uri: "/api/v1/firms?perPage=500", method: .get, headers: laoshan.headers)
            let json = try JSONSerialization.jsonObject(with: Data(list.body.text.utf8)) as? [String: Any]
            let firms = try #require(json?["firms"] as? [[String: Any]])
            #expect(!firms.isEmpty)
            #expect(firms.allSatisfy { $0["district"] as? String == "370212" })
            let csv = try await client.execute(uri: "/districts/370202/firms.csv?status=certified", method: .get, headers: laoshan.headers)
            #expect(csv.status == .ok)
            #expect(csv.body.text.split(separator: "\n").count == 1, "only the heading: no 市南区 firm")
            let page = try await client.execute(uri: "/firms?q=\(AccountFixture.shinanFirm)", method: .get, headers: laoshan.headers)
            #expect(page.status == .ok && !page.body.text.contains("/firms/" + AccountFixture.shinanFirm))
            let viewer = try #require(try await Browser.logIn(client, name: "viewer"))
            let tally = try await client.execute(uri: "/api/v1/tally", method: .get, headers: viewer.headers)
            #expect(tally.status == .ok)
            let forViewer = try await client.execute(uri: "/firms/\(AccountFixture.laoshanFirm)", method: .get, headers: viewer.headers)
            #expect(forViewer.status == .forbidden)
        }
    }

    @Test("API clients sign in with a bearer token; a wrong or missing token gets 401")
    func bearerTokens() async throws {
        let fixture = try AccountFixture()
        defer { fixture.remove() }
        try await fixture.test { client, access in
            let token = try access.accounts.issueToken(for: "viewer", actor: "cli:test")
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/v1/progress", method: .get, headers: bearer).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/firms/\(AccountFixture.laoshanFirm)", method: .get, headers: bearer).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/progress", method: .get, headers: [.authorization: "Bearer tl_" + String(repeating: "0", count: 64)]).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/progress", method: .get).status == .unauthorized)
            // Assessing a posted document is allowed to every role and lands in the audit trail.
            let document = try #require(try CitySplit.parts()["370212"])
            let assessed = try await client.execute(uri: "/api/v1/assess", method: .post, headers: bearer + [HTTPField(name: .contentType, value: "application/xml")],
                                                    body: ByteBuffer(string: document))
            #expect(assessed.status == .ok)
            #expect(try access.store.events(actor: "viewer").contains { $0.action == "assess" })
        }
    }

    @Test("without any account the server is one local user with every right, and refuses a non-loopback host")
    func singleUserMode() async throws {
        var fixture = try AccountFixture(accounts: false)
        defer { fixture.remove() }
        try await fixture.test { client, _ in
            #expect(try await client.execute(uri: "/", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/firms/\(AccountFixture.shinanFirm)", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/log", method: .get).status == .ok)
            let login = try await client.execute(uri: "/login", method: .get)
            #expect(login.status == .seeOther)
        }
        fixture.configuration.host = "0.0.0.0"
        await #expect(throws: ServerError.self) { _ = try await LadderWebServer.makeRouter(fixture.configuration) }
        fixture.configuration.host = "::1"
        _ = try await LadderWebServer.makeRouter(fixture.configuration)
    }
}
