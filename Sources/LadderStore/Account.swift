import Foundation

/// What an account may see and do (issue 19): the city sees everything, a district its own firms and
/// uploads, a viewer only aggregates.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    case city
    case district
    case viewer
}

/// A user account of the web application, as stored (the password only as its bcrypt hash).
public struct Account: Sendable, Hashable {
    public var id: Int64
    /// The log-in name (unique, compared without case).
    public var name: String
    public var role: AccountRole
    /// GB/T 2260 codes of the districts a `district` account covers; empty for the other roles.
    public var districts: [String]
    public var disabled: Bool
    /// Failed log-ins since the last success.
    public var failedLogins: Int
    /// Log-ins are refused until this time after too many failures.
    public var lockedUntil: Date?
    public var createdAt: Date
    /// The bcrypt hash of the password.
    public var passwordHash: String
}

/// One entry of the append-only audit trail: who did what to which thing, and when.
public struct AuditEvent: Sendable, Hashable {
    public var id: Int64
    public var at: Date
    /// The account name, or `cli:USER` for a command run on the server's machine.
    public var actor: String
    /// What happened, e.g. `account.add`, `upload`, `firm.view`.
    public var action: String
    /// What it happened to: an account name, a firm id, a file.
    public var target: String?
    public var detail: String?
}
