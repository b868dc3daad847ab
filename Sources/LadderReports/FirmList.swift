import Foundation
import LadderCore

/// One firm as `techladder firms` lists it: the firms behind each tally figure.
public struct FirmListEntry: Hashable, Sendable {
    /// Credit code (never shortened), name and district code.
    public var id: String, name: String, district: String
    /// Where the firm stands, as the tally counts it.
    public var standing: FirmStanding
    /// The tech-SME evaluation score's lower end, when computed (for `--sort score`).
    public var score: Double?

    /// Creates an entry.
    public init(id: String, name: String, district: String, standing: FirmStanding, score: Double? = nil) {
        self.id = id
        self.name = name
        self.district = district
        self.standing = standing
        self.score = score
    }
}

/// Which firms a list keeps: a district, a status (tally figure), a rung and part of a name.
public struct FirmListFilter: Sendable {
    public var district: DistrictFilter?
    public var status: TallyStatus?
    /// With a status: the rung that figure counts the firm at; without: its certified or eligible rung.
    public var rung: Tier?
    /// Part of the name (or of the credit code), as typed.
    public var name: String?

    public init(district: DistrictFilter? = nil, status: TallyStatus? = nil, rung: Tier? = nil, name: String? = nil) {
        self.district = district
        self.status = status
        self.rung = rung
        self.name = name
    }

    /// Whether an entry is kept.
    public func keeps(_ entry: FirmListEntry) -> Bool {
        if let district, !district.contains(entry.district) { return false }
        if let status, !entry.standing.isCounted(as: status) { return false }
        if let rung {
            if let status {
                if entry.standing.rung(for: status) != rung { return false }
            } else if entry.standing.certified != rung && entry.standing.eligible != rung {
                return false
            }
        }
        if let name, !name.isEmpty, !entry.name.contains(name), !entry.id.contains(name.uppercased()) { return false }
        return true
    }
}

/// How a list is ordered.
public enum FirmListSort: String, CaseIterable, Sendable {
    case name, district, rung, score

    /// Sorts entries; ties by credit code, so the order never depends on the input's.
    public func sorted(_ entries: [FirmListEntry]) -> [FirmListEntry] {
        entries.sorted { a, b in
            switch self {
            case .name: if a.name != b.name { return a.name < b.name }
            case .district: if a.district != b.district { return a.district < b.district }
            case .rung:
                let x = a.standing.certified?.rung ?? 0, y = b.standing.certified?.rung ?? 0
                if x != y { return x > y }
                let u = a.standing.eligible?.rung ?? 0, v = b.standing.eligible?.rung ?? 0
                if u != v { return u > v }
            case .score:
                if a.score != b.score { return (a.score ?? -.infinity) > (b.score ?? -.infinity) }
            }
            return a.id < b.id
        }
    }
}

/// Renders firm lists as a text table, CSV or JSON.
public enum FirmListRender {
    static func rung(_ tier: Tier?) -> String { tier.map { "\($0.chineseName) \($0.rawValue)" } ?? "—" }

    static func status(_ standing: FirmStanding) -> String {
        standing.status.map { "\($0.chineseName) \($0.rawValue)" } ?? "—"
    }

    /// A text table: the credit code in full, the name shortened to fit when long.
    public static func table(_ entries: [FirmListEntry], eligibilityComputed: Bool, title: String) -> String {
        // Every count a firm is in (a lapsed firm may also be in the pipeline), and the score a list sorted
        // by score was sorted by.
        let scored = entries.contains { $0.score != nil }
        var headers = ["统一社会信用代码 credit code", "企业名称 name", "区市 district", "认定 certified", "符合 eligible",
                       "状态 status", "计入 counted in"]
        if scored { headers.append("评价得分 score") }
        var table = TextTable(headers: headers, rightAligned: scored ? [headers.count - 1] : [])
        for entry in entries {
            var cells = [entry.id, DisplayWidth.clip(entry.name, to: 40),
                         "\(entry.district) \(District.name(of: entry.district) ?? "")",
                         rung(entry.standing.certified),
                         eligibilityComputed ? rung(entry.standing.eligible) : "未计算 not computed", status(entry.standing),
                         countedIn(entry.standing, chinese: true)]
            if scored { cells.append(entry.score.map { Format.fixed($0, decimals: 1) } ?? "—") }
            table.add(cells)
        }
        return title + "\n\n" + table.render() + "\n\n\(entries.count) 家企业 firms\n"
    }

