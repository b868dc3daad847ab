import Foundation
import LadderCore
import LadderRules
import Testing
@testable import LadderReports

/// `AuditJSON` writes each criterion's fixed texts from its version's prepared parts when the result
/// is where the version lists it, and renders them on the spot otherwise: both must give the same JSON.
@Suite("Audit JSON prepared texts")
struct AuditJSONPartsTests {
    @Test("criteria in another order than their version's (texts rendered on the spot) give the same objects")
    func unpreparedCriteriaMatchPrepared() throws {
        let ladder = try shippedLadder()
        let (firms, exportedAt, _) = try importFirms(repositoryRoot + "/SampleData/registry-2025.xml")
        var bands = 0
        for firm in firms.prefix(12) {
            let assessment = ladder.assess(firm, asOf: exportedAt)
            var reversed = assessment
            for index in reversed.rungs.indices { reversed.rungs[index].criteria.reverse() }
            let prepared = try criteria(AuditJSON.object(assessment))
            let onTheSpot = try criteria(AuditJSON.object(reversed))
            #expect(prepared.keys == onTheSpot.keys)
            for (tier, objects) in prepared {
                let other = try #require(onTheSpot[tier])
                #expect(objects.count == other.count && !objects.isEmpty)
                for (object, mirrored) in zip(objects, other.reversed()) {
                    #expect(NSDictionary(dictionary: object).isEqual(to: mirrored), "\(firm.id) \(tier) \(object["id"] ?? "?")")
                    if object["points"] is NSNumber, object["threshold"] is String { bands += 1 }
                }
            }
        }
        #expect(bands > 0, "no score band was written")
    }

    /// Each rung's criterion objects, by rung.
    private func criteria(_ json: String) throws -> [String: [[String: Any]]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tiers = try #require(object["tiers"] as? [String: Any])
        var result: [String: [[String: Any]]] = [:]
        for (tier, rung) in tiers {
            result[tier] = try #require((rung as? [String: Any])?["criteria"] as? [[String: Any]])
        }
        return result
    }
}
