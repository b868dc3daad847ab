import Foundation
import Hummingbird
import LadderReports
import Mustache
import Synchronization

/// Server-rendered pages: Mustache templates from `Templates/` (`{{…}}` escapes every value for
/// HTML, quotes included), wrapped in `layout.mustache`; the style sheet and the one small script
/// are read once at start.
struct Pages: Sendable {
    let library: MustacheLibrary
    let style: String
    let script: String
    let layout: PageLayout

    init(directory: String) async throws {
        library = try await MustacheLibrary(directory: directory)
        layout = PageLayout(library: library)
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
        let html = layout.page(lang: lang, visitor: Visitor.current, title: title, toggle: toggle, body: body)
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

/// `layout.mustache` around a page's body. The layout is rendered by Mustache once per language and kind
/// of visitor, with markers where the title, the language toggle, the visitor's name and CSRF token and
/// the body go; a page joins those pieces with its values escaped as `{{…}}` escapes them (`HTMLText`),
/// which is what rendering the layout gives, without Mustache's dynamic lookups on every request.
final class PageLayout: Sendable {
    private enum Piece: Sendable { case text(String), title, toggle, name, csrf, body }

    private let library: MustacheLibrary
    private let pieces = Mutex<[String: [Piece]]>([:])
    /// Markers no template holds and `{{…}}` leaves as they are (private-use characters).
    private static let markers: [(String, Piece)] = [
        ("\u{E000}title\u{E001}", .title), ("\u{E000}toggle\u{E001}", .toggle), ("\u{E000}name\u{E001}", .name),
        ("\u{E000}csrf\u{E001}", .csrf), ("\u{E000}body\u{E001}", .body),
    ]

    init(library: MustacheLibrary) { self.library = library }

    func page(lang: Lang, visitor: Visitor?, title: String, toggle: String, body: String) -> String {
        var model = visitor?.layoutModel ?? [:]
        // What the layout's sections test: the language and the visitor's kind.
        let key = "\(lang.code) \(visitor != nil) \(model["signedIn"] as? Bool ?? false) \(model["city"] as? Bool ?? false)"
        let found = pieces.withLock { $0[key] } ?? {
            if visitor != nil {
                model["name"] = Self.markers[2].0
                model["csrf"] = Self.markers[3].0
            }
            let rendered = library.render([
                "t": lang.labels, "lang": lang.code, "title": Self.markers[0].0, "body": Self.markers[4].0,
                "toggle": Self.markers[1].0, "lq": lang.english ? "?lang=en" : "", "u": AccountLabels.labels(lang),
                "visitor": model,
            ], withTemplate: "layout") ?? Self.markers[4].0
            let made = Self.split(rendered)
            pieces.withLock { $0[key] = made }
            return made
        }()
        var out = ""
        out.reserveCapacity(body.utf8.count + 2048)
        for piece in found {
            switch piece {
            case .text(let text): out += text
            case .title: out += HTMLText.escape(title)
            case .toggle: out += HTMLText.escape(toggle)
            case .name: out += HTMLText.escape(visitor?.name ?? "")
            case .csrf: out += HTMLText.escape(visitor?.csrfToken ?? "")
            case .body: out += body
            }
        }
        return out
    }

    /// The rendered layout cut at its markers.
    private static func split(_ text: String) -> [Piece] {
        var result: [Piece] = []
        var rest = Substring(text)
        while let (range, piece) = markers.compactMap({ marker, piece in rest.range(of: marker).map { ($0, piece) } })
                .min(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            result.append(.text(String(rest[..<range.lowerBound])))
            result.append(piece)
            rest = rest[range.upperBound...]
        }
        result.append(.text(String(rest)))
        return result
    }
}
