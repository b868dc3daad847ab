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
            let (status, message, line, column) = Self.describe(error, path: request.uri.path)
            if status == .internalServerError { context.logger.error("\(request.uri): \(error)") }
            if request.uri.path.hasPrefix("/api/") {
                var body: [String: JSONValue] = ["error": .string(message), "status": .int(status.code)]
                if let line { body["line"] = .int(line) }
                if let column { body["column"] = .int(column) }
                return JSONResponse.make((try? JSONText.encode(body)) ?? "{}", status: status)
            }
            let lang = Lang(request)
            var firmID: String?
            if case ServerError.unknownFirm(let id)? = error as? ServerError { firmID = id }
            return pages.errorPage(status: status, message: message, firmID: firmID, lang: lang)
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
