import Foundation
import HummingbirdTesting
import Testing
@testable import LadderServer

/// What pages say about their source is plain language for a bureau reader.
@Suite("Page notes")
struct PageNotesTests {
    @Test("The overview's notes name the export date and the rules, never the database file, a snapshot number or a command")
    func plainNotes() async throws {
        let database = ServerFixture.built.database
        try await ServerFixture.withServer { client in
            for lang in ["", "?lang=en"] {
                let page = try await client.get("/" + lang)
                #expect(page.status == 200)
                for developer in ["数据库：", "Database:", database, ".sqlite", "techladder ", "snapshot 2", "--db"] {
                    #expect(!page.body.contains(developer), "\(lang): \(developer)")
                }
                #expect(page.body.contains(lang.isEmpty ? "数据：2025-12-31 导出的登记数据" : "Data: the registry exported on 2025-12-31"))
            }
            let api = try #require(try await client.json("/api/v1/tally") as? [String: Any])
            let notes = (api["countingRules"] as? [String]) ?? []
            #expect(!notes.contains { $0.contains(database) })
        }
    }
}
