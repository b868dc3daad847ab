import Foundation
import LadderCore

extension RungCounts: Encodable {
    enum CodingKeys: String, CodingKey {
        case total
        case techSME = "tech-sme"
        case highTech = "high-tech"
        case leading
    }

    /// Encodes `{"total","tech-sme","high-tech","leading"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(techSME, forKey: .techSME)
        try container.encode(highTech, forKey: .highTech)
        try container.encode(leading, forKey: .leading)
    }
}

/// The JSON shape of a tally:
/// `{"asOf","by","target","targetYear","eligibility","total":{…},"districts":[{"code","name","certified":{…},"eligible":{…},…}],…}`.
/// With `--by` other than district the group array is named `groups`. `eligible`, `pipeline` and
/// `auditRisk` are null when eligibility was not computed.
struct TallyDocument: Encodable {
    struct Group: Encodable {
        var code: String
        var name: String
        var activeFirms: Int
        var certified: RungCounts
        var eligible: RungCounts?
        var pipeline: RungCounts?
        var pipelineUncertified: Int?
        var auditRisk: RungCounts?
        var undetermined: Int?
        var lapsed: Int
        var deregisteredCertified: Int
        var target: Int64?
        var share: Double?
        var shareOfCity: Double?
        var gap: Int?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(name, forKey: .name)
            try c.encode(activeFirms, forKey: .activeFirms)
            try c.encode(certified, forKey: .certified)
            try c.encode(eligible, forKey: .eligible)  // null when not computed
            try c.encode(pipeline, forKey: .pipeline)
            try c.encode(pipelineUncertified, forKey: .pipelineUncertified)
            try c.encode(auditRisk, forKey: .auditRisk)
            try c.encode(undetermined, forKey: .undetermined)
            try c.encode(lapsed, forKey: .lapsed)
            try c.encode(deregisteredCertified, forKey: .deregisteredCertified)
            try c.encode(target, forKey: .target)
            try c.encode(share, forKey: .share)
            try c.encode(shareOfCity, forKey: .shareOfCity)
            try c.encode(gap, forKey: .gap)
        }

        enum CodingKeys: String, CodingKey {
            case code, name, activeFirms, certified, eligible, pipeline, pipelineUncertified, auditRisk, undetermined
            case lapsed, deregisteredCertified, target, share, shareOfCity, gap
        }
    }

    var asOf: String
    var by: String
    var target: Int64?
    var targetYear: Int?
    var eligibility: String
    var total: Group
    var groups: [Group]
    var firmsRead: Int
    var deregistered: Int
    var countingRules: [String]

    enum CodingKeys: String, CodingKey {
        case asOf, by, target, targetYear, eligibility, total, firmsRead, deregistered, countingRules
        case districts, groups
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(by, forKey: .by)
        try c.encode(target, forKey: .target)
        try c.encode(targetYear, forKey: .targetYear)
        try c.encode(eligibility, forKey: .eligibility)
        try c.encode(total, forKey: .total)
        try c.encode(groups, forKey: by == Grouping.district.rawValue ? .districts : .groups)
        try c.encode(firmsRead, forKey: .firmsRead)
        try c.encode(deregistered, forKey: .deregistered)
        try c.encode(countingRules, forKey: .countingRules)
    }
}

extension TallyRows {
    /// The tally as pretty-printed JSON with sorted keys (see `TallyDocument` for the shape).
    /// - Throws: an `EncodingError` (not expected: every value is finite or null).
    public func json() throws -> String {
        let computed = tally.eligibilityComputed
        func group(_ row: Row) -> TallyDocument.Group {
            let f = row.figures
            return TallyDocument.Group(
                code: row.code, name: row.name, activeFirms: f.activeFirms, certified: f.certified,
                eligible: computed ? f.eligible : nil, pipeline: computed ? f.pipeline : nil,
                pipelineUncertified: computed ? f.pipelineUncertified : nil, auditRisk: computed ? f.auditRisk : nil,
                undetermined: computed ? f.undeterminedCertified : nil, lapsed: f.lapsed,
                deregisteredCertified: f.deregisteredCertified, target: row.target?.units,
                share: row.share.map { ($0 * 10_000).rounded() / 10_000 },
                shareOfCity: row.shareOfCity.map { ($0 * 10_000).rounded() / 10_000 }, gap: row.gap)
        }
        let document = TallyDocument(
            asOf: tally.asOf.description, by: tally.grouping.rawValue, target: cityTarget?.units,
            targetYear: targetYear, eligibility: computed ? "computed" : "not-computed", total: group(total),
            groups: rows.map(group), firmsRead: tally.firmsRead, deregistered: tally.deregistered, countingRules: footer)
        return try JSONText.encode(document)
    }
}

/// JSON text with stable key order, pretty-printed, Chinese kept as is.
public enum JSONText {
    /// Encodes a value as pretty-printed JSON with sorted keys.
    /// - Throws: `EncodingError` for values JSON cannot hold.
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
