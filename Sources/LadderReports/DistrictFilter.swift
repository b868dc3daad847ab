import Foundation
import LadderCore

/// One district chosen on the command line (`--district 370212`, `崂山区` or `崂山`): retired codes
/// and names mean their successor, so a firm filed under 370282 即墨市 counts in 370215 即墨区.
public struct DistrictFilter: Hashable, Sendable {
    /// The current district code.
    public let code: String

    /// Resolves a code or a Chinese name (full, or its first characters); nil when no district matches.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let current = District.qingdao.map(\.code)
        if current.contains(trimmed) { code = trimmed; return }
        if let retired = District.retired[trimmed] { code = retired.successor; return }
        if let exact = District.qingdao.first(where: { $0.name == trimmed }) { code = exact.code; return }
        if let retired = District.retired.first(where: { $0.value.name == trimmed }) { code = retired.value.successor; return }
        let prefixed = District.qingdao.filter { $0.name.hasPrefix(trimmed) }
        guard trimmed.count >= 2, prefixed.count == 1 else { return nil }
        code = prefixed[0].code
    }

    /// The Chinese name of the district.
    public var name: String { District.name(of: code) ?? code }

    /// Whether a firm's district code (as imported, or a retired code) is this district.
    @inline(__always)
    public func contains(_ district: String) -> Bool {
        district == code || District.retired[district]?.successor == code
    }

    /// The message for a district that matches none: every known district, code and name.
    public static func unknown(_ text: String) -> String {
        let known = District.qingdao.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
        return "unknown district '\(text)'; known districts: \(known) (retired codes 370205, 370284, 370282 count under their successor)"
    }
}
