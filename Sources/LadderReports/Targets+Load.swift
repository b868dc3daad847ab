import LadderCore
import XMLStream

/// Why a targets file could not be used, with the position of the offending element.
public struct TargetsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as named when loading.
    public var file: String
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int
    /// What is wrong, in one sentence.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

extension Targets {
    /// The namespace of targets files.
    public static let namespace = "urn:techladder:targets:1"

    /// The shipped targets file: `Rules/targets.xml` or `Rules/targets/targets.xml`, found at run time.
    public static func locateDefault() -> String? {
        ProjectFiles.locate("Rules/targets.xml") ?? ProjectFiles.locate("Rules/targets/targets.xml")
    }

    /// Loads a targets file.
    /// - Parameter path: the file.
    /// - Returns: the targets, baselines, references and district targets.
    /// - Throws: `TargetsError` with file, line and column for XML errors and for invalid content.
    public static func load(file path: String) throws(TargetsError) -> Targets {
        let root: XMLNode
        do {
            root = try XMLNode.load(file: path)
        } catch {
            throw TargetsError(file: error.file, line: error.line, column: error.column, message: error.message)
        }
        return try build(root, file: path)
    }

    /// Parses a targets document held in memory (tests, tools).
    /// - Throws: `TargetsError` as for `load(file:)`.
    public static func parse(_ text: String, name: String) throws(TargetsError) -> Targets {
        let root: XMLNode
        do {
            root = try XMLNode.parse(text, name: name)
        } catch {
            throw TargetsError(file: error.file, line: error.line, column: error.column, message: error.message)
        }
        return try build(root, file: name)
    }

    static func build(_ root: XMLNode, file: String) throws(TargetsError) -> Targets {
        let reader = TargetsReader(file: file)
        guard root.name == "Targets", root.namespace == namespace else {
            throw reader.error(root, "the root must be <Targets xmlns=\"\(namespace)\">, found <\(root.name)>")
        }
        let year = try reader.year(root, "year")
        let baselineYear = try reader.year(root, "baselineYear")
        guard baselineYear < year else { throw reader.error(root, "baselineYear must be before year") }
        var targets: [IndicatorTarget] = []
        var districtTargets: [DistrictTarget] = []
        var source: String?
        for child in root.children {
            guard child.namespace == namespace else { continue }  // extensions in other namespaces
            switch child.name {
            case "Source": source = child.text.trimmedSpaces
            case "Target":
                let target = try reader.target(child, baselineYear: baselineYear)
                if targets.contains(where: { $0.indicator == target.indicator }) {
                    throw reader.error(child, "indicator \(target.indicator.rawValue) has two targets")
                }
                targets.append(target)
            case "DistrictTarget":
                let indicator = try reader.indicator(child)
                let district = try reader.required(child, "district")
                guard district.count == 6, district.allSatisfy(\.isASCIIDigit) else {
                    throw reader.error(child, "district must be a 6-digit GB/T 2260 code, not '\(district)'")
                }
                let value = try reader.quantity(child, indicator: indicator)
                districtTargets.append(DistrictTarget(indicator: indicator, district: district, value: value))
            default:
                throw reader.error(child, "unknown element <\(child.name)>; expected Source, Target or DistrictTarget")
            }
        }
        for indicator in Indicator.allCases where !targets.contains(where: { $0.indicator == indicator }) {
            throw reader.error(root, "no <Target indicator=\"\(indicator.rawValue)\">; all five indicators need a target")
        }
        return Targets(plan: try reader.required(root, "plan"), source: source,
                       region: root["region"] ?? District.qingdaoCode, year: year, baselineYear: baselineYear,
                       targets: targets, districtTargets: districtTargets)
    }
}

/// Reads attributes of a targets file, throwing positioned errors.
struct TargetsReader {
    var file: String

    func error(_ node: XMLNode, _ message: String) -> TargetsError {
        TargetsError(file: file, line: node.line, column: node.column, message: message)
    }

    func required(_ node: XMLNode, _ name: String) throws(TargetsError) -> String {
        guard let value = node[name]?.trimmedSpaces, !value.isEmpty else {
            throw error(node, "<\(node.name)> needs a \(name) attribute")
        }
        return value
    }

    func year(_ node: XMLNode, _ name: String) throws(TargetsError) -> Int {
        let text = try required(node, name)
        guard let year = Int(text), (1900...2999).contains(year) else {
            throw error(node, "\(name) must be a year, not '\(text)'")
        }
        return year
    }

