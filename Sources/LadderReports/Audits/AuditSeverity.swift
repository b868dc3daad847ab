import LadderCore

/// How urgent an audit finding is, most urgent first.
///
/// - `high`: wrong on its face or costs public money (a certified high-tech firm failing a condition, a
///   check digit that does not compute, more tech staff than staff).
/// - `medium`: needs a person to look (an expired certificate still listed, a retired district code).
/// - `low`: worth knowing, often normal (a firm registered in another district than it sits in now).
/// - `info`: an opportunity rather than an error (an uncertified firm that already qualifies).
public enum AuditSeverity: Int, CaseIterable, Comparable, Sendable {
    case high = 0, medium, low, info

    /// The lower-case English name used in JSON and CSV.
    public var name: String {
        switch self {
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        case .info: "info"
        }
    }

    /// The Chinese label used in text tables.
    public var chineseName: String {
        switch self {
        case .high: "高"
        case .medium: "中"
        case .low: "低"
        case .info: "提示"
        }
    }

    public static func < (a: AuditSeverity, b: AuditSeverity) -> Bool { a.rawValue < b.rawValue }
}

/// Small helpers shared by the audit renderers.
enum AuditFormatting {
    /// `370212 崂山区`, or the bare code when it is not in the table.
    static func district(_ code: String) -> String {
        District.name(of: code).map { "\(code) \($0)" } ?? code
    }

    /// The Chinese district name, or an empty string.
    static func districtName(_ code: String) -> String { District.name(of: code) ?? "" }

    /// A position as `file:line:column`, or an empty string.
    static func position(_ position: SourcePosition?) -> String { position?.description ?? "" }
}
