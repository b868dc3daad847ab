import Foundation
import Hummingbird
import HummingbirdTesting
import LadderCore
import LadderStore
import Logging
import Testing
@testable import LadderServer

/// The firm page in plain words: thresholds, results, missing data and notes as the firm report
/// (`techladder firm`) words them; English keeps English; the audit trail records every view.
@Suite("Firm page")
struct FirmPageTests {
    /// Rule syntax and raw codes that must not reach the Chinese page (as they appear once HTML-escaped).
    static let ruleSyntax = ["setting(", "(&#39;", "&gt;=", "&lt;=", "ExpertScore[", "Finance[", "verdict pass\">pass<",
                             "verdict fail\">fail<", "verdict unknown\">unknown<", "otherwise", "manual review", "setting data-year", "[U]: ", "local assumption, not law",
                             "365d", "d</td>"]

    /// A few firms of the fixture of every kind: pipeline, audit risk, undetermined, certified, and the two hostile names.
    static func firms(_ client: some TestClientProtocol) async throws -> [String] {
        var ids = [ServerFixture.built.scriptFirm, ServerFixture.built.quoteFirm]
        for status in ["pipeline", "risk", "undetermined", "certified"] {
            let json = try #require(try await client.json("/api/v1/firms?status=\(status)&perPage=3") as? [String: Any])
            ids += ((json["firms"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        }
        return ids
    }

    /// The part of a firm page from the first rung to the plans.
    static func rungs(_ page: String) -> String {
        guard let start = page.range(of: "<section class=\"rung"), let end = page.range(of: "<section id=\"plans\">") else { return "" }
        return String(page[start.lowerBound..<end.lowerBound])
    }

    @Test("The Chinese firm page shows no rule syntax: thresholds, results, missing data and notes in words")
    func chineseWithoutRuleSyntax() async throws {
        try await ServerFixture.withServer { client in
            let ids = try await Self.firms(client)
            #expect(ids.count >= 8)
            for id in ids {
                for path in ["/firms/\(id)", "/firms/\(id)?plans=1"] {
                    let page = try await client.get(path)
                    #expect(page.status == 200, "\(path)")
                    let rungs = Self.rungs(page.body)
                    #expect(rungs.contains("<th>门槛</th>"), "\(path)")
                    for syntax in Self.ruleSyntax {
                        #expect(!rungs.contains(syntax), "\(path): \(syntax)")
                    }
                    // Results in words; the leading rung's proxies as the firm report words them.
                    #expect(rungs.contains(">满足<") || rungs.contains(">未满足<"), "\(path)")
                    #expect(rungs.contains("研发费用 / 销售收入 ≥ 3%"), "\(path)")
                    #expect(rungs.contains("科技领军企业是本市的工作假设"), "\(path)")
                    #expect(page.body.contains(">审计 JSON</a>") && !page.body.contains(">reachable") && !page.body.contains(">no-plan"), "\(path)")
                }
            }
            // The plans' changes in Chinese too (NearMissStep.chinese), not the search's English text.
            var plans: [String] = []
            for id in ids {
                let page = try await client.get("/firms/\(id)?plans=1").body
                plans += page.range(of: "<section id=\"plans\">").map { [String(page[$0.lowerBound...])] } ?? []
            }
            #expect(!plans.isEmpty && plans.allSatisfy { !$0.contains(" in 20") && !$0.contains("¥") })
            #expect(plans.contains { $0.contains(" 年研发费用 +") || $0.contains(" 年科技人员 +") || $0.contains("项") })
            // Each plan's outcome in Chinese brackets, a colon only before what follows it.
            #expect(plans.allSatisfy { !$0.contains("</b> (") && !$0.contains("）： </li>") && !$0.contains("): ") })
            #expect(plans.allSatisfy { $0.contains("</b> （") })
            // Tech-SME 2022's open settings, in words.
            let page = try await client.get("/firms/\(ids[0])")
            #expect(page.body.contains("待确认设置 [U]：数据年度取评定日前一个会计年度"))
        }
    }

    @Test("Data an undetermined verdict waits for is named as the firm report names it (专家评分·…, 2024 年研发费用)")
    func missingDataInWords() async throws {
        // SampleData has firms whose verdict waits for data (the generated fixture has none).
        let directory = NSTemporaryDirectory() + "techladder-missing-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let imported = try ServerFixture.run(["import", "SampleData/registry-2025.xml", "--db", directory + "/r.sqlite"])
        #expect(imported.status == 0 || imported.status == 1, "\(imported.stderr)")
        let configuration = ServerConfiguration(
            databasePath: directory + "/r.sqlite", rulesDirectory: ServerFixture.root.appendingPathComponent("Rules").path,
            templatesDirectory: ServerFixture.root.appendingPathComponent("Templates").path)
        let (router, _) = try await LadderWebServer.makeRouter(configuration)
        try await Application(router: router).test(.router) { client in
            // Firms whose audit lists missing facts (expert scores, a year's finance, the tax assessment).
            let list = try #require(try await client.json("/api/v1/firms?perPage=300") as? [String: Any])
            var ids: [String: [String]] = [:]
            for id in ((list["firms"] as? [[String: Any]]) ?? []).compactMap({ $0["id"] as? String }) where ids.count < 8 {
                let audit = try #require((try await client.json("/api/v1/firms/\(id)/audit") as? [[String: Any]])?.first)
                let tiers = (audit["tiers"] as? [String: [String: Any]]) ?? [:]
                let missing = tiers.values.flatMap { ($0["missing"] as? [String]) ?? [] }
                if !missing.isEmpty { ids[id] = missing }
            }
            try #require(ids.count == 8, "SampleData has firms with missing data")
            for (id, missing) in ids {
                let page = try await client.get("/firms/\(id)")
                let lines = page.body.components(separatedBy: "\n").filter { $0.contains("<p class=\"collect\">") }
                    .joined().components(separatedBy: "<p class=\"collect\">").dropFirst()
                #expect(lines.count == missing.count, "\(id)")
                for line in lines {
                    #expect(line.hasPrefix("待补充数据: ") && !line.contains("[") && !line.contains("."), "\(id): \(line)")
                }
                if missing.contains(where: { $0.hasPrefix("ExpertScore[") }) { #expect(page.body.contains("待补充数据: 专家评分·"), "\(id)") }
                if missing.contains(where: { $0.hasPrefix("Finance[") }) { #expect(page.body.contains("待补充数据: 2024 年"), "\(id)") }
                let english = try await client.get("/firms/\(id)?lang=en")
                #expect(english.body.contains("<p class=\"collect\">Data to collect: "), "\(id)")
            }
        }
    }

    @Test("The English firm page keeps English words: thresholds, results and the audit's notes")
    func englishPage() async throws {
        try await ServerFixture.withServer { client in
            let ids = try await Self.firms(client)
            for id in ids {
                let page = try await client.get("/firms/\(id)?lang=en")
                #expect(page.status == 200)
                let rungs = Self.rungs(page.body)
                #expect(rungs.contains("<th>Threshold</th>") && page.body.contains(">audit JSON</a>"))
                #expect(rungs.contains(">met<") || rungs.contains(">not met<"))
                #expect(rungs.contains("R&amp;D expense / revenue ≥ 3%") || rungs.contains("≥ 3%"))
                #expect(rungs.contains("setting data-year = previous [U]: "))
                #expect(!rungs.contains("setting(") && !rungs.contains("待确认设置") && !rungs.contains("满足"))
            }
        }
    }

    @Test("Every view of a firm's page or API record lands in the audit trail, concurrent views too")
    func viewsAreRecorded() async throws {
        // A database of its own (the fixture's latest export): other suites view the same firms in
        // parallel on the shared one.
        let directory = NSTemporaryDirectory() + "techladder-views-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ServerFixture.check(ServerFixture.run(["import", ServerFixture.built.latestXML, "--db", directory + "/r.sqlite"]))
        let configuration = ServerConfiguration(
            databasePath: directory + "/r.sqlite", rulesDirectory: ServerFixture.root.appendingPathComponent("Rules").path,
            templatesDirectory: ServerFixture.root.appendingPathComponent("Templates").path)
        let (router, access) = try await LadderWebServer.makeRouter(configuration)
        let id = ServerFixture.built.quoteFirm
        let before = try access.store.events(actor: "local").filter { $0.action == "firm.view" && $0.target == id }.count
        try await Application(router: router).test(.router) { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    let path = ["/firms/\(id)", "/api/v1/firms/\(id)", "/api/v1/firms/\(id)/audit", "/firms/\(id)?lang=en"][index % 4]
                    group.addTask { try await client.get(path).status }
                }
                for try await status in group { #expect(status == 200) }
            }
        }
        await access.trail.flush()
        let views = try access.store.events(actor: "local").filter { $0.action == "firm.view" && $0.target == id }
        #expect(views.count - before == 40)
        #expect(Set(views.suffix(40).compactMap(\.detail)) == ["/firms/\(id)", "/api/v1/firms/\(id)", "/api/v1/firms/\(id)/audit"])
    }
}

@Suite("Audit trail writer")
struct AuditTrailWriterTests {
    @Test("Queued entries are stored in order, in batches, none lost when the queue is full; a waiting record is stored on return")
    func batchesInOrder() async throws {
        let directory = NSTemporaryDirectory() + "techladder-trail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try RegistryStore(path: directory + "/t.sqlite")
        try store.useWriteAheadLog()
        let writer = AuditTrailWriter(store: store, capacity: 8)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<50 { await writer.record((actor: "t\(task)", action: "firm.view", target: "\(index)", detail: nil, at: Date()), wait: false) }
                }
            }
        }
        await writer.record((actor: "admin", action: "login", target: nil, detail: nil, at: Date()), wait: true)
        let stored = try store.events()
        #expect(stored.last?.action == "login")
        await writer.flush()
        let all = try store.events()
        #expect(all.count == 201)
        for task in 0..<4 {
            let targets: [String] = all.filter { $0.actor == "t\(task)" }.compactMap(\.target)
            let expected: [String] = (0..<50).map { String($0) }
            #expect(targets == expected, "t\(task) in order")
        }
    }
}
