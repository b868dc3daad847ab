import LadderCore

/// The rows every tally renderer prints, so that table, CSV, JSON, Markdown and HTML show the same
/// numbers: one row per group in report order, then the total.
public struct TallyRows: Sendable {
    /// One printed row.
    public struct Row: Sendable {
        /// Group key (district code, zone code, industry section, domain), or the city code for the total.
        public var code: String
        /// Chinese name.
        public var name: String
        /// The group's figures.
        public var figures: GroupTally
        /// The group's own target, else the city's (shown for reference; share and gap use only an own target).
        public var target: Quantity?
        /// Whether `target` is the group's own target (so share and gap are meaningful).
        public var ownTarget: Bool
        /// Certified count ÷ the group's own target (the city target for the total); nil without one.
        public var share: Double?
        /// Certified count ÷ the city's certified total (1 for the total row).
        public var shareOfCity: Double?
        /// Target − certified count, when the target is the row's own.
        public var gap: Int?
    }

    /// The tally the rows come from.
    public var tally: Tally
    /// The groups, in report order.
    public var rows: [Row]
    /// The total over all groups (distinct firms).
    public var total: Row
    /// The city target for technology enterprises, if known.
    public var cityTarget: Quantity?
    /// The plan year.
    public var targetYear: Int?
    /// Extra lines for the footer, e.g. where eligibility came from (a database's stored verdicts).
    public var notes: [String] = []

    /// Builds the rows of a tally.
    /// - Parameters:
    ///   - tally: the tally.
    ///   - targets: the city's targets (for share and gap); nil to leave them out.
    public init(_ tally: Tally, targets: Targets?) {
        self.tally = tally
        let city = targets?.target(for: .techEnterprises)?.value
        cityTarget = city
        targetYear = targets?.year
        let cityCount = tally.total.certified.total
        func row(code: String, name: String, figures: GroupTally, own: Quantity?) -> Row {
            let count = figures.certified.total
            let share = own.flatMap { $0.units > 0 ? Double(count) / Double($0.units) : nil }
            let gap = own.map { Int($0.units) - count }
            let ofCity = cityCount > 0 ? Double(count) / Double(cityCount) : nil
            return Row(code: code, name: name, figures: figures, target: own ?? city, ownTarget: own != nil,
                       share: share, shareOfCity: ofCity, gap: gap)
        }
        rows = tally.orderedKeys.map { key in
            let own = tally.grouping == .district || tally.grouping == .zone
                ? targets?.districtTarget(.techEnterprises, district: key) : nil
            return row(code: key, name: GroupNames.name(of: key, by: tally.grouping), figures: tally.group(key), own: own)
        }
        let region = targets?.region ?? District.qingdaoCode
        total = row(code: region, name: "全市合计", figures: tally.total, own: city)
    }

    /// The district a `--district` tally is restricted to (`restrict(to:targets:)`), by name.
    public private(set) var scopeName: String?

    /// The rows followed by the total.
    public var all: [Row] { rows + [total] }

    /// The footer lines: counting rules and what was left out.
    public var footer: [String] { footer(.zh) }

    /// The footer lines in a language: counting rules, what was left out, then `notes`.
    public func footer(_ language: Language) -> [String] {
        let t = tally
        let total = t.total
        var lines = CountingRules.lines(asOf: t.asOf, eligibilityComputed: t.eligibilityComputed, language: language)
        let deregistered = Format.grouped(t.deregistered), holding = Format.grouped(total.deregisteredCertified)
        let lapsed = Format.grouped(total.lapsed)
        lines.append(language.pick(
            "未计入：已注销企业 \(deregistered) 家（其中仍持有效证书 \(holding) 家）；证书全部过期、撤销或尚未颁发的存续企业 \(lapsed) 家。",
            "Not counted: \(deregistered) deregistered firms (\(holding) still holding a valid certificate); "
                + "\(lapsed) active firms whose certificates were all expired, revoked or not yet issued."))
        if t.eligibilityComputed && total.undeterminedCertified > 0 {
            let undetermined = Format.grouped(total.undeterminedCertified)
            lines.append(language.pick(
                "待定：\(undetermined) 家已认定企业缺少判定层级所需的数据（不计入认定不符）。",
                "Undetermined: \(undetermined) certified firms lack data to decide their rung (not counted as audit risk)."))
        }
        // Districts with no record at all: a file not (yet) received, not a district with no firms.
        let silent = t.grouping == .district && scopeName == nil && t.firmsRead > 0
            ? rows.filter { $0.figures.activeFirms == 0 && $0.figures.deregisteredFirms == 0 } : []
        if !silent.isEmpty {
            let names = silent.map { "\($0.name) \($0.code)" }
            lines.append(language.pick(
                "无记录：\(names.joined(separator: "、")) 在本次数据中没有任何企业记录（未报送？），其数字为 0。",
                "No records: \(names.joined(separator: ", ")) have no firm in this data (not reported?); their figures read 0."))
        }
        return lines + notes
    }
}

extension TallyRows {
    /// The rows of a tally of one district's firms (`--district`): grouped by district, that
    /// district's row alone, which is also the total; otherwise the groups with firms in them and a
    /// total named after the district, measured against the district's own target when it has one.
    public mutating func restrict(to district: DistrictFilter, targets: Targets?) {
        let own = targets?.districtTarget(.techEnterprises, district: district.code)
        if tally.grouping == .district, let row = rows.first(where: { $0.code == district.code }) {
            rows = [row]
            total = row
        } else {
            rows = rows.filter { $0.figures != GroupTally() }
            total.target = own
            total.ownTarget = own != nil
            let count = total.figures.certified.total
            total.share = own.flatMap { $0.units > 0 ? Double(count) / Double($0.units) : nil }
            total.gap = own.map { Int($0.units) - count }
        }
        total.code = district.code
        total.name = district.name + "合计"
        scopeName = district.name
        // Only the district's records were read, so its share of the city is not known here.
        for index in rows.indices { rows[index].shareOfCity = nil }
        total.shareOfCity = nil
    }
}
