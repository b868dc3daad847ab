import Foundation
import Hummingbird
import LadderReports

/// Turns every failure into a response in the caller's language: JSON under `/api/`, a page in the
/// site's style elsewhere. Unknown routes arrive here as `HTTPError(.notFound)`.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let allowed = Self.allowedMethods(request), !allowed.contains(request.method) {
                var response = Self.error(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)", request: request)
                response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                return response
            }
            let (status, message, line, column) = Self.describe(error, path: request.uri.path)
            if status == .internalServerError { context.logger.error("\(request.uri): \(error)") }
            var firmID: String?
            if case ServerError.unknownFirm(let id)? = error as? ServerError { firmID = id }
            return Self.error(status, message, line: line, column: column, firmID: firmID, request: request, pages: pages)
        }
    }

    /// The error response: JSON under `/api/`, else a page.
    static func error(_ status: HTTPResponse.Status, _ message: String, line: Int? = nil, column: Int? = nil,
                      firmID: String? = nil, request: Request, pages: Pages? = nil) -> Response {
        if request.uri.path.hasPrefix("/api/") || pages == nil {
            var body: [String: JSONValue] = ["error": .string(message), "status": .int(status.code)]
            if let line { body["line"] = .int(line) }
            if let column { body["column"] = .int(column) }
            return JSONResponse.make((try? JSONText.encode(body)) ?? "{}", status: status)
        }
        return pages!.errorPage(status: status, message: message, firmID: firmID, lang: Lang(request))
    }

    /// The methods a known API path answers (nil for paths the API does not have): a request with
    /// another method gets 405 with `Allow`, not 404.
    static func allowedMethods(_ request: Request) -> [HTTPRequest.Method]? {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v1" else { return nil }
        switch Array(parts.dropFirst(2)) {
        case ["assess"]: return [.post]
        case ["tally"], ["progress"], ["snapshots"], ["firms"], ["rules"], ["openapi.json"]: return [.get]
        case let rest where rest.count == 2 && (rest[0] == "firms" || rest[0] == "findings"): return [.get]
        case let rest where rest.count == 3 && rest[0] == "firms" && rest[2] == "audit": return [.get]
        case let rest where rest.count == 3 && rest[0] == "districts" && rest[2] == "uploads": return [.post]
        case let rest where rest.count == 2 && rest[0] == "uploads": return [.get]
        default: return nil
        }
    }

    static func describe(_ error: any Error, path: String) -> (HTTPResponse.Status, String, Int?, Int?) {
        if let error = error as? ServerError {
            if case .badRequest(let message, let line, let column) = error { return (.badRequest, message, line, column) }
            return (error.status, error.description, nil, nil)
        }
        if let error = error as? HTTPError {
            let message: String = switch error.status {
            case .notFound: "no page at \(path)"
            case .contentTooLarge: "the body is larger than the server accepts"
            default: error.body ?? error.status.reasonPhrase
            }
            return (error.status, message, nil, nil)
        }
        if let error = error as? any HTTPResponseError { return (error.status, error.status.reasonPhrase, nil, nil) }
        return (.internalServerError, "internal error: \(error)", nil, nil)
    }
}

/// A small JSON value for error bodies.
enum JSONValue: Encodable {
    case string(String), int(Int)
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        }
    }
}

enum JSONResponse {
    static func make(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text.hasSuffix("\n") ? text : text + "\n")))
    }
}
