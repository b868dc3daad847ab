import LadderCore

/// Firms per rung, each firm counted once at one rung, and the number of distinct firms.
public struct RungCounts: Hashable, Sendable {
    /// Firms whose rung is tech SME.
    public var techSME = 0
    /// Firms whose rung is high-tech.
    public var highTech = 0
    /// Firms whose rung is leading.
    public var leading = 0

    /// Empty counts.
    public init() {}

    /// Counts with given values per rung.
    public init(techSME: Int, highTech: Int, leading: Int) {
        self.techSME = techSME
        self.highTech = highTech
        self.leading = leading
    }

    /// Distinct firms: the sum over rungs (each firm sits on one rung).
    public var total: Int { techSME + highTech + leading }

    /// The count on a rung.
    public subscript(tier: Tier) -> Int {
        get {
            switch tier {
            case .techSME: techSME
            case .highTech: highTech
            case .leading: leading
            }
        }
        set {
            switch tier {
            case .techSME: techSME = newValue
            case .highTech: highTech = newValue
            case .leading: leading = newValue
            }
        }
    }

    /// Adds one firm on a rung.
    @inline(__always)
    public mutating func add(_ tier: Tier) { self[tier] += 1 }

    /// The sum of two counts.
    public static func + (a: RungCounts, b: RungCounts) -> RungCounts {
        RungCounts(techSME: a.techSME + b.techSME, highTech: a.highTech + b.highTech, leading: a.leading + b.leading)
    }
}

/// What the rules engine says about one firm, as the tally needs it.
///
/// The tally does not compute eligibility; the caller passes it per firm, so a tally does not depend on
/// how the rules are evaluated (a rules engine, a database of stored verdicts, or a test table).
public struct Eligibility: Hashable, Sendable {
    /// The highest rung the rules say the firm qualifies for, or nil.
    public var tier: Tier?
    /// The rungs whose verdict could not be decided from what is on record.
    public var undetermined: Set<Tier>

    /// Creates an eligibility.
    /// - Parameters:
    ///   - tier: the highest rung the firm qualifies for.
    ///   - undetermined: rungs whose verdict is undetermined (not counted as audit risk).
    public init(_ tier: Tier?, undetermined: Set<Tier> = []) {
        self.tier = tier
        self.undetermined = undetermined
    }

    /// No rung qualifies and every verdict is decided.
    public static let none = Eligibility(nil)
}

/// How the tally groups firms.
public enum Grouping: String, CaseIterable, Sendable, Codable {
    /// By GB/T 2260 county-level district (retired codes counted under their successor by the importer).
    case district
    /// By functional zone (e.g. 370271 高新区); firms outside any zone form their own group.
    case zone
    /// By GB/T 4754-2017 section (门类, the letter of the industry class).
    case industry
    /// By the eight 国家重点支持的高新技术领域.
    case domain

    /// The Chinese heading of the group column.
    public var heading: String {
        switch self {
        case .district: "区市"
        case .zone: "功能区"
        case .industry: "行业门类"
        case .domain: "技术领域"
        }
    }
}
