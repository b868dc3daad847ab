import Foundation
import Hummingbird
import LadderReports
import Mustache

/// Server-rendered pages: Mustache templates from `Templates/` (`{{…}}` escapes every value for
/// HTML, quotes included), wrapped in `layout.mustache`; the style sheet and the one small script
/// are read once at start.
struct Pages: Sendable {
    let library: MustacheLibrary
    let style: String
    let script: String

    init(directory: String) async throws {
        library = try await MustacheLibrary(directory: directory)
        for name in ["layout", "overview", "district", "firm", "firms", "rules", "rule", "snapshots", "error",
                     "login", "upload", "uploadform", "log"]
        where library.getTemplate(named: name) == nil {
            throw ServerError.startup("template \(name).mustache is missing from \(directory)")
        }
        let site = (try? String(contentsOfFile: directory + "/static/site.css", encoding: .utf8)) ?? ""
        style = HTML.style + "\n" + site
        script = (try? String(contentsOfFile: directory + "/static/sort.js", encoding: .utf8)) ?? ""
    }

    /// A whole page: the template's body inside the layout.
    func page(_ template: String, title: String, lang: Lang, path: String, model: [String: Any],
              status: HTTPResponse.Status = .ok) -> Response {
        var context = model
        context["t"] = lang.labels
        context["lang"] = lang.code
        context["l"] = lang.english ? "&lang=en" : ""
        context["lq"] = lang.english ? "?lang=en" : ""
        context["u"] = AccountLabels.labels(lang)
        let body = library.render(context, withTemplate: template) ?? ""
        let toggle = Self.toggled(path, english: lang.english)
        let layout: [String: Any] = [
            "t": lang.labels, "lang": lang.code, "title": title, "body": body, "toggle": toggle,
            "lq": lang.english ? "?lang=en" : "", "u": AccountLabels.labels(lang),
            "visitor": Visitor.current?.layoutModel ?? [:],
        ]
        let html = library.render(layout, withTemplate: "layout") ?? body
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The same path and query with the language switched.
    static func toggled(_ path: String, english: Bool) -> String {
        var components = URLComponents(string: path) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "lang" }
        if !english { items.append(URLQueryItem(name: "lang", value: "en")) }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? "/"
    }

    /// A 404 or error page in the site's style; for an unknown firm, a search for its id.
    func errorPage(status: HTTPResponse.Status, message: String, firmID: String?, lang: Lang) -> Response {
        let heading = status == .notFound ? lang.t("notFound") : lang.t("error")
        var model: [String: Any] = ["status": status.code, "heading": heading, "message": message]
        if let firmID {
            model["firmID"] = firmID
            model["unknownFirm"] = lang.t("unknownFirm")
        }
        return page("error", title: "\(status.code) \(heading)", lang: lang, path: "/", model: model, status: status)
    }
}
