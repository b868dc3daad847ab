import Foundation
import HTTPTypes
import Hummingbird
import LadderAccounts
import LadderStore

/// Checks every request against `Authorization.table` before its handler runs: who is asking
/// (session cookie, bearer token, or the single local user when no account exists), whether the
/// route allows it, and for a form post its CSRF token. Sets `Visitor.current` for the handlers, and
/// records firm views in the audit trail. A route missing from the table is refused (fail closed).
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let access: WebAccess
    let queries: RegistryQueries

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let path = context.endpointPath, path != "NotFound" else { return try await next(request, context) }
        let key = Authorization.key(method: request.method, path: path)
        guard let rule = Authorization.table[key] else {
            context.logger.error("route \(key) has no entry in Authorization.table; refused")
            throw HTTPError(.forbidden, message: "this route has no authorization entry")
        }
        let isAPI = request.uri.path.hasPrefix("/api/")
        var visitor = try await identify(request, isAPI: isAPI)
        let code = context.parameters.get("code").flatMap { AccessScope.resolve($0) }
        let inScope = code.map { visitor?.scope.districts.contains($0) ?? false } ?? false
        switch Authorization.decide(rule, for: visitor?.principal ?? .anonymous, districtInScope: inScope) {
        case .allow: break
        case .allowInScope: try await checkFirmScope(request, context: context, visitor: visitor)
        case .forbid:
            throw HTTPError(.forbidden, message: "your account (\(visitor?.principal.rawValue ?? "")) may not open this")
        case .logIn:
            if isAPI {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                                message: "sign in: send Authorization: Bearer TOKEN (techladder users token NAME)")
            }
            let next = PageRoutes.encode(request.uri.description)
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        }
        var request = request
        visitor?.uploadLimit = access.maxUploadBytes
        if request.method == .post, let visitor, !visitor.byToken, !Authorization.withoutCSRF.contains(key) {
            request = try await checkCSRF(request, expected: visitor.csrfToken)
        }
        let checked = request
        let response = try await Visitor.$current.withValue(visitor) { try await next(checked, context) }
        if key == "POST /api/v1/assess", response.status == .ok, let visitor {
            let count = response.headers[HTTPField.Name("TechLadder-Rejected")!].map { ", \($0) rejected" } ?? ""
            await access.record(visitor.name, "assess", target: "POST /api/v1/assess", detail: "a posted document\(count)")
        }
        if path == "/firms/{id}" || path == "/api/v1/firms/{id}" || path == "/api/v1/firms/{id}/audit",
           response.status == .ok, let visitor, let id = context.parameters.get("id") {
            // Queued, not awaited: a view must not wait on the write lock (AuditTrailWriter batches them).
            await access.record(visitor.name, "firm.view", target: id, detail: request.uri.path, wait: false)
        }
        return response
    }

    /// The visitor a request comes from, or nil when nobody is signed in.
    /// - Throws: 401 for a bearer token that is not valid (API clients should hear why).
    func identify(_ request: Request, isAPI: Bool) async throws -> Visitor? {
        guard try access.hasAccounts() else {
            return Visitor(principal: .local, name: "local", scope: .localUser, csrfToken: access.localToken)
        }
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "use Authorization: Bearer TOKEN")
            }
            let token = String(parts[1])
            guard let account = try await RegistryQueries.offload({ [access] in try access.accounts.account(bearer: token) }) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "the token is not valid (revoked, or its account disabled)")
            }
            return Visitor(principal: Principal(account.role), name: account.name, scope: AccessScope(account), csrfToken: "", byToken: true)
        }
        guard let id = request.cookies[WebAccess.sessionCookie]?.value, !id.isEmpty,
              let session = try await RegistryQueries.offload({ [access] in try access.accounts.session(id) }) else { return nil }
        let account = session.account
        return Visitor(principal: Principal(account.role), name: account.name, scope: AccessScope(account), csrfToken: session.csrfToken)
    }

    /// For a firm route: 404, exactly as for an unknown id, when the firm lies outside the visitor's districts.
    func checkFirmScope(_ request: Request, context: Context, visitor: Visitor?) async throws {
        guard let visitor, let id = context.parameters.get("id") else { throw ServerError.unknownFirm("") }
        let snapshot = try await queries.snapshot(request.uri.queryParameters.get("snapshot"))
        let district = try await queries.enterprise(id, in: snapshot)?.district
        if let district, !visitor.scope.canSeeFirms(in: district) { throw ServerError.unknownFirm(id) }
    }

    /// Refuses a post whose CSRF token (form field `csrf`, or header `X-CSRF-Token`) is missing or
    /// wrong; returns the request with its form body still readable.
    func checkCSRF(_ request: Request, expected: String) async throws -> Request {
        if let header = request.headers[HTTPField.Name("X-CSRF-Token")!] {
            guard tokensEqual(header, expected) else { throw HTTPError(.forbidden, message: "the form's CSRF token is wrong; reload the page") }
            return request
        }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw HTTPError(.forbidden, message: "the form carries no CSRF token; reload the page")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        let form = FormFields(String(buffer: body))
        guard let token = form["csrf"], tokensEqual(token, expected) else {
            throw HTTPError(.forbidden, message: "the form's CSRF token is missing or wrong; reload the page")
        }
        return request
    }

}

/// Headers on every response, errors included: no sniffing, no framing, scripts from this server only.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.harden(&response.headers)
        return response
    }

    static func harden(_ headers: inout HTTPFields) {
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    }
}

/// The fields of an `application/x-www-form-urlencoded` body.
struct FormFields {
    var values: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first else { continue }
            values[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    subscript(_ name: String) -> String? { values[name] }
}
