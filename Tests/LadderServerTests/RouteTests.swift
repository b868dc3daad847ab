import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LadderServer

@Suite("Routes")
struct RouteTests {
    @Test("Every page answers 200 with HTML, in Chinese by default and in English with lang=en")
    func pagesAnswerHTML() async throws {
        let firm = ServerFixture.built.quoteFirm
        try await ServerFixture.withServer { client in
            for path in ["/", "/?snapshot=2024-12-31", "/firms", "/firms?q=%E9%9D%92%E5%B2%9B&district=370211", "/firms/\(firm)",
                         "/districts/370211", "/districts/370211?status=certified", "/rules", "/rules/high-tech", "/snapshots"] {
                let (status, type, body) = try await client.get(path)
                #expect(status == 200, "\(path)")
                #expect(type == "text/html; charset=utf-8", "\(path)")
                #expect(body.contains("<html lang=\"zh-CN\">"), "\(path)")
                #expect(body.contains("总览"), "\(path)")
                let english = try await client.get(path + (path.contains("?") ? "&" : "?") + "lang=en")
                #expect(english.body.contains("<html lang=\"en\">") && english.body.contains("Overview"), "\(path)")
            }
        }
    }

    @Test("Static files, JSON and CSV answer with their content types")
    func contentTypes() async throws {
        try await ServerFixture.withServer { client in
            #expect(try await client.get("/static/style.css").type == "text/css; charset=utf-8")
            #expect(try await client.get("/static/sort.js").type == "text/javascript; charset=utf-8")
            for path in ["/api/v1/tally", "/api/v1/progress", "/api/v1/snapshots", "/api/v1/firms", "/api/v1/rules",
                         "/api/v1/openapi.json", "/api/v1/findings/data-quality"] {
                let (status, type, _) = try await client.get(path)
                #expect(status == 200 && type == "application/json; charset=utf-8", "\(path)")
            }
            let csv = try await client.get("/districts/370211/firms.csv?status=certified")
            #expect(csv.status == 200 && csv.type == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("\u{FEFF}id,name,district,certified,eligible,statuses"))
        }
    }

    @Test("Unknown pages are 404 pages in the site's style; under /api/ a JSON error")
    func notFound() async throws {
        try await ServerFixture.withServer { client in
            let page = try await client.get("/no/such/page")
            #expect(page.status == 404 && page.type.hasPrefix("text/html"))
            #expect(page.body.contains("class=\"site\"") && page.body.contains("找不到页面"))
            let api = try await client.get("/api/v1/no-such")
            #expect(api.status == 404 && api.type.hasPrefix("application/json"))
            let error = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            #expect(error["status"] as? Int == 404)
            #expect(try await client.get("/rules/no-such").status == 404)
            #expect(try await client.get("/districts/999999").status == 404)
            #expect(try await client.get("/api/v1/findings/other").status == 404)
            #expect(try await client.get("/?snapshot=1999-01-01").status == 404)
        }
    }

    @Test("An unknown firm id says so and offers a search for it")
    func unknownFirm() async throws {
        try await ServerFixture.withServer { client in
            let page = try await client.get("/firms/91370200NOSUCHFIRM")
            #expect(page.status == 404)
            #expect(page.body.contains("本快照中没有这个统一社会信用代码的企业"))
            #expect(page.body.contains("<form class=\"filters\" method=\"get\" action=\"/firms\">"))
            #expect(page.body.contains("value=\"91370200NOSUCHFIRM\""))
            #expect(try await client.get("/api/v1/firms/91370200NOSUCHFIRM").status == 404)
            #expect(try await client.get("/api/v1/firms/91370200NOSUCHFIRM/audit").status == 404)
        }
    }

    @Test("Bad parameters are 400 naming the parameter")
    func badParameters() async throws {
        try await ServerFixture.withServer { client in
            for (path, word) in [("/api/v1/firms?page=0", "page"), ("/api/v1/firms?perPage=100000", "perPage"),
                                 ("/api/v1/firms?rung=top", "rung"), ("/api/v1/firms?status=rich", "status"),
                                 ("/api/v1/tally?snapshot=yesterday", "snapshot"), ("/api/v1/tally?asOf=2025-13-01", "asOf"),
                                 ("/api/v1/tally?by=street", "by"), ("/firms?page=-1", "page")] {
                let (status, _, body) = try await client.get(path)
                #expect(status == 400, "\(path)")
                #expect(body.contains(word), "\(path): \(body)")
            }
        }
    }
}

@Suite("Escaping")
struct EscapingTests {
    /// Pages where the firm's name appears.
    static func pages(for id: String, name: String) -> [String] {
        let q = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return ["/firms/\(id)", "/firms?q=\(q)", "/firms?q=\(id)", "/firms?perPage=500", "/firms/\(id)?lang=en"]
    }

    @Test("A firm named <script>alert(1)</script> is shown as text on every page")
    func scriptNameEscaped() async throws {
        let id = ServerFixture.built.scriptFirm
        try await ServerFixture.withServer { client in
            for path in Self.pages(for: id, name: ServerFixture.scriptName) {
                let (status, _, body) = try await client.get(path)
                #expect(status == 200, "\(path)")
                #expect(!body.contains("<script>alert"), "\(path)")
                #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
            // The unknown-firm page echoes the id it was given: escaped too.
            let echo = try await client.get("/firms/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(echo.status == 404 && !echo.body.contains("<script>alert"))
            let json = try #require(try await client.json("/api/v1/firms/\(id)") as? [String: Any])
            #expect((json["firm"] as? [String: Any])?["name"] as? String == ServerFixture.scriptName)
        }
    }

    @Test("Quotes and ampersands in a name are escaped in text, attributes, JSON and CSV")
    func quoteAndAmpersandEscaped() async throws {
        let id = ServerFixture.built.quoteFirm
        try await ServerFixture.withServer { client in
            for path in Self.pages(for: id, name: ServerFixture.quoteName) {
                let (_, _, body) = try await client.get(path)
                #expect(!body.contains("\"引号\""), "\(path)")
                #expect(!body.contains("\"&科技"), "\(path)")
                #expect(body.contains("青岛&quot;引号&quot;&amp;科技有限公司"), "\(path)")
            }
            // The search box echoes the query in an attribute.
            let search = try await client.get("/firms?q=%22%3E%3Cb%3E%26")
            #expect(search.body.contains("value=\"&quot;&gt;&lt;b&gt;&amp;\""))
            let json = try #require(try await client.json("/api/v1/firms?q=%E5%BC%95%E5%8F%B7") as? [String: Any])
            let firms = try #require(json["firms"] as? [[String: Any]])
            #expect(firms.map { $0["name"] as? String } == [ServerFixture.quoteName])
            let district = try #require(firms.first?["district"] as? String)
            let csv = try await client.get("/districts/\(district)/firms.csv?status=all")
            #expect(csv.body.contains("\"青岛\"\"引号\"\"&科技有限公司\""))
        }
    }
}
