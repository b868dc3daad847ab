import Foundation
import GRDB
import LadderAccounts
import LadderStore
import Testing

/// Accounts over an in-memory registry database, with bcrypt at its minimum cost so the tests run fast.
private func accounts() throws -> Accounts {
    var policy = AccountPolicy()
    policy.bcryptCost = 4
    return Accounts(store: try RegistryStore.inMemory(), policy: policy)
}

@Suite("Accounts, log-in and lock-out")
struct AccountsTests {
    @Test("a district account resolves its district by name and logs in with its password only")
    func addAndLogIn() throws {
        let accounts = try accounts()
        let added = try accounts.add(name: "laoshan", role: .district, districts: ["崂山"], password: "correct horse 1", actor: "cli:test")
        #expect(added.districts == ["370212"])
        #expect(added.passwordHash.hasPrefix("$2b$04$"))
        #expect(!added.passwordHash.contains("correct horse"))
        #expect(try accounts.logIn(name: "LAOSHAN", password: "correct horse 1").name == "laoshan")
        #expect(throws: AccountError.badCredentials) { try accounts.logIn(name: "laoshan", password: "wrong password") }
    }

    @Test("an unknown name and a wrong password give the same error")
    func noNameLeak() throws {
        let accounts = try accounts()
        try accounts.add(name: "city", role: .city, password: "0123456789", actor: "cli:test")
        #expect(throws: AccountError.badCredentials) { try accounts.logIn(name: "nobody", password: "0123456789") }
        #expect(throws: AccountError.badCredentials) { try accounts.logIn(name: "city", password: "9876543210") }
    }

    @Test("bad names, short passwords and wrong district scopes are refused", arguments: [
        ("a", AccountRole.city, [String](), "0123456789", AccountError.invalidName("a")),
        ("name with space", .city, [], "0123456789", .invalidName("name with space")),
        ("short", .city, [], "012345678", .weakPassword(minimum: 10)),
        ("nodistrict", .district, [], "0123456789", .districtRequired),
        ("viewer", .viewer, ["370212"], "0123456789", .districtsOnlyForDistrictRole),
        ("nowhere", .district, ["370299"], "0123456789", .unknownDistrict("370299")),
    ])
    func refusals(name: String, role: AccountRole, districts: [String], password: String, error: AccountError) throws {
        let accounts = try accounts()
        #expect(throws: error) { try accounts.add(name: name, role: role, districts: districts, password: password, actor: "t") }
        #expect(try accounts.store.accounts().isEmpty)
    }

    @Test("the fifth wrong password in a row locks the account, and then even the right one is refused until it ends")
    func lockOut() throws {
        let accounts = try accounts()
        try accounts.add(name: "ann", role: .city, password: "0123456789", actor: "t")
        let now = Date()
        for attempt in 1...4 {
            #expect(throws: AccountError.badCredentials, "attempt \(attempt)") {
                try accounts.logIn(name: "ann", password: "guess-\(attempt)-xx", now: now)
            }
        }
        #expect(throws: AccountError.locked(until: now.addingTimeInterval(15 * 60))) {
            try accounts.logIn(name: "ann", password: "guess-5-xxxx", now: now)
        }
        #expect(throws: (any Error).self) { try accounts.logIn(name: "ann", password: "0123456789", now: now.addingTimeInterval(60)) }
        #expect(try accounts.logIn(name: "ann", password: "0123456789", now: now.addingTimeInterval(16 * 60)).failedLogins == 0)
    }

    @Test("a token works until its account is disabled; tokens and sessions are stored only as hashes")
    func tokens() throws {
        let accounts = try accounts()
        try accounts.add(name: "api", role: .viewer, password: "0123456789", actor: "t")
        let token = try accounts.issueToken(for: "api", actor: "t")
        #expect(try accounts.account(bearer: token)?.name == "api")
        #expect(try accounts.account(bearer: token + "x") == nil)
        #expect(try accounts.account(bearer: "tl_" + String(repeating: "0", count: 64)) == nil)
        try accounts.store.setAccount("api", disabled: true, actor: "t")
        #expect(try accounts.account(bearer: token) == nil)
        #expect(throws: AccountError.badCredentials) { try accounts.logIn(name: "api", password: "0123456789") }
    }

    @Test("each log-in gets a new session id; a session ends at log-out, at expiry and when the password changes")
    func sessions() throws {
        let accounts = try accounts()
        let account = try accounts.add(name: "ann", role: .city, password: "0123456789", actor: "t")
        let now = Date()
        let first = try accounts.startSession(for: account, now: now)
        let second = try accounts.startSession(for: account, now: now)
        #expect(first.id != second.id)
        #expect(first.csrfToken != second.csrfToken)
        #expect(try accounts.session(first.id, now: now)?.csrfToken == first.csrfToken)
        #expect(try accounts.session(first.id, now: now.addingTimeInterval(9 * 3600)) == nil)
        try accounts.endSession(first.id)
        #expect(try accounts.session(first.id, now: now) == nil)
        #expect(try accounts.session(second.id, now: now) != nil)
        try accounts.changePassword(of: "ann", to: "another password", actor: "t")
        #expect(try accounts.session(second.id, now: now) == nil)
        #expect(try accounts.session("not-a-session", now: now) == nil)
    }

    @Test("account changes and log-ins are in the audit trail, which refuses updates and deletes")
    func auditTrail() throws {
        let path = NSTemporaryDirectory() + "audit-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var policy = AccountPolicy()
        policy.bcryptCost = 4
        let accounts = Accounts(store: try RegistryStore(path: path), policy: policy)
        try accounts.add(name: "ann", role: .district, districts: ["370202"], password: "0123456789", actor: "cli:root")
        _ = try accounts.logIn(name: "ann", password: "0123456789")
        try accounts.store.appendEvent(actor: "ann", action: "firm.view", target: "91370202MA3C4L0X5W")
        let events = try accounts.store.events()
        #expect(events.map(\.action) == ["account.add", "login", "firm.view"])
        #expect(events[0].actor == "cli:root")
        #expect(events[0].detail == "district 370202")
        #expect(try accounts.store.events(actor: "ANN").count == 2)
        let raw = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "DELETE FROM audit_event") } }
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "UPDATE audit_event SET actor = 'x'") } }
        let stored = try raw.read { try String.fetchAll($0, sql: "SELECT password_hash FROM account") }
        #expect(stored.count == 1 && !stored[0].contains("0123456789"))
        #expect(try accounts.store.events().count == 3)
    }
}

@Suite("Access scopes")
struct AccessScopeTests {
    @Test("the city sees every firm, a district its own (retired codes count under their successor), a viewer none")
    func scopes() {
        let district = AccessScope(role: .district, districts: ["370212", "370203"])
        #expect(district.canSeeFirms(in: "370212"))
        #expect(district.canSeeFirms(in: "370205"))  // 四方区, now 市北区
        #expect(!district.canSeeFirms(in: "370202"))
        #expect(AccessScope(role: .city, districts: []).canSeeFirms(in: "370202"))
        #expect(!AccessScope(role: .viewer, districts: []).canSeeFirms(in: "370202"))
        #expect(AccessScope.resolve("崂山区") == "370212")
        #expect(AccessScope.resolve("胶南市") == "370211")
        #expect(AccessScope.resolve("火星") == nil)
    }
}
