import Foundation
import HummingbirdTesting
import LadderCore
import LadderReports
import Testing
@testable import LadderServer

/// Search through the roster's name index and id order finds what a plain scan of every firm finds.
@Suite("Firm search")
struct SearchTests {
    /// A roster of the given names (ids `9137…` numbered in order), every firm active and uncertified.
    static func roster(_ names: [String]) -> FirmRoster {
        var roster = FirmRoster(capacity: names.count)
        for (index, name) in names.enumerated() {
            roster.append(id: String(format: "91370200MA%08d", index), name: name, district: index % 2 == 0 ? "370202" : "370212",
                          standing: FirmStanding(active: true, certified: nil, hasCertificates: false, eligibility: nil))
        }
        roster.finish()
        return roster
    }

    @Test("A piece of a name of one, two or more characters, Latin letters in any case, finds exactly the names holding it")
    func namePieces() {
        let names = ["青岛海科技有限公司", "青岛ABC生物科技", "海尔智家", "青岛abc材料", "科技青岛", "崂山矿泉水", "青岛海洋科技研究院"]
        let roster = Self.roster(names)
        for query in ["青", "科技", "青岛海", "abc", "ABC", "Abc生物", "洋科技研", "不存在", "岛a"] {
            var search = FirmSearch(query: query)
            search.perPage = 100
            let found = search.run(roster).rows.map(\.name)
            let expected = names.filter { $0.range(of: query, options: .caseInsensitive) != nil }
            #expect(found == expected, "\(query)")
        }
    }

    @Test("A credit code prefix finds the firms whose codes start with it, first, and a district filter narrows every path")
    func codePrefixAndDistrict() {
        let roster = Self.roster((0..<30).map { "青岛第\($0)科技公司" })
        var search = FirmSearch(query: "91370200ma0000001")
        search.perPage = 100
        #expect(search.run(roster).rows.map(\.id) == (10...19).map { String(format: "91370200MA%08d", $0) })
        var byDistrict = FirmSearch(query: "科技", district: "370212")
        byDistrict.perPage = 5
        byDistrict.page = 2
        let page = byDistrict.run(roster)
        #expect(page.total == 15)
        #expect(page.rows.map(\.name) == [11, 13, 15, 17, 19].map { "青岛第\($0)科技公司" })
        #expect(roster.position(of: String(format: "91370200MA%08d", 7)) == 7)
        #expect(roster.position(of: "91370200MA9") == nil)
    }

    @Test("Over the fixture, the API's search totals equal a scan of every firm's name and code")
    func apiMatchesScan() async throws {
        try await ServerFixture.withServer { client in
            let all = try #require(try await client.json("/api/v1/firms?status=all&perPage=500") as? [String: Any])
            let firms = try #require(all["firms"] as? [[String: Any]])
            #expect(firms.count == all["total"] as? Int)
            let names = firms.compactMap { $0["name"] as? String }
            let ids = firms.compactMap { $0["id"] as? String }
            let firstID = try #require(ids.first)
            for query in ["青岛", "科技", "有限公司", "<script>", "\"引号\"", String(firstID.prefix(10)), "岛"] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let answer = try #require(try await client.json("/api/v1/firms?q=\(encoded)&perPage=1") as? [String: Any])
                let expected = zip(ids, names).filter { id, name in
                    id.hasPrefix(query.uppercased()) || name.range(of: query, options: .caseInsensitive) != nil
                }.count
                #expect(answer["total"] as? Int == expected, "\(query)")
                #expect(expected > 0, "\(query) finds something in the fixture")
            }
        }
    }
}
