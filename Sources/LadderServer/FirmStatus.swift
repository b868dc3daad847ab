import LadderCore
import LadderReports

/// Where one firm stands in a tally: the counts it adds to. Read from a one-firm `Tally`, so a firm
/// listed behind a district's count is exactly a firm that count includes (one definition, in
/// LadderReports). The lead re-points this to the per-firm classification of LadderReports once merged.
struct FirmStatuses: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let certified = FirmStatuses(rawValue: 1)
    static let eligible = FirmStatuses(rawValue: 2)
    static let pipeline = FirmStatuses(rawValue: 4)
    static let risk = FirmStatuses(rawValue: 8)
    static let undetermined = FirmStatuses(rawValue: 16)
    static let lapsed = FirmStatuses(rawValue: 32)
    static let deregistered = FirmStatuses(rawValue: 64)

    /// The names used in URLs and JSON (`?status=pipeline`), in display order.
    static let named: [(String, FirmStatuses)] = [
        ("certified", .certified), ("eligible", .eligible), ("pipeline", .pipeline), ("risk", .risk),
        ("undetermined", .undetermined), ("lapsed", .lapsed), ("deregistered", .deregistered),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let found = FirmStatuses.named.first(where: { $0.0 == name }) else { return nil }
        self = found.1
    }

    /// The statuses of a firm counted alone; `eligibility` as the tally was given it.
    init(_ firm: Enterprise, asOf day: Day, eligibility: Eligibility?) {
        var one = Tally(asOf: day, by: .district, eligibilityComputed: eligibility != nil)
        one.add(firm, eligibility: eligibility ?? .none)
        let group = one.total
        var statuses: FirmStatuses = []
        if one.deregistered > 0 { statuses.insert(.deregistered) }
        if group.certified.total > 0 { statuses.insert(.certified) }
        if group.eligible.total > 0 { statuses.insert(.eligible) }
        if group.pipeline.total > 0 { statuses.insert(.pipeline) }
        if group.auditRisk.total > 0 { statuses.insert(.risk) }
        if group.undeterminedCertified > 0 { statuses.insert(.undetermined) }
        if group.lapsed > 0 { statuses.insert(.lapsed) }
        self = statuses
    }

    var names: [String] { FirmStatuses.named.filter { contains($0.1) }.map(\.0) }
}

/// One firm as lists and search show it; built once per snapshot.
struct FirmRow: Sendable {
    var id: String
    var name: String
    /// The district key the tally counts the firm under (retired codes mapped to their successor).
    var district: String
    var certified: Tier?
    var eligible: Tier?
    var statuses: FirmStatuses
}
