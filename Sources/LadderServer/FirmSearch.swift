import Hummingbird
import LadderCore
import LadderReports

/// `?q=&district=&rung=&status=&page=&perPage=`: which firms of a snapshot a list shows.
struct FirmSearch: Sendable {
    var query: String?
    var district: String?
    var rung: Tier?
    var status: FirmStatuses?
    var page = 1
    var perPage = 50
    /// `status=all` was asked for (a district page otherwise picks a status).
    var allStatuses = false

    static let maxPerPage = 500

    init(query: String? = nil, district: String? = nil, rung: Tier? = nil, status: FirmStatuses? = nil) {
        self.query = query
        self.district = district
        self.rung = rung
        self.status = status
    }

    /// Reads the filters from a request.
    /// - Throws: `ServerError.badRequest` naming the parameter that is wrong.
    init(_ request: Request) throws {
        let parameters = request.uri.queryParameters
        let q = parameters.get("q")?.trimmingCharacters(in: .whitespaces)
        query = q?.isEmpty == false ? q : nil
        district = parameters.get("district").flatMap { $0.isEmpty ? nil : $0 }
        if let text = parameters.get("rung"), !text.isEmpty {
            guard let tier = Tier(rawValue: text) else {
                throw ServerError.badRequest("rung must be tech-sme, high-tech or leading, not '\(text)'")
            }
            rung = tier
        }
        if parameters.get("status") == "all" {
            allStatuses = true
        } else if let text = parameters.get("status"), !text.isEmpty {
            guard let found = FirmStatuses(name: text) else {
                let names = FirmStatuses.named.map(\.0).joined(separator: ", ")
                throw ServerError.badRequest("status must be all, \(names), not '\(text)'")
            }
            status = found
        }
        if let text = parameters.get("page") {
            guard let value = Int(text), value >= 1 else { throw ServerError.badRequest("page must be a whole number ≥ 1, not '\(text)'") }
            page = value
        }
        if let text = parameters.get("perPage") {
            guard let value = Int(text), (1...Self.maxPerPage).contains(value) else {
                throw ServerError.badRequest("perPage must be a whole number from 1 to \(Self.maxPerPage), not '\(text)'")
            }
            perPage = value
        }
    }

    /// Whether a firm of this standing passes the status (`wanted`, the same figure) and rung filters.
    /// `readsEligible`: the rung filter reads the eligible rung (see `run`).
    private func passes(_ standing: FirmStanding, _ wanted: TallyStatus?, readsEligible: Bool) -> Bool {
        if let wanted, !standing.isCounted(as: wanted) { return false }
        if let rung, (readsEligible ? standing.eligible : standing.certified) != rung { return false }
        return true
    }

    /// The page of matching firms and how many match in all. A district filter reads only that
    /// district's firms; the query matches a substring of the name (Chinese as typed, Latin letters in
    /// any case) or the start of the credit code (found by binary search of the id order). A list no
    /// filter narrows (no status, rung or hidden district) is counted and paged without reading its firms.
    func run(_ roster: FirmRoster) -> (rows: [FirmRow], total: Int) {
        let scope = Visitor.current?.scope  // firm lists show only the visitor's districts
        let visible: [Bool] = roster.districts.map { district in
            (self.district == nil || district == self.district) && scope.map { $0.canSeeFirms(in: district) } != false
        }
        let allVisible = !visible.contains(false)
        let wanted = status?.names.first.flatMap(TallyStatus.init(rawValue:))
        let judged = wanted != nil || rung != nil
        // A rung filter with a status reads the rung that status counts at; alone, the certified rung.
        let readsEligible = status == .pipeline || status == .eligible
        // A page past any list (even one whose first firm's number overflows an Int) is empty.
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? Int.max : product
        var total = 0
        var positions: [Int] = []
        func consider(_ position: Int) {
            guard visible[roster.districtSlot(position)], passes(roster.standings[position], wanted, readsEligible: readsEligible) else { return }
            if total >= start && positions.count < perPage { positions.append(position) }
            total += 1
        }
        /// Every firm of `list` matches: only the page's part is read.
        func take(_ list: ArraySlice<Int32>) {
            let skip = max(0, start - total)
            if skip < list.count && positions.count < perPage {
                positions += list.dropFirst(skip).prefix(perPage - positions.count).map { Int($0) }
            }
            total += list.count
        }
        /// The firms of `list` that pass the filters; `listVisible`: every firm of it is in a visible district.
        func considerAll(_ list: ArraySlice<Int32>, listVisible: Bool) {
            if listVisible && !judged { take(list) } else { for position in list { consider(Int(position)) } }
        }
        if let query {
            let needle = FirmRoster.needle(query)
            let code = query.uppercased()
            let codeBytes = Array(code.utf8)
            // Firms whose code starts with the query come first (in code order), then the other firms
            // whose names contain it (in snapshot order).
            considerAll(roster.positions(idPrefix: code), listVisible: allVisible)
            func byName(_ position: Int, checked: Bool) -> Bool {
                !roster.id(position, startsWith: codeBytes) && (checked || roster.name(position, contains: needle))
            }
            if let indexed = roster.nameIndex.candidates(query) {
                // The firms holding the query's rarest character pair; a two-character query needs no check.
                for position in indexed.firms where byName(Int(position), checked: indexed.exact) { consider(Int(position)) }
            } else if let district {
                for position in roster.positions(inDistrict: district) where byName(Int(position), checked: false) {
                    consider(Int(position))
                }
            } else {
                for position in 0..<roster.count where byName(position, checked: false) { consider(position) }
            }
        } else if let district {
            let slot = roster.districts.firstIndex(of: district)
            let listVisible = slot.map { visible[$0] } ?? true
            if listVisible, rung == nil, let wanted {
                // A district's firms under one status (the district page's lists): kept per snapshot.
                take(roster.positions(inDistrict: district, countedAs: wanted)[...])
            } else {
                considerAll(roster.positions(inDistrict: district)[...], listVisible: listVisible)
            }
        } else if allVisible && !judged {
            total = roster.count
            if start < total { positions = Array(start..<(start + min(perPage, total - start))) }
        } else {
            for position in 0..<roster.count { consider(position) }
        }
        return (positions.map { FirmRow(roster, $0) }, total)
    }
}
