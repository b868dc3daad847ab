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
        if trimmed.count >= 2, prefixed.count == 1 {
            code = prefixed[0].code
            return
        }
        // The start of a retired name (胶南 for 胶南市) means its successor too.
        let retired = District.retired.values.filter { $0.name.hasPrefix(trimmed) }
        guard trimmed.count >= 2, prefixed.isEmpty, retired.count == 1, let only = retired.first else { return nil }
        code = only.successor
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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let matches = District.qingdao.filter { !trimmed.isEmpty && $0.name.hasPrefix(trimmed) }
        if matches.count > 1 {
            let names = matches.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
            return "ambiguous district '\(text)': it starts \(names); give more of the name or the code"
        }
        let known = District.qingdao.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
        return "unknown district '\(text)'; known districts: \(known) (retired codes 370205, 370284, 370282 count under their successor)"
    }
}
