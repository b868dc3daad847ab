import Foundation
import LadderCore
import LadderReports
import LadderRules
import LadderStore

/// A snapshot as `techladder snapshots --format json` lists it (same keys).
struct SnapshotJSON: Encodable {
    var id: Int64
    var exportedAt: String
    var source: String?
    var region: String?
    var file: String
    var hash: String
    var importedAt: String
    var firms, platforms, contracts, brokers, rejected: Int

    init(_ snapshot: Snapshot) {
        id = snapshot.id
        exportedAt = snapshot.exportedAt.description
        source = snapshot.source
        region = snapshot.region
        file = snapshot.fileName
        hash = snapshot.contentHash
        importedAt = ISO8601DateFormatter().string(from: snapshot.importedAt)
        firms = snapshot.counts.enterprises
        platforms = snapshot.counts.platforms
        contracts = snapshot.counts.contracts
        brokers = snapshot.counts.brokers
        rejected = snapshot.counts.rejected
    }
}

/// One firm in a list.
struct FirmRowJSON: Encodable {
    var id: String
    var name: String
    var district: String
    var districtName: String
    var certified: String?
    var eligible: String?
    var statuses: [String]

    init(_ row: FirmRow) {
        id = row.id
        name = row.name
        district = row.district
        districtName = GroupNames.name(of: row.district, by: .district)
        certified = row.certified?.rawValue
        eligible = row.eligible?.rawValue
        statuses = row.statuses.names
    }
}

/// A page of firms.
struct FirmListJSON: Encodable {
    var snapshot: String
    var asOf: String
    var total: Int
    var page: Int
    var perPage: Int
    var firms: [FirmRowJSON]
}

/// One firm: identity, certificates, verdicts per rung, and its history across snapshots.
struct FirmJSON: Encodable {
    struct Certificate: Encodable {
        var kind: String
        var number: String?
        var issued: String
        var lastValidDay: String
        var revoked: String?
        var valid: Bool
    }
    struct Rung: Encodable {
        var tier: String
        var verdict: String
        var ruleVersion: String?
        var missing: [String]
    }
    struct HistoryEntry: Encodable {
        var snapshot: String
        var present: Bool
        var certified: String?
        var changes: [String]
    }

    var firm: FirmRowJSON
    var asOf: String
    var zone: String?
    var industry: String?
    var registeredOn: String?
    var active: Bool
    var certificates: [Certificate]
    var rungs: [Rung]
    var history: [HistoryEntry]

    init(_ row: FirmRow, _ firm: Enterprise, _ assessment: FirmAssessment, _ history: FirmHistory?, asOf: Day) {
        self.firm = FirmRowJSON(row)
        self.asOf = asOf.description
        zone = firm.zone
        industry = firm.industry
        registeredOn = firm.registeredOn?.description
        active = firm.isActive
        certificates = firm.certifications.map {
            Certificate(kind: $0.kind.rawValue, number: $0.number, issued: $0.issued.description,
                        lastValidDay: $0.lastValidDay.description, revoked: $0.revoked?.description, valid: $0.isValid(on: asOf))
        }
        rungs = assessment.rungs.map {
            Rung(tier: $0.tier.rawValue, verdict: $0.verdict.rawValue, ruleVersion: $0.ruleVersion, missing: $0.missingNames)
        }
        self.history = (history?.entries ?? []).map { entry in
            HistoryEntry(snapshot: entry.snapshot.exportedAt.description, present: entry.enterprise != nil,
                         certified: entry.enterprise?.certifiedTier(on: entry.snapshot.exportedAt)?.rawValue,
                         changes: entry.changes.map(\.description))
        }
    }
}

/// A rulebook: versions, criteria, settings and examples with whether each holds.
struct RulebookJSON: Encodable {
    struct Version: Encodable {
        var id: String
        var from: String
        var to: String?
        var basis: String
        var note: String?
        var settings: [Setting]
        var criteria: [CriterionJSON]
    }
    struct Setting: Encodable {
        var id: String
        var value: String
        var status: String
        var unverified: Bool
        var citation: String?
        var note: String
    }
    struct CriterionJSON: Encodable {
        var id: String
        var kind: String
        var name: String
        var nameEn: String
        var citation: String
        var rationale: String?
        var expression: String
    }
    struct Example: Encodable {
        var name: String
        var expect: String
        var asOf: String?
        var holds: Bool
        var problems: [String]
    }

    var id: String
    var tier: String
    var name: String
    var nameEn: String
    var status: String
    var notice: String?
    var versions: [Version]
    var examples: [Example]

    init(_ book: Rulebook, outcomes: [ExampleOutcome]) {
        id = book.id
        tier = book.tier.rawValue
        name = book.name
        nameEn = book.nameEn
        status = book.status
        notice = book.notice
        versions = book.versions.map { version in
            Version(id: version.id, from: version.from.description, to: version.to?.description, basis: version.basis,
                    note: version.note,
                    settings: version.settings.map {
                        Setting(id: $0.id, value: $0.value, status: $0.status, unverified: $0.isUnverified, citation: $0.cite, note: $0.note)
                    },
                    criteria: version.criteria.map {
                        CriterionJSON(id: $0.id, kind: $0.kind.rawValue, name: $0.name, nameEn: $0.nameEn, citation: $0.cite,
                                      rationale: $0.rationale, expression: $0.expression)
                    })
        }
        examples = outcomes.filter { $0.rulebook == book.id }.map {
            Example(name: $0.example.name, expect: $0.example.expect.rawValue, asOf: $0.example.asOf?.description,
                    holds: $0.holds, problems: $0.problems)
        }
    }
}
