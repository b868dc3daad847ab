import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LadderServer

/// The numbers the server shows equal the command line's for the same snapshot.
@Suite("Server equals the command line")
struct EqualityTests {
    /// The tally document without the lines that name where eligibility came from (the CLI reads
    /// stored verdicts, the server assesses; the counts must not differ) and the database note.
    static func comparable(_ json: String) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rules = (object["countingRules"] as? [String]) ?? []
        object["countingRules"] = rules.filter { !$0.hasPrefix("数据库：") && !$0.hasPrefix("符合条件取自") }
        return object as NSDictionary
    }

    @Test("/api/v1/tally equals tally --db --format json, by every grouping and on an earlier snapshot")
    func tally() async throws {
        let db = ServerFixture.built.database
        try await ServerFixture.withServer { client in
            for (query, arguments) in [("", [String]()), ("?by=zone", ["--by", "zone"]), ("?by=industry", ["--by", "industry"]),
                                       ("?by=domain", ["--by", "domain"])] {
                let cli = try ServerFixture.run(["tally", "--db", db, "--format", "json"] + arguments)
                #expect(cli.status == 0, "\(cli.stderr)")
                let api = try await client.get("/api/v1/tally" + query)
                #expect(api.status == 200)
                let expected = try Self.comparable(cli.stdout)
                #expect(try Self.comparable(api.body) == expected, "tally\(query)")
                #expect(expected["eligibility"] as? String == "computed")
            }
            // The earlier snapshot has no stored verdicts: the CLI leaves eligibility out; the certified counts agree.
            let cli = try ServerFixture.run(["tally", "--db", db, "--snapshot", "2024-12-31", "--format", "json"])
            let api = try #require(try await client.json("/api/v1/tally?snapshot=2024-12-31") as? [String: Any])
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
            let certified = { (doc: [String: Any]) in ((doc["total"] as? [String: Any])?["certified"] as? NSDictionary) }
            #expect(certified(api) != nil && certified(api) == certified(expected))
            #expect(api["firmsRead"] as? Int == expected["firmsRead"] as? Int)
        }
    }

    @Test("/api/v1/progress equals progress --db --format json")
    func progress() async throws {
        let cli = try ServerFixture.run(["progress", "--db", ServerFixture.built.database, "--format", "json"])
        #expect(cli.status == 0, "\(cli.stderr)")
        try await ServerFixture.withServer { client in
            let api = try await client.get("/api/v1/progress")
            let a = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary
            #expect(a != nil && a == b)
        }
    }

    @Test("/api/v1/firms/{id}/audit is byte for byte audit --db --firm ID --format json")
    func audit() async throws {
        let built = ServerFixture.built
        try await ServerFixture.withServer { client in
            for id in [built.scriptFirm, built.quoteFirm] {
                let cli = try ServerFixture.run(["audit", "--db", built.database, "--firm", id, "--format", "json"])
                #expect(cli.status == 0, "\(cli.stderr)")
                let api = try await client.get("/api/v1/firms/\(id)/audit")
                #expect(api.status == 200)
                #expect(api.body == cli.stdout)
            }
        }
    }

    @Test("POST /api/v1/assess answers what audit --format json prints for the same XML, format 1 and a profile layout")
    func assess() async throws {
        let files = [ServerFixture.built.latestXML, ServerFixture.root.appendingPathComponent("SampleData/district-gb18030.xml").path]
        try await ServerFixture.withServer { client in
            for file in files {
                let cli = try ServerFixture.run(["audit", file, "--format", "json"])
                #expect(cli.status == 0, "\(cli.stderr)")
                let body = try Data(contentsOf: URL(fileURLWithPath: file))
                let answer = try await client.execute(uri: "/api/v1/assess", method: .post, body: ByteBuffer(bytes: body)) { response in
                    (Int(response.status.code), String(buffer: response.body))
                }
                #expect(answer.0 == 200, "\(file): \(answer.1.prefix(300))")
                #expect(answer.1 == cli.stdout, "\(file)")
            }
        }
    }

    @Test("A district's firm lists hold exactly the firms its counts count")
    func districtListsMatchCounts() async throws {
        try await ServerFixture.withServer { client in
            let tally = try #require(try await client.json("/api/v1/tally") as? [String: Any])
            let districts = try #require(tally["districts"] as? [[String: Any]])
            var checked = 0
            for district in districts {
                let code = try #require(district["code"] as? String)
                for (status, key) in [("certified", "certified"), ("eligible", "eligible"), ("pipeline", "pipeline"), ("risk", "auditRisk")] {
                    let expected = (district[key] as? [String: Any])?["total"] as? Int
                    let list = try #require(try await client.json("/api/v1/firms?district=\(code)&status=\(status)&perPage=1") as? [String: Any])
                    #expect(list["total"] as? Int == expected, "\(code) \(status)")
                    checked += expected ?? 0
                }
                for (status, key) in [("undetermined", "undetermined"), ("lapsed", "lapsed")] {
                    let list = try #require(try await client.json("/api/v1/firms?district=\(code)&status=\(status)&perPage=1") as? [String: Any])
                    #expect(list["total"] as? Int == district[key] as? Int, "\(code) \(status)")
                }
            }
            #expect(checked > 0)
        }
    }
}