    func indicator(_ node: XMLNode) throws(TargetsError) -> Indicator {
        let text = try required(node, "indicator")
        guard let indicator = Indicator(rawValue: text) else {
            let known = Indicator.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(node, "unknown indicator '\(text)'; expected one of \(known)")
        }
        return indicator
    }

    func target(_ node: XMLNode, baselineYear: Int) throws(TargetsError) -> IndicatorTarget {
        let indicator = try indicator(node)
        let value = try quantity(node, indicator: indicator)
        let compare = node["compare"] ?? "more-than"
        guard compare == "more-than" || compare == "at-least" else {
            throw error(node, "compare must be more-than or at-least, not '\(compare)'")
        }
        var baseline = Baseline(year: baselineYear, status: .unknown, note: "no baseline given")
        var references: [Reference] = []
        for child in node.children {
            switch child.name {
            case "Baseline":
                let statusText = child["status"] ?? (child["value"] == nil ? "unknown" : "known")
                guard let status = Baseline.Status(rawValue: statusText) else {
                    throw error(child, "status must be known, derived or unknown, not '\(statusText)'")
                }
                let year = child["year"] == nil ? baselineYear : try self.year(child, "year")
                var value: Quantity?
                if status == .unknown {
                    if child["value"] != nil { throw error(child, "an unknown baseline has no value; remove value or set status") }
                } else {
                    value = try quantity(child, indicator: indicator)
                }
                baseline = Baseline(year: year, status: status, value: value, note: child["note"])
            case "Reference":
                let dateText = try required(child, "date")
                guard let date = Day(dateText) else { throw error(child, "date must be YYYY-MM-DD, not '\(dateText)'") }
                var part: Tier?
                if let partText = child["part"] {
                    guard let tier = Tier(rawValue: partText) else {
                        throw error(child, "part must be tech-sme, high-tech or leading, not '\(partText)'")
                    }
                    part = tier
                }
                references.append(Reference(date: date, value: try quantity(child, indicator: indicator),
                                            moreThan: child["qualifier"] == "more-than", part: part, note: child["note"]))
            default:
                throw error(child, "unknown element <\(child.name)> in <Target>; expected Baseline or Reference")
            }
        }
        return IndicatorTarget(indicator: indicator, name: node["name"] ?? indicator.defaultName, nameEn: node["nameEn"],
                               value: value, exceeds: compare == "more-than", note: node["note"], baseline: baseline,
                               references: references)
    }

    /// `value` in `unit`: counts for count indicators; 亿元, 万元 or 元 for money, kept exact in fen.
    func quantity(_ node: XMLNode, indicator: Indicator) throws(TargetsError) -> Quantity {
        let text = try required(node, "value")
        let unit = node["unit"] ?? (indicator.isMoney ? "亿元" : "count")
        if indicator.isMoney {
            let fenPerUnit: Int64
            switch unit {
            case "亿元": fenPerUnit = 10_000_000_000
            case "万元": fenPerUnit = 1_000_000
            case "元", "yuan": fenPerUnit = 100
            default: throw error(node, "unit of \(indicator.rawValue) must be 亿元, 万元 or 元, not '\(unit)'")
            }
            guard let fen = Self.decimal(text, times: fenPerUnit), fen >= 0 else {
                throw error(node, "value must be a non-negative decimal amount in \(unit), not '\(text)'")
            }
            return .money(Money(fen: fen))
        }
        guard ["count", "firms", "platforms", "brokers"].contains(unit) else {
            throw error(node, "unit of \(indicator.rawValue) must be a count (firms, platforms, brokers), not '\(unit)'")
        }
        guard let count = Int(text), count >= 0 else {
            throw error(node, "value must be a whole non-negative count, not '\(text)'")
        }
        return .count(count)
    }

    /// Exact decimal text times a power-of-ten scale, or nil when not exact or not a number.
    static func decimal(_ text: String, times scale: Int64) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), !parts[0].hasPrefix("+") else { return nil }
        var result = whole.multipliedReportingOverflow(by: scale)
        guard !result.overflow else { return nil }
        if parts.count == 2 {
            var fraction = scale
            for character in parts[1] {
                guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
                guard fraction % 10 == 0 else { return nil }  // finer than a fen
                fraction /= 10
                result.partialValue += Int64(digit) * fraction
            }
        }
        return result.partialValue
    }
}

extension String {
    var trimmedSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
