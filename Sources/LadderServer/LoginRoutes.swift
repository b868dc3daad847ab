import Foundation
import HTTPTypes
import Hummingbird
import LadderAccounts
import LadderStore

/// `/login` and `/logout`. The log-in form's CSRF token is a double-submit cookie (no session exists
/// yet); a successful log-in always starts a new session with a new random id (no fixation) and ends
/// the one the browser brought; lock-out and equal answers for unknown names are `Accounts`'.
struct LoginRoutes: Sendable {
    let access: WebAccess
    let pages: Pages

    func register(on router: Router<some RequestContext>) {
        router.get("login") { request, _ in try loginPage(request) }
        router.post("login") { request, _ in try await logIn(request) }
        router.post("logout") { request, _ in try await logOut(request) }
    }

    private func loginPage(_ request: Request, message: String? = nil, status: HTTPResponse.Status = .ok,
                           next: String? = nil) throws -> Response {
        guard try access.hasAccounts() else {
            return Response(status: .seeOther, headers: [.location: "/"])
        }
        let lang = Lang(request)
        let token = Accounts.newToken()
        var model: [String: Any] = ["csrf": token, "next": Self.safeNext(next ?? request.uri.queryParameters.get("next"))]
        if let message { model["message"] = message }
        var response = pages.page("login", title: lang.t("logIn"), lang: lang, path: request.uri.description,
                                  model: model, status: status)
        response.setCookie(Cookie(name: WebAccess.loginCookie, value: token, maxAge: 3600, path: "/login",
                                  secure: access.secure(request), httpOnly: true, sameSite: .strict))
        return response
    }

    private func logIn(_ request: Request) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: 16 << 10)))
        guard try access.hasAccounts() else { return Response(status: .seeOther, headers: [.location: "/"]) }
        guard let cookie = request.cookies[WebAccess.loginCookie]?.value, let sent = form["csrf"], tokensEqual(cookie, sent) else {
            throw HTTPError(.forbidden, message: "the log-in form's CSRF token is missing or wrong; reload the page")
        }
        let name = form["name"] ?? "", password = form["password"] ?? "", next = form["next"]
        let accounts = access.accounts
        let outcome: Result<Account, AccountError> = try await RegistryQueries.offload {
            do { return .success(try accounts.logIn(name: name, password: password)) } catch let error as AccountError {
                return .failure(error)
            }
        }
        switch outcome {
        case .failure(let error):
            return try loginPage(request, message: error.description, status: .unauthorized, next: next)
        case .success(let account):
            if let old = request.cookies[WebAccess.sessionCookie]?.value, !old.isEmpty {
                try? accounts.endSession(old)
            }
            let session = try await RegistryQueries.offload { try accounts.startSession(for: account) }
            var response = Response(status: .seeOther, headers: [.location: Self.safeNext(next)])
            response.setCookie(access.makeSessionCookie(session.id, request: request))
            response.setCookie(Cookie(name: WebAccess.loginCookie, value: "", maxAge: 0, path: "/login", httpOnly: true, sameSite: .strict))
            return response
        }
    }

    private func logOut(_ request: Request) async throws -> Response {
        if let id = request.cookies[WebAccess.sessionCookie]?.value, !id.isEmpty {
            try await RegistryQueries.offload { [access] in try access.accounts.endSession(id) }
        }
        if let visitor = Visitor.current { await access.record(visitor.name, "logout") }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(access.makeSessionCookie(nil, request: request))
        return response
    }

    /// Where to go after log-in: a path on this server only (no `//host`, no scheme), else `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.contains(where: { $0.isNewline }) else { return "/" }
        return next
    }
}
