import Foundation

/// The settings of accounts and log-ins: password length, lock-out, bcrypt cost, session lifetime.
public struct AccountPolicy: Sendable {
    /// Shortest password accepted, in characters.
    public var minimumPasswordLength = 10
    /// Failed log-ins in a row that lock an account.
    public var lockAfter = 5
    /// How long a locked account refuses log-ins.
    public var lockFor: TimeInterval = 15 * 60
    /// log2 of bcrypt's rounds (12 is about a quarter second here; tests use the minimum, 4).
    public var bcryptCost: UInt8 = 12
    /// How long a web session lasts after log-in.
    public var sessionLifetime: TimeInterval = 8 * 3600

    /// The default policy.
    public init() {}
}

/// Why an account operation was refused, in words a user can act on.
public enum AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidName(String)
    case weakPassword(minimum: Int)
    case districtRequired
    case districtsOnlyForDistrictRole
    case unknownDistrict(String)
    /// Wrong name or password (the same error for both, so a log-in page does not reveal which names exist).
    case badCredentials
    case locked(until: Date)

    public var description: String {
        switch self {
        case .invalidName(let name):
            "'\(name)' is not a valid account name: use 2–32 letters, digits, '.', '_' or '-' (Chinese letters too)"
        case .weakPassword(let minimum): "the password must have at least \(minimum) characters"
        case .districtRequired: "a district account needs at least one --district CODE"
        case .districtsOnlyForDistrictRole: "--district applies to district accounts only"
        case .unknownDistrict(let text):
            "unknown district '\(text)'; known: " + knownDistricts
        case .badCredentials: "wrong account name or password"
        case .locked(let until):
            "too many failed log-ins: the account is locked until \(ISO8601DateFormatter().string(from: until))"
        }
    }

    private var knownDistricts: String {
        AccessScope.knownDistricts.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
    }
}
