import Foundation
import HTTPTypes
import Hummingbird
import LadderAccounts
import LadderStore
import Logging
import Synchronization

/// The server's writable side: accounts, sessions and the audit trail in the registry database
/// (opened in WAL mode, so page reads never wait for an upload), uploads in progress, and the CSRF
/// token of the single local user.
final class WebAccess: Sendable {
    let accounts: Accounts
    let store: RegistryStore
    /// A read-only connection for `hasAccounts` (a WAL reader never waits on the writer).
    private let accountCheck: RegistryStore
    /// Serves cookies with `Secure` (the server sits behind TLS).
    let secureCookies: Bool
    /// The largest upload accepted (413 beyond it).
    let maxUploadBytes: Int
    /// The forms' token while no account exists (single-user mode, loopback only).
    let localToken = Accounts.newToken()
    let uploads = UploadRegistry()
    /// The audit trail's batching writer (a service of the application: flushed at shutdown).
    let trail: AuditTrailWriter
    /// Accounts are never deleted, only disabled: once one exists the server stays in account mode.
    private let accountMode = Atomic<Bool>(false)

    static let sessionCookie = "tl_session"
    static let loginCookie = "tl_login"

    init(databasePath: String, policy: AccountPolicy = AccountPolicy(), secureCookies: Bool = false,
         maxUploadBytes: Int = 256 << 20) throws {
        self.maxUploadBytes = maxUploadBytes
        store = try RegistryStore(path: databasePath)
        try store.useWriteAheadLog()
        accountCheck = try RegistryStore(path: databasePath, readOnly: true)
        accounts = Accounts(store: store, policy: policy)
        trail = AuditTrailWriter(store: store)
        self.secureCookies = secureCookies
    }

    /// Whether any account exists (checked in the database until one does, then remembered). Read on a
    /// connection of its own: every request asks while no account exists, and the write connection may
    /// be busy committing the trail or an upload.
    func hasAccounts() throws -> Bool {
        if accountMode.load(ordering: .relaxed) { return true }
        let found = try accountCheck.hasAccounts()
        if found { accountMode.store(true, ordering: .relaxed) }
        return found
    }

    /// Appends to the audit trail through the batching writer (`AuditTrailWriter`), waiting until the
    /// entry is stored unless `wait` is false (firm views); a failure is logged, never shown.
    func record(_ actor: String, _ action: String, target: String? = nil, detail: String? = nil, wait: Bool = true) async {
        await trail.record((actor, action, target, detail, Date()), wait: wait)
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS; `nil` value clears it.
    func makeSessionCookie(_ id: String?, request: Request) -> Cookie {
        Cookie(name: Self.sessionCookie, value: id ?? "", maxAge: id == nil ? 0 : Int(accounts.policy.sessionLifetime),
               path: "/", secure: secure(request), httpOnly: true, sameSite: .strict)
    }

    /// Secure when configured, or when a TLS-terminating proxy says the visitor came over HTTPS.
    func secure(_ request: Request) -> Bool {
        secureCookies || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

extension Accounts {
    /// 32 random bytes as hex, for CSRF tokens of forms shown before a session exists.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

/// Compares two tokens in time that does not depend on where they differ.
func tokensEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count, !x.isEmpty else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}

extension WebAccess {
    /// Whether a listening address reaches this machine only.
    static func isLoopback(_ host: String) -> Bool {
        let plain = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return plain == "localhost" || plain == "::1" || plain.hasPrefix("127.")
    }
}
