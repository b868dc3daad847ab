import Foundation
import GRDB

extension RegistryStore {
    /// Whether any account exists (without one, `serve` stays a single-user tool on loopback).
    /// - Throws: `DatabaseError` on a read failure.
    public func hasAccounts() throws -> Bool {
        try dbQueue.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account)") ?? false }
    }

    /// Every account, by name.
    /// - Throws: `DatabaseError` on a read failure.
    public func accounts() throws -> [Account] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map { try Self.account(from: $0, in: db) }
        }
    }

    /// The account with a name (compared without case), or nil.
    /// - Throws: `DatabaseError` on a read failure.
    public func account(named name: String) throws -> Account? {
        try dbQueue.read { db in try Self.account(named: name, in: db) }
    }

    /// Adds an account and records who added it, in one transaction.
    /// - Throws: ``StoreError/accountExists(_:)`` when the name is taken; `DatabaseError` on a write failure.
    @discardableResult
    public func addAccount(name: String, role: AccountRole, districts: [String], passwordHash: String,
                           actor: String, now: Date = Date()) throws -> Account {
        try dbQueue.write { db in
            if try Self.account(named: name, in: db) != nil { throw StoreError.accountExists(name) }
            try db.execute(
                sql: "INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, passwordHash, Self.stamp(now)])
            let id = db.lastInsertedRowID
            for district in Set(districts).sorted() {
                try db.execute(sql: "INSERT INTO account_district (account_id, district) VALUES (?, ?)",
                               arguments: [id, district])
            }
            let scope = districts.isEmpty ? role.rawValue : "\(role.rawValue) \(districts.sorted().joined(separator: ","))"
            try Self.append(actor: actor, action: "account.add", target: name, detail: scope, now: now, in: db)
            return try Self.requireAccount(name, in: db)
        }
    }

    /// Disables or re-enables an account; disabling ends its sessions and revokes its tokens.
    /// - Throws: ``StoreError/noAccount(_:)``; `DatabaseError` on a write failure.
    public func setAccount(_ name: String, disabled: Bool, actor: String, now: Date = Date()) throws {
        try dbQueue.write { db in
            let account = try Self.requireAccount(name, in: db)
            try db.execute(sql: "UPDATE account SET disabled = ? WHERE account_id = ?", arguments: [disabled, account.id])
            if disabled { try Self.endSessionsAndTokens(of: account.id, in: db) }
            try Self.append(actor: actor, action: disabled ? "account.disable" : "account.enable", target: account.name,
                            detail: nil, now: now, in: db)
        }
    }

    /// Replaces an account's password hash, clears its lock-out and ends its sessions.
    /// - Throws: ``StoreError/noAccount(_:)``; `DatabaseError` on a write failure.
    public func setPasswordHash(_ hash: String, of name: String, actor: String, now: Date = Date()) throws {
        try dbQueue.write { db in
            let account = try Self.requireAccount(name, in: db)
            try db.execute(
                sql: "UPDATE account SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE account_id = ?",
                arguments: [hash, account.id])
            try db.execute(sql: "DELETE FROM web_session WHERE account_id = ?", arguments: [account.id])
            try Self.append(actor: actor, action: "account.passwd", target: account.name, detail: nil, now: now, in: db)
        }
    }

    /// Records a log-in attempt's outcome: a success clears the failure count; the `lockAfter`-th failure
    /// in a row locks the account until `now + lockFor`.
    /// - Throws: ``StoreError/noAccount(_:)``; `DatabaseError` on a write failure.
    public func recordLogin(_ name: String, succeeded: Bool, lockAfter: Int, lockFor: TimeInterval,
                            now: Date = Date()) throws {
        try dbQueue.write { db in
            let account = try Self.requireAccount(name, in: db)
            if succeeded {
                try db.execute(sql: "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE account_id = ?",
                               arguments: [account.id])
                try Self.append(actor: account.name, action: "login", target: nil, detail: nil, now: now, in: db)
                return
            }
            let failures = account.failedLogins + 1
            let lock = failures >= lockAfter ? Self.stamp(now.addingTimeInterval(lockFor)) : nil
            try db.execute(sql: "UPDATE account SET failed_logins = ?, locked_until = COALESCE(?, locked_until) WHERE account_id = ?",
                           arguments: [failures, lock, account.id])
            try Self.append(actor: account.name, action: lock == nil ? "login.failed" : "login.locked", target: nil,
                            detail: "\(failures) failed in a row", now: now, in: db)
        }
    }

    // MARK: - Tokens and sessions (stored as hashes)

    /// Stores an API token's hash for an account and records that one was issued.
    /// - Throws: ``StoreError/noAccount(_:)``; `DatabaseError` on a write failure.
    public func addToken(hash: String, for name: String, actor: String, now: Date = Date()) throws {
        try dbQueue.write { db in
            let account = try Self.requireAccount(name, in: db)
            try db.execute(sql: "INSERT INTO api_token (token_hash, account_id, created_at) VALUES (?, ?, ?)",
                           arguments: [hash, account.id, Self.stamp(now)])
            try Self.append(actor: actor, action: "token.add", target: account.name, detail: nil, now: now, in: db)
        }
    }

    /// The enabled account a token hash belongs to, or nil.
    /// - Throws: `DatabaseError` on a read failure.
    public func account(tokenHash: String) throws -> Account? {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT account.* FROM api_token JOIN account USING (account_id)
                WHERE token_hash = ? AND disabled = 0
                """, arguments: [tokenHash]) else { return nil }
            return try Self.account(from: row, in: db)
        }
    }

    /// Stores a new web session (its id's hash) with its CSRF token, valid until `expires`.
    /// - Throws: `DatabaseError` on a write failure.
    public func addSession(hash: String, accountID: Int64, csrfToken: String, expires: Date, now: Date = Date()) throws {
        try dbQueue.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [Self.stamp(now)])
            try db.execute(
                sql: "INSERT INTO web_session (session_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [hash, accountID, csrfToken, Self.stamp(now), Self.stamp(expires)])
        }
    }

    /// The enabled account and CSRF token of an unexpired session, or nil.
    /// - Throws: `DatabaseError` on a read failure.
    public func session(hash: String, now: Date = Date()) throws -> (account: Account, csrfToken: String)? {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT account.*, web_session.csrf_token AS session_csrf FROM web_session JOIN account USING (account_id)
                WHERE session_hash = ? AND expires_at > ? AND disabled = 0
                """, arguments: [hash, Self.stamp(now)]) else { return nil }
            return (try Self.account(from: row, in: db), row["session_csrf"])
        }
    }

    /// Ends a session (log-out).
    /// - Throws: `DatabaseError` on a write failure.
    public func deleteSession(hash: String) throws {
        try dbQueue.write { db in try db.execute(sql: "DELETE FROM web_session WHERE session_hash = ?", arguments: [hash]) }
    }

    // MARK: - Rows

    static func account(named name: String, in db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map { try account(from: $0, in: db) }
    }

    static func requireAccount(_ name: String, in db: Database) throws -> Account {
        guard let account = try account(named: name, in: db) else { throw StoreError.noAccount(name) }
        return account
    }

    static func account(from row: Row, in db: Database) throws -> Account {
        let id: Int64 = row["account_id"]
        let role: String = row["role"]
        guard let accountRole = AccountRole(rawValue: role) else {
            throw StoreError.corruptValue(table: "account", column: "role", value: role)
        }
        let districts = try String.fetchAll(db, sql: "SELECT district FROM account_district WHERE account_id = ? ORDER BY district",
                                            arguments: [id])
        let locked: String? = row["locked_until"]
        let created: String = row["created_at"]
        return Account(id: id, name: row["name"], role: accountRole, districts: districts, disabled: row["disabled"],
                       failedLogins: row["failed_logins"], lockedUntil: locked.flatMap { timestampFormatter().date(from: $0) },
                       createdAt: timestampFormatter().date(from: created) ?? Date(timeIntervalSince1970: 0),
                       passwordHash: row["password_hash"])
    }

    static func endSessionsAndTokens(of accountID: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM web_session WHERE account_id = ?", arguments: [accountID])
        try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [accountID])
    }

    /// The same text as `timestampFormatter()`, from the value-type style (no ICU formatter made per call).
    static func stamp(_ date: Date) -> String { date.formatted(.iso8601) }
}
