import Foundation
import HummingbirdBcrypt
import LadderStore
import Synchronization

/// Accounts of the web application over the registry database: adding them, passwords (bcrypt), log-in
/// with lock-out, API tokens and web sessions. Tokens and session ids are random 256-bit values handed to
/// the user once; the database keeps only their SHA-256.
public struct Accounts: Sendable {
    public let store: RegistryStore
    public let policy: AccountPolicy

    /// Accounts kept in a registry database.
    public init(store: RegistryStore, policy: AccountPolicy = AccountPolicy()) {
        self.store = store
        self.policy = policy
    }

    /// Adds an account after checking its name, password and districts.
    /// - Parameters:
    ///   - districts: codes or names (`370212`, `崂山区`); required for, and only for, the district role.
    ///   - actor: who adds it, for the audit trail.
    /// - Throws: ``AccountError``, `StoreError.accountExists`, or a database error.
    @discardableResult
    public func add(name: String, role: AccountRole, districts: [String] = [], password: String, actor: String) throws -> Account {
        try Self.checkName(name)
        try checkPassword(password)
        let codes = try districts.map { text in
            guard let code = AccessScope.resolve(text) else { throw AccountError.unknownDistrict(text) }
            return code
        }
        if role == .district && codes.isEmpty { throw AccountError.districtRequired }
        if role != .district && !codes.isEmpty { throw AccountError.districtsOnlyForDistrictRole }
        return try store.addAccount(name: name, role: role, districts: codes, passwordHash: hash(password), actor: actor)
    }

    /// Sets a new password (ends the account's sessions and clears a lock-out).
    /// - Throws: ``AccountError/weakPassword(minimum:)``, `StoreError.noAccount`, or a database error.
    public func changePassword(of name: String, to password: String, actor: String) throws {
        try checkPassword(password)
        try store.setPasswordHash(hash(password), of: name, actor: actor)
    }

    /// Checks a name and password. Unknown names and wrong passwords give the same error, after the same
    /// bcrypt work; a locked account is refused before its password is checked.
    /// - Throws: ``AccountError/badCredentials``, ``AccountError/locked(until:)``, or a database error.
    public func logIn(name: String, password: String, now: Date = Date()) throws -> Account {
        guard let account = try store.account(named: name), !account.disabled else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash(cost: policy.bcryptCost))
            throw AccountError.badCredentials
        }
        if let until = account.lockedUntil, until > now { throw AccountError.locked(until: until) }
        let matches = Bcrypt.verify(password, hash: account.passwordHash)
        try store.recordLogin(account.name, succeeded: matches, lockAfter: policy.lockAfter, lockFor: policy.lockFor, now: now)
        guard matches else {
            if account.failedLogins + 1 >= policy.lockAfter { throw AccountError.locked(until: now.addingTimeInterval(policy.lockFor)) }
            throw AccountError.badCredentials
        }
        return try store.account(named: name) ?? account
    }

    /// Issues a new API token for an account; the token is returned once and stored only as its hash.
    /// - Throws: `StoreError.noAccount` or a database error.
    public func issueToken(for name: String, actor: String) throws -> String {
        let token = "tl_" + Self.randomHex()
        try store.addToken(hash: SHA256.hexDigest(of: Array(token.utf8)), for: name, actor: actor)
        return token
    }

    /// The enabled account holding a bearer token, or nil.
    /// - Throws: a database error.
    public func account(bearer token: String) throws -> Account? {
        guard token.hasPrefix("tl_"), token.utf8.count == 67 else { return nil }
        return try store.account(tokenHash: SHA256.hexDigest(of: Array(token.utf8)))
    }

    /// Starts a web session for an account that just logged in: a new random id every time (no fixation),
    /// and a CSRF token for its forms.
    /// - Throws: a database error.
    public func startSession(for account: Account, now: Date = Date()) throws -> (id: String, csrfToken: String) {
        let id = Self.randomHex()
        let csrf = Self.randomHex()
        try store.addSession(hash: SHA256.hexDigest(of: Array(id.utf8)), accountID: account.id, csrfToken: csrf,
                             expires: now.addingTimeInterval(policy.sessionLifetime), now: now)
        return (id, csrf)
    }

    /// The account and CSRF token of a live session id, or nil.
    /// - Throws: a database error.
    public func session(_ id: String, now: Date = Date()) throws -> (account: Account, csrfToken: String)? {
        guard id.utf8.count == 64, id.utf8.allSatisfy({ Self.hexDigits.contains($0) }) else { return nil }
        return try store.session(hash: SHA256.hexDigest(of: Array(id.utf8)), now: now)
    }

    /// Ends a session (log-out).
    /// - Throws: a database error.
    public func endSession(_ id: String) throws {
        try store.deleteSession(hash: SHA256.hexDigest(of: Array(id.utf8)))
    }

    // MARK: - Checks and helpers

    static func checkName(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)
        }
        guard (2...32).contains(name.count), allowed else { throw AccountError.invalidName(name) }
    }

    func checkPassword(_ password: String) throws {
        guard password.count >= policy.minimumPasswordLength else {
            throw AccountError.weakPassword(minimum: policy.minimumPasswordLength)
        }
    }

    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: policy.bcryptCost) }

    /// A hash to verify against when the name is unknown, so that the answer takes as long as for a known
    /// one; made once per cost.
    static func decoyHash(cost: UInt8) -> String {
        decoys.withLock { cache in
            if let hash = cache[cost] { return hash }
            let hash = Bcrypt.hash("decoy password, never valid", cost: cost)
            cache[cost] = hash
            return hash
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])

    static let hexDigits = Set("0123456789abcdef".utf8)

    /// 32 random bytes from the system's cryptographic generator, as 64 lowercase hex digits.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