    static let header = columns.map(\.key)

    /// Every tally figure a firm is counted in: codes (space-separated) or Chinese names (、).
    static func countedIn(_ standing: FirmStanding, chinese: Bool) -> String {
        let counted = TallyStatus.allCases.filter(standing.isCounted)
        return chinese ? counted.map(\.chineseName).joined(separator: "、") : counted.map(\.rawValue).joined(separator: " ")
    }

    /// One firm's cells: rungs and statuses as codes (JSON, English), or by their Chinese names for people
    /// reading Chinese.
    static func row(_ entry: FirmListEntry, chinese: Bool = false) -> [String] {
        let standing = entry.standing
        let rung = { (tier: Tier?) in (chinese ? tier?.chineseName : tier?.rawValue) ?? "" }
        return [entry.id, entry.name, entry.district, District.name(of: entry.district) ?? "",
                rung(standing.certified), rung(standing.eligible),
                (chinese ? standing.status?.chineseName : standing.status?.rawValue) ?? "",
                countedIn(standing, chinese: chinese),
                entry.score.map { String($0) } ?? ""]
    }

    /// The columns of the CSV and xlsx lists: Chinese labels, or in English the keys as in JSON (as the
    /// tally's and the audits' CSV headers are).
    static let columns: [TableColumn] = [
        TableColumn("id", "统一社会信用代码", nil, .id), TableColumn("name", "企业名称"),
        TableColumn("district", "区市代码", nil, .code), TableColumn("districtName", "区市"),
        TableColumn("certified", "认定层级", nil, .code), TableColumn("eligible", "符合层级", nil, .code),
        TableColumn("status", "状态", nil, .code), TableColumn("statuses", "计入的统计项"),
        TableColumn("score", "科技型中小企业评价得分", nil, .number),
    ]

    /// The list as a typed table, for CSV and xlsx (credit codes stay text in both).
    public static func reportTable(_ entries: [FirmListEntry], language: Language) -> ReportTable {
        ReportTable(name: language.pick("企业名单", "Firms"), columns: columns,
                    textRows: entries.map { row($0, chinese: language == .zh) })
    }

    /// CSV with a byte-order mark, header in `language`; credit codes kept as text for spreadsheets and
    /// cells a spreadsheet would run as formulas neutralised (`ReportTable.csv`).
    public static func csv(_ entries: [FirmListEntry], language: Language = .zh) -> String {
        reportTable(entries, language: language).csv(language)
    }

    /// A JSON document: the date, the filter and one object per firm.
    public static func json(_ entries: [FirmListEntry], asOf: Day, eligibilityComputed: Bool) -> String {
        var out = "{\"asOf\":"
        JSONString.quote(asOf.description, into: &out)
        out += ",\"eligibilityComputed\":\(eligibilityComputed),\"count\":\(entries.count),\"firms\":["
        for (index, entry) in entries.enumerated() {
            if index > 0 { out += "," }
            out += "\n{"
            for (key, (name, value)) in zip(header.indices, zip(header, row(entry))) {
                if key > 0 { out += "," }
                JSONString.quote(name, into: &out)
                out += ":"
                switch name {
                case "statuses":
                    out += "[" + value.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ",") + "]"
                case "score": out += entry.score.map { String($0) } ?? "null"
                case "certified", "eligible", "status":
                    if value.isEmpty { out += "null" } else { JSONString.quote(value, into: &out) }
                default: JSONString.quote(value, into: &out)
                }
            }
            out += "}"
        }
        return out + "\n]}\n"
    }
}
