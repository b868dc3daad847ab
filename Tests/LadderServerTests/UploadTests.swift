import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LadderAccounts
import LadderCore
import LadderReports
@testable import LadderServer
import LadderStore
import Testing

/// The city file split by district: each current district's firms, platforms and brokers (retired
/// codes counted under their successor), the contracts (which name no district) with the first.
enum CitySplit {
    static func parts(of path: String = AccountFixture.cityFile) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let headerEnd = try #require(lines.firstIndex { $0.hasPrefix("  <") })
        let header = lines[..<headerEnd].joined(separator: "\n")
        var bodies: [String: [String]] = [:]
        var current: [String] = []
        var district: String?
        let first = District.qingdao[0].code
        func districtOf(_ line: String) -> String? {
            for marker in ["<District code=\"", " district=\""] {
                if let range = line.range(of: marker) {
                    return AccessScope.resolve(String(line[range.upperBound...].prefix(6)))
                }
            }
            return nil
        }
        for line in lines[headerEnd...] where line != "</Registry>" && !line.isEmpty {
            current.append(line)
            if district == nil { district = districtOf(line) }
            let single = line.hasPrefix("  <") && line.hasSuffix("/>")
            if single || line == "  </Enterprise>" {
                bodies[district ?? first, default: []].append(contentsOf: current)
                current = []
                district = nil
            }
        }
        return bodies.mapValues { header + "\n" + $0.joined(separator: "\n") + "\n</Registry>\n" }
    }
}

/// Waits for an upload to finish and returns its status document.
func finishedUpload(_ client: some TestClientProtocol, _ accepted: TestResponse, headers: HTTPFields) async throws -> [String: Any] {
    let started = try #require(try JSONSerialization.jsonObject(with: Data(accepted.body.text.utf8)) as? [String: Any])
    let statusURL = try #require(started["status"] as? String)
    for _ in 0..<2400 {
        let status = try await client.execute(uri: statusURL, method: .get, headers: headers)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(status.body.text.utf8)) as? [String: Any])
        if document["state"] as? String != "running" { return document }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("upload \(statusURL) did not finish")
    return [:]
}

