import LadderCore
import LadderReports

/// The tally figures a firm is counted in, as a set: read from its `FirmStanding` (LadderReports), the
/// classification `Tally` counts through and `techladder firms` lists through, so a firm listed behind
/// a district's count is exactly a firm that count includes.
struct FirmStatuses: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let certified = FirmStatuses(rawValue: 1)
    static let eligible = FirmStatuses(rawValue: 2)
    static let pipeline = FirmStatuses(rawValue: 4)
    static let risk = FirmStatuses(rawValue: 8)
    static let undetermined = FirmStatuses(rawValue: 16)
    static let lapsed = FirmStatuses(rawValue: 32)
    static let deregistered = FirmStatuses(rawValue: 64)

    /// The names used in URLs and JSON (`?status=pipeline`), in display order: `TallyStatus`'s names.
    static let named: [(String, FirmStatuses)] = [
        ("certified", .certified), ("eligible", .eligible), ("pipeline", .pipeline), ("risk", .risk),
        ("undetermined", .undetermined), ("lapsed", .lapsed), ("deregistered", .deregistered),
    ]

    /// Each status with the tally figure of the same name.
    static let figures: [(TallyStatus, FirmStatuses)] = named.compactMap { name, status in
        TallyStatus(rawValue: name).map { ($0, status) }
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let found = FirmStatuses.named.first(where: { $0.0 == name }) else { return nil }
        self = found.1
    }

    /// The figures a firm of this standing is counted in.
    init(_ standing: FirmStanding) {
        var statuses: FirmStatuses = []
        for (figure, status) in FirmStatuses.figures where standing.isCounted(as: figure) { statuses.insert(status) }
        self = statuses
    }

    var names: [String] { FirmStatuses.named.filter { contains($0.1) }.map(\.0) }
}

/// One firm as lists and search show it, read from the snapshot's roster.
struct FirmRow: Sendable {
    var id: String
    var name: String
    /// The district key the tally counts the firm under.
    var district: String
    var certified: Tier?
    var eligible: Tier?
    var statuses: FirmStatuses

    init(_ roster: FirmRoster, _ position: Int) {
        let standing = roster.standings[position]
        id = roster.id(position)
        name = roster.name(position)
        district = roster.district(position)
        certified = standing.certified
        eligible = standing.eligible
        statuses = FirmStatuses(standing)
    }
}
