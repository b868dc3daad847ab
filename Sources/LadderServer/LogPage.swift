import Foundation
import Hummingbird
import LadderCore
import LadderStore

/// `/log`: the audit trail for the city role (`?user=NAME&since=YYYY-MM-DD`), newest first, the last
/// 1,000 entries; `techladder log` prints the same entries.
struct LogPage: Sendable {
    let access: WebAccess

    func register(on router: Router<some RequestContext>) {
        router.get("log") { request, _ in try await page(request) }
    }

    private func page(_ request: Request) async throws -> Response {
        let lang = Lang(request)
        let user = request.uri.queryParameters.get("user").flatMap { $0.isEmpty ? nil : $0 }
        let sinceText = request.uri.queryParameters.get("since").flatMap { $0.isEmpty ? nil : $0 }
        var since: Date?
        if let sinceText {
            guard let day = Day(sinceText) else { throw ServerError.badRequest("since must be a date YYYY-MM-DD, not '\(sinceText)'") }
            since = ISO8601DateFormatter().date(from: "\(day)T00:00:00Z")
        }
        // Firm views queue in the trail's writer: the page shows them too.
        await access.trail.flush()
        let store = access.store
        let from = since
        let events = try await RegistryQueries.offload { try store.events(actor: user, since: from, limit: 1000) }
        let formatter = ISO8601DateFormatter()
        let rows = events.reversed().map { event -> [String: Any] in
            ["at": formatter.string(from: event.at), "actor": event.actor, "action": event.action,
             "target": event.target ?? "", "detail": event.detail ?? ""]
        }
        let model: [String: Any] = ["events": rows, "user": user ?? "", "since": sinceText ?? "", "english": lang.english]
        return pages.page("log", title: AccountLabels.labels(lang)["log"] ?? "log", lang: lang, path: request.uri.description, model: model)
    }

    let pages: Pages
}
