import HTTPTypes
import Hummingbird
import LadderAccounts
import LadderStore

/// Who is asking: an account (by session cookie or bearer token), the single local user when no
/// account exists, or nobody.
enum Principal: String, Sendable, CaseIterable {
    case city, district, viewer, anonymous, local

    init(_ role: AccountRole) {
        switch role {
        case .city: self = .city
        case .district: self = .district
        case .viewer: self = .viewer
        }
    }
}

/// What a route shows, which decides who may open it (`Authorization.table`).
enum RouteRule: Sendable {
    /// The log-in page and the static files: everyone, signed in or not.
    case open
    /// City-wide aggregates and pages whose firm lists are filtered to the visitor's scope
    /// (`Visitor.canSeeFirms`): every signed-in role.
    case signedIn
    /// One firm's data (`{id}` is its credit code): the city; a district user for a firm of its
    /// districts (404 otherwise, as for an unknown id: no existence leak); never a viewer (403).
    case firm
    /// An upload into `{code}`: the city, or a district user for its own districts (403 otherwise).
    case upload
    /// Firm-level data of the whole city, and the audit trail: the city only (403 for the others).
    case cityOnly
}

/// What the authorization middleware does with a request.
enum Decision: Equatable, Sendable {
    case allow
    /// Allowed if the firm `{id}` lies in the visitor's districts; otherwise 404.
    case allowInScope
    /// 403.
    case forbid
    /// Not signed in: redirected to the log-in page (pages) or 401 (API).
    case logIn
}

/// The one table of route × role every request is checked against (`AuthMiddleware`), and that a
/// test walks: every route the router registers must have an entry here.
enum Authorization {
    /// Keyed by method and route pattern as Hummingbird names it (`GET /firms/{id}`).
    static let table: [String: RouteRule] = [
        // Pages
        "GET /": .signedIn,
        "GET /districts/{code}": .signedIn,
        "GET /districts/{code}/firms.csv": .signedIn,
        "GET /firms": .signedIn,
        "GET /firms/{id}": .firm,
        "GET /rules": .signedIn,
        "GET /rules/{id}": .signedIn,
        "GET /snapshots": .signedIn,
        "GET /static/style.css": .open,
        "GET /static/sort.js": .open,
        "GET /static/upload.js": .open,
        // Accounts, uploads, the audit trail
        "GET /login": .open,
        "POST /login": .open,
        "POST /logout": .signedIn,
        "POST /districts/{code}/uploads": .upload,
        "GET /uploads/{id}": .signedIn,
        "GET /log": .cityOnly,
        // API
        "GET /api/v1/openapi.json": .signedIn,
        "GET /api/v1/tally": .signedIn,
        "GET /api/v1/progress": .signedIn,
        "GET /api/v1/snapshots": .signedIn,
        "GET /api/v1/firms": .signedIn,
        "GET /api/v1/firms/{id}": .firm,
        "GET /api/v1/firms/{id}/audit": .firm,
        "GET /api/v1/findings/{kind}": .cityOnly,
        "GET /api/v1/rules": .signedIn,
        "POST /api/v1/assess": .signedIn,
        "POST /api/v1/districts/{code}/uploads": .upload,
        "GET /api/v1/uploads/{id}": .signedIn,
    ]

    /// Routes that change nothing a visitor owns, so a cross-site post needs no CSRF token
    /// (assessing a posted document reads no registry data and stores none).
    static let withoutCSRF: Set<String> = ["POST /api/v1/assess", "POST /login"]

    /// The decision for a rule and a principal. `districtInScope` answers for `.upload` whether the
    /// route's `{code}` is one of the visitor's districts.
    static func decide(_ rule: RouteRule, for principal: Principal, districtInScope: Bool = false) -> Decision {
        if rule == .open { return .allow }
        switch principal {
        case .anonymous: return .logIn
        case .local, .city: return .allow
        case .district:
            switch rule {
            case .open, .signedIn: return .allow
            case .firm: return .allowInScope
            case .upload: return districtInScope ? .allow : .forbid
            case .cityOnly: return .forbid
            }
        case .viewer:
            return rule == .signedIn ? .allow : .forbid
        }
    }

    static func key(method: HTTPRequest.Method, path: String) -> String { "\(method.rawValue) \(path)" }
}

/// The visitor of the request being answered, set by `AuthMiddleware` for the handlers below it.
struct Visitor: Sendable {
    var principal: Principal
    /// The account's name, or `local` for the single local user.
    var name: String
    var scope: AccessScope
    /// The token every form of this visitor carries.
    var csrfToken: String
    /// Signed in by a bearer token (API clients) rather than a browser session.
    var byToken = false
    /// The largest upload the server accepts, shown on the upload form.
    var uploadLimit = 0

    @TaskLocal static var current: Visitor? = nil

    /// Whether firm-level rows of a district may be shown to the current visitor (everything when
    /// no visitor is set, as in tests of the pages alone).
    static func canSeeFirms(in district: String) -> Bool {
        current.map { $0.scope.canSeeFirms(in: district) } ?? true
    }

    /// Whether the current visitor sees firm-level data of every district.
    static var seesAllFirms: Bool { current.map { $0.scope.role == .city } ?? true }
}

extension Visitor {
    /// The district page's upload form for `code`, when the current visitor may upload there.
    static func uploadForm(district code: String) -> [String: Any]? {
        guard let visitor = current, let district = AccessScope.resolve(code), !visitor.byToken else { return nil }
        let decision = Authorization.decide(.upload, for: visitor.principal, districtInScope: visitor.scope.districts.contains(district))
        guard decision == .allow else { return nil }
        return ["action": "/districts/\(district)/uploads", "csrf": visitor.csrfToken, "limit": "\(visitor.uploadLimit >> 20) MiB"]
    }

    /// What the page layout shows of the visitor: name and log-out form, the log link for the city.
    var layoutModel: [String: Any] {
        ["name": name, "csrf": csrfToken, "signedIn": principal != .local && principal != .anonymous,
         "city": principal == .city || principal == .local]
    }
}
