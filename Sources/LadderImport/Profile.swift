import LadderCore
import XMLStream

/// A mapping profile: how another registry export layout (other element names, Chinese tags, other
/// encodings, 万元 amounts, 是/否 booleans, district names) maps onto the registry model.
///
/// A profile is a data file (`urn:techladder:profile:1`, validated by `Profiles/schema/profile.xsd`),
/// so a new layout needs no recompiling. Load one with `Profile.load(file:schema:)` and import with
/// `ProfileImporter`.
public struct Profile: Sendable {
    /// The namespace of profile files.
    public static let namespace = "urn:techladder:profile:1"

    /// The profile's id, e.g. `district-bureau`.
    public let id: String
    /// A human name for the layout.
    public let name: String
    /// The profile file, as named when loaded (used in every message that points into the profile).
    public let file: String
    /// The local name of the data files' root element, used to detect the profile.
    public let rootElement: String
    /// The path of the record element from the root, e.g. `企业名录/企业`.
    public let recordPath: String
    /// The encoding the layout's files are usually written in (a note: files are decoded by what
    /// their XML declaration says).
    public let encoding: String?
    /// The number of field mappings.
    public var fieldCount: Int { fields.count }

    // The compiled form, read by `ProfileHandler`.
    let fields: [ProfileField]
    let nodes: [ProfileNode]
    let elementNames: [String]
    let attributeNames: [String]
    let translations: [ProfileTranslation]
    /// Constant fields applied when their scope's element starts.
    let constants: [ProfileScope: [Int]]
    /// The attribute whose value groups consecutive record elements into one firm (a token of
    /// `attributeNames`), and the profile line that says so.
    let groupBy: (token: Int, name: String, line: Int)?
    let unmapped: UnmappedPolicy
    /// Field indexes by target, for messages about missing values.
    let fieldFor: [ProfileTarget: Int]
    /// The line of the `<Record>` element.
    let recordLine: Int
    /// Default unit of finance amounts (scale 1 or 10,000), from `<Finance unit="…">`.
    let defaultScale: Int64
}

/// What to do with an element inside a record that the profile does not map.
enum UnmappedPolicy: String, Sendable {
    case ignore, warn, reject
}

/// One `<Field>` of a profile, compiled.
struct ProfileField: Sendable {
    var target: ProfileTarget
    var scope: ProfileScope
    /// The format-1 name (`to`), for messages.
    var to: String
    /// The source path (`from`), for messages; empty for a constant.
    var from: String
    /// A constant value instead of a source path.
    var constant: [UInt8]?
    var translation: Int?
    var dates: [ProfileDateFormat]
    /// The line of the `<Field>` in the profile.
    var line: Int
}

/// A node of the profile's path tree: an element that the profile reads or passes through.
struct ProfileNode: Sendable {
    var name: Int
    var depth: Int
    var children: [(token: Int, node: Int)] = []
    /// Attribute-name token to field index.
    var attributes: [(token: Int, field: Int)] = []
    /// Fields filled from the element's text.
    var textFields: [Int] = []
    var isRecord = false
    var isFinance = false
    var fact: FactKind?
    /// Whether the node is inside (or is) the record element.
    var inRecord = false

    func child(_ token: Int) -> Int? {
        for entry in children where entry.token == token { return entry.node }
        return nil
    }
}

/// A value translation table (`<Translation>`): source values to format-1 values.
struct ProfileTranslation: Sendable {
    var id: String
    var entries: [(from: [UInt8], to: [UInt8])]
    /// Also accept Qingdao district and zone names (`District.code(named:)`) and 6-digit codes.
    var districtNames: Bool
    /// Keep values that have no entry, instead of rejecting the record.
    var keepOthers: Bool
    var line: Int
}

/// A date form such as `YYYY年M月D日`: `YYYY` four digits, `MM`/`DD` two, `M`/`D` one or two,
/// anything else literal.
struct ProfileDateFormat: Sendable, CustomStringConvertible {
    enum Token: Sendable {
        case year, month(fixed: Bool), day(fixed: Bool), literal([UInt8])
    }

    var tokens: [Token]
    var description: String
    init?(_ pattern: String) {
        description = pattern
        tokens = []
        var rest = Substring(pattern)
        var sawYear = false, sawMonth = false, sawDay = false
        while !rest.isEmpty {
            if rest.hasPrefix("YYYY") {
                tokens.append(.year)
                sawYear = true
                rest = rest.dropFirst(4)
            } else if rest.hasPrefix("MM") || rest.hasPrefix("DD") {
                let isMonth = rest.hasPrefix("MM")
                tokens.append(isMonth ? .month(fixed: true) : .day(fixed: true))
                if isMonth { sawMonth = true } else { sawDay = true }
                rest = rest.dropFirst(2)
            } else if rest.first == "M" || rest.first == "D" {
                let isMonth = rest.first == "M"
                tokens.append(isMonth ? .month(fixed: false) : .day(fixed: false))
                if isMonth { sawMonth = true } else { sawDay = true }
                rest = rest.dropFirst()
            } else if let character = rest.first {
                let bytes = Array(String(character).utf8)
                if case .literal(let previous)? = tokens.last {
                    tokens[tokens.count - 1] = .literal(previous + bytes)
                } else {
                    tokens.append(.literal(bytes))
                }
                rest = rest.dropFirst()
            }
        }
        guard sawYear, sawMonth, sawDay else { return nil }
    }
}