@Suite("Uploads from district bureaus", .serialized)
struct UploadTests {
    static func upload(_ client: some TestClientProtocol, district: String, body: String, headers: HTTPFields,
                       name: String = "district.xml") async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/xml"
        headers[HTTPField.Name("X-File-Name")!] = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
        return try await client.execute(uri: "/districts/\(district)/uploads", method: .post, headers: headers,
                                        body: ByteBuffer(string: body))
    }

    @Test("崂山区 uploads its file from the district page, sees its firms; records of other districts are rejected with the reason")
    func districtUpload() async throws {
        let fixture = try AccountFixture(importCity: false)
        defer { fixture.remove() }
        let parts = try CitySplit.parts()
        try await fixture.test { client, access in
            let laoshan = try #require(try await Browser.logIn(client, name: "laoshan"))
            let csrf = laoshan.headers + [HTTPField(name: HTTPField.Name("X-CSRF-Token")!, value: laoshan.csrf)]
            // A city file from a district account: only 崂山区's records are stored.
            let accepted = try await Self.upload(client, district: "370212", body: try String(contentsOfFile: AccountFixture.cityFile, encoding: .utf8), headers: csrf)
            #expect(accepted.status == .accepted)
            let done = try await finishedUpload(client, accepted, headers: laoshan.headers)
            #expect(done["state"] as? String == "done")
            let rejects = try #require(done["rejects"] as? [[String: Any]])
            #expect(!rejects.isEmpty)
            #expect(rejects.allSatisfy { ($0["reason"] as? String)?.contains("is outside your districts (370212 崂山区)") == true })
            #expect(rejects.allSatisfy { ($0["line"] as? Int ?? 0) > 0 && ($0["column"] as? Int ?? 0) > 0 && $0["id"] is String })
            let own = try #require(parts["370212"]).components(separatedBy: "\n").filter { $0.hasPrefix("  <Enterprise") }.count
            let snapshot = try #require(try access.store.latestSnapshot())
            #expect(snapshot.counts.enterprises == own)
            #expect(try access.store.rejectedRecords(in: snapshot).count == done["rejected"] as? Int)
            // The page shows its firms, and a 市南区 firm stays hidden.
            let page = try await client.execute(uri: "/districts/370212", method: .get, headers: laoshan.headers)
            #expect(page.body.text.contains("/firms/9"))
            #expect(!page.body.text.contains(AccountFixture.shinanFirm))
            #expect(page.body.text.contains("id=\"upload\""))
            let other = try await client.execute(uri: "/districts/370202", method: .get, headers: laoshan.headers)
            #expect(!other.body.text.contains("id=\"upload\""))
            #expect(try await client.execute(uri: "/firms/\(AccountFixture.shinanFirm)", method: .get, headers: laoshan.headers).status == .notFound)
            // The report page, and the trail.
            let report = try await client.execute(uri: "/uploads/\(try #require(done["id"] as? String))", method: .get, headers: laoshan.headers)
            #expect(report.status == .ok && report.body.text.contains("is outside your districts"))
            #expect(try await client.execute(uri: "/firms/\(AccountFixture.laoshanFirm)", method: .get, headers: laoshan.headers).status == .ok)
            await access.trail.flush()  // firm views are queued, not awaited
            let events = try access.store.events(actor: "laoshan")
            #expect(events.contains { $0.action == "upload.start" } && events.contains { $0.action == "upload" && $0.detail?.contains("rejected") == true })
            #expect(events.contains { $0.action == "firm.view" && $0.target == AccountFixture.laoshanFirm })
            #expect(!events.contains { $0.action == "firm.view" && $0.target == AccountFixture.shinanFirm })
        }
    }

    @Test("an upload beyond the size limit gets 413 and stores nothing")
    func oversized() async throws {
        let fixture = try AccountFixture(importCity: false, maxUploadBytes: 1 << 20)
        defer { fixture.remove() }
        try await fixture.test { client, access in
            let city = try #require(try await Browser.logIn(client, name: "city"))
            let csrf = city.headers + [HTTPField(name: HTTPField.Name("X-CSRF-Token")!, value: city.csrf)]
            let big = try String(contentsOfFile: AccountFixture.cityFile, encoding: .utf8)
            func uploadDirectories() throws -> Set<String> {
                Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("techladder-upload-") })
            }
            let before = try uploadDirectories()
            let response = try await Self.upload(client, district: "370212", body: big, headers: csrf)
            #expect(response.status == .contentTooLarge)
            #expect(try access.store.snapshots().isEmpty)
            // Other suites upload in parallel: a directory that appeared since must go (theirs finish too).
            var leftovers = try uploadDirectories().subtracting(before)
            for _ in 0..<50 where !leftovers.isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                leftovers = try uploadDirectories().subtracting(before)
            }
            #expect(leftovers.isEmpty, "temporary upload files left: \(leftovers)")
        }
    }

    @Test("every file of the hostile XML corpus uploaded fails with a clear error and stores nothing")
    func hostileCorpus() async throws {
        let fixture = try AccountFixture(importCity: false)
        defer { fixture.remove() }
        let corpus = AccountFixture.repository + "/Tests/XMLStreamTests/Hostile"
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
        #expect(files.count >= 10)
        try await fixture.test { client, access in
            let city = try #require(try await Browser.logIn(client, name: "city"))
            var headers = city.headers
            headers[HTTPField.Name("X-CSRF-Token")!] = city.csrf
            headers[HTTPField.Name("X-File-Name")!] = "hostile.xml"
            for file in files {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + file))
                let response = try await client.execute(uri: "/districts/370212/uploads", method: .post, headers: headers,
                                                        body: ByteBuffer(bytes: bytes))
                if response.status == .badRequest { continue }  // empty.xml: refused before import
                #expect(response.status == .accepted, "\(file): \(response.status)")
                let done = try await finishedUpload(client, response, headers: city.headers)
                #expect(done["state"] as? String == "failed", "\(file): \(done)")
                let error = done["error"] as? String ?? ""
                #expect(error.hasPrefix("hostile.xml"), "\(file): \(error)")
                #expect(!error.contains(NSTemporaryDirectory()), "\(file): the error shows a server path")
            }
            #expect(try access.store.snapshots().isEmpty)
            #expect(try access.store.events().contains { $0.action == "upload.failed" })
        }
    }

    @Test("ten districts uploading at the same moment all land in one snapshot whose tally equals the city file's")
    func tenConcurrentUploads() async throws {
        let fixture = try AccountFixture(accounts: false, importCity: false)
        defer { fixture.remove() }
        let parts = try CitySplit.parts()
        #expect(parts.count == 10)
        let store = try RegistryStore(path: fixture.database)
        let accounts = Accounts(store: store, policy: AccountFixture.policy)
        var tokens: [String: String] = [:]
        for code in parts.keys.sorted() {
            try accounts.add(name: "d\(code)", role: .district, districts: [code], password: AccountFixture.password, actor: "cli:test")
            tokens[code] = try accounts.issueToken(for: "d\(code)", actor: "cli:test")
        }
        let bearer = tokens
        try await fixture.test { client, access in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (code, body) in parts {
                    let headers: HTTPFields = [.authorization: "Bearer \(bearer[code]!)", .contentType: "application/xml",
                                               HTTPField.Name("X-File-Name")!: "\(code).xml"]
                    group.addTask {
                        let accepted = try await client.execute(uri: "/api/v1/districts/\(code)/uploads", method: .post,
                                                                headers: headers, body: ByteBuffer(string: body))
                        #expect(accepted.status == .accepted, "\(code): \(accepted.body.text)")
                        let done = try await finishedUpload(client, accepted, headers: [.authorization: headers[.authorization]!])
                        #expect(done["state"] as? String == "done" && done["rejected"] as? Int == 0, "\(code): \(done)")
                    }
                }
                try await group.waitForAll()
            }
            let city = try RegistryStore.inMemory()
            let citySnapshot = try city.importRegistryFile(AccountFixture.cityFile, name: "city.xml").outcome.snapshot
            let day = citySnapshot.exportedAt
            let cityTally = try city.tally(city.dated(containing: citySnapshot), asOf: day, verdicts: false).tally
            let snapshots = try access.store.snapshots()
            #expect(snapshots.count == 10)
            var firms = 0
            for snapshot in snapshots {
                let code = String(snapshot.fileName.prefix(6))
                let tally = try access.store.tally(access.store.dated(containing: snapshot), asOf: day, verdicts: false).tally
                #expect(tally.group(code) == cityTally.group(code), "district \(code)")
                firms += snapshot.counts.enterprises
            }
            #expect(firms == citySnapshot.counts.enterprises)
            // The ten files share the export date: one snapshot, tallied as the city file is.
            #expect(try access.store.snapshotDates().count == 1)
            let whole = try access.store.tally(access.store.dated(containing: snapshots[0]), asOf: day, verdicts: false).tally
            #expect(whole.total == cityTally.total)
            #expect(whole.firmsRead == cityTally.firmsRead)
        }
    }
}
