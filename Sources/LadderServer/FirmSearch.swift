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

    /// Whether a firm passes every filter. The query matches a substring of the name (Chinese as
    /// typed, Latin letters in any case) or the start of the credit code.
    func matches(_ firm: FirmRow) -> Bool {
        if let district, firm.district != district { return false }
        if let status, !firm.statuses.contains(status) { return false }
        if let rung {
            // A rung filter with a status reads the rung that status counts at; alone, the certified rung.
            let counted = status.map { [.pipeline, .eligible].contains($0) } == true ? firm.eligible : firm.certified
            if counted != rung { return false }
        }
        if let query {
            if !firm.id.hasPrefix(query.uppercased()) && firm.name.range(of: query, options: .caseInsensitive) == nil { return false }
        }
        return true
    }

    /// The page of matching firms and how many match in all.
    func run(_ facts: SnapshotFacts) -> (rows: [FirmRow], total: Int) {
        var total = 0
        var rows: [FirmRow] = []
        let start = (page - 1) * perPage
        let scope = Visitor.current?.scope  // firm lists show only the visitor's districts
        for firm in facts.firms where matches(firm) && scope.map({ $0.canSeeFirms(in: firm.district) }) != false {
            if total >= start && rows.count < perPage { rows.append(firm) }
            total += 1
        }
        return (rows, total)
    }
}
