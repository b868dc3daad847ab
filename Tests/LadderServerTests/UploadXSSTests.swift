import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import LadderServer
import Testing

@Suite("XSS through what a firm or an upload carries", .serialized)
struct UploadXSSTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(2)>"

    /// 崂山区's file with markup in a firm's name, a record whose id is markup, and
    /// a file name that is markup.
    static func hostileDistrictFile() throws -> String {
        let part = try #require(try CitySplit.parts()["370212"])
        var lines = part.components(separatedBy: "\n")
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'"
        let nameLine = try #require(lines.firstIndex { $0.hasPrefix("    <Name>") })
        lines[nameLine] = "    <Name>\(escaped)</Name>"
        let end = try #require(lines.lastIndex { $0 == "</Registry>" })
        lines.insert("""
              <Enterprise id="&lt;img src=x onerror=alert(2)&gt;">
                <Name>&lt;img src=x onerror=alert(2)&gt;</Name>
                <District code="370212"/>
              </Enterprise>
            """, at: end)
        return lines.joined(separator: "\n")
    }

    @Test("markup in firm fields, record ids, reject reasons and the file name is escaped on every page that shows it")
    func escapedEverywhere() async throws {
        let fixture = try AccountFixture(importCity: false)
        defer { fixture.remove() }
        let file = try Self.hostileDistrictFile()
        let found = try #require(file.range(of: #"<Enterprise id="([0-9A-Z]{18})""#, options: .regularExpression))
        let firstID = String(file[found].dropFirst(16).prefix(18))
        try await fixture.test { client, _ in
            let city = try #require(try await Browser.logIn(client, name: "city"))
            let accepted = try await UploadTests.upload(
                client, district: "370212", body: file,
                headers: city.headers + [HTTPField(name: HTTPField.Name("X-CSRF-Token")!, value: city.csrf)],
                name: Self.image + ".xml")
            #expect(accepted.status == .accepted)
            let done = try await finishedUpload(client, accepted, headers: city.headers)
            #expect(done["state"] as? String == "done")
            #expect((done["rejected"] as? Int ?? 0) >= 1, "the record whose id is markup is rejected")
            let upload = try #require(done["id"] as? String)
            var shown = false
            for page in ["/firms/\(firstID)", "/firms?q=alert", "/districts/370212?status=certified", "/uploads/\(upload)",
                         "/log", "/snapshots", "/log?user=\(PageRoutes.encode(Self.script))"] {
                let response = try await client.execute(uri: page, method: .get, headers: city.headers)
                let html = response.body.text
                #expect(response.status == .ok, "\(page): \(response.status)")
                #expect(!html.contains(Self.script) && !html.contains("<img src=x") && !html.contains("\"&'"), "\(page) shows raw markup")
                shown = shown || html.contains("&lt;script&gt;alert(1)")
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
            }
            #expect(shown, "the escaped name appears on some page")
            let json = try await client.execute(uri: "/api/v1/firms/\(firstID)", method: .get, headers: city.headers)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(json.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }
}
