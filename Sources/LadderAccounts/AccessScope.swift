import LadderCore
import LadderStore

/// What an account may see: the city role every firm, a district role the firms of its districts, a
/// viewer no firm at all (aggregates only).
public struct AccessScope: Sendable, Hashable {
    public var role: AccountRole
    /// The districts a district account covers (current GB/T 2260 codes).
    public var districts: Set<String>

    /// The scope of an account.
    public init(_ account: Account) {
        role = account.role
        districts = Set(account.districts)
    }

    /// The scope of the single local user when no account exists: everything.
    public static let localUser = AccessScope(role: .city, districts: [])

    /// A scope from its parts.
    public init(role: AccountRole, districts: Set<String>) {
        self.role = role
        self.districts = districts
    }

    /// Whether firm-level data of a firm in this district (a current or retired code) may be shown.
    public func canSeeFirms(in district: String) -> Bool {
        switch role {
        case .city: true
        case .district: districts.contains(Self.current(district))
        case .viewer: false
        }
    }

    /// Whether the account sees any firm-level data at all.
    public var seesFirms: Bool { role != .viewer }

    /// Districts selectable in an account's scope, in code order.
    static let knownDistricts = District.qingdao

    /// The current code of a district given by code, retired code or name (`370212`, `崂山区`, `崂山`).
    public static func resolve(_ text: String) -> String? {
        if District.qingdao.contains(where: { $0.code == text }) { return text }
        if let successor = District.retired[text]?.successor { return successor }
        guard let code = District.code(named: text) else { return nil }
        return current(code)
    }

    static func current(_ code: String) -> String { District.retired[code]?.successor ?? code }
}
