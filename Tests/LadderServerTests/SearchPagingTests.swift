import LadderAccounts
import LadderCore
import LadderReports
import Testing
@testable import LadderServer

/// The roster's binary searches and the search's counting shortcuts find, count and page exactly the
/// firms a plain scan of every firm finds.
@Suite("Firm search paging")
struct SearchPagingTests {
    /// A small deterministic generator (the roster must be the same on every run).
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    struct Firm { var id: String, name: String, district: String, standing: FirmStanding }

    static let districts = ["370202", "370203", "370211", "370212", "370285"]

    /// Firms with ids from a four-letter alphabet (so many ids share long prefixes), names holding
    /// common pieces, and every kind of standing.
    static let firms: [Firm] = {
        var random = Seeded(state: 42)
        let alphabet = Array("0A1B")
        let pieces = ["青岛", "科技", "海洋", "Abc", "材料", "有限公司", "9137"]
        var seen: Set<String> = []
        var firms: [Firm] = []
        while firms.count < 600 {
            let id = "9137" + String((0..<14).map { _ in alphabet[random.next(alphabet.count)] })
            guard seen.insert(id).inserted else { continue }
            let name = (0..<3).map { _ in pieces[random.next(pieces.count)] }.joined()
            let tiers: [Tier?] = [nil, .techSME, .highTech, .leading]
            let certified = tiers[random.next(4)]
            let eligible = tiers[random.next(4)]
            let undetermined: Set<Tier> = random.next(5) == 0 ? Set(certified.map { [$0] } ?? []) : []
            let standing = FirmStanding(active: random.next(10) != 0, certified: certified, hasCertificates: random.next(3) == 0,
                                        eligibility: Eligibility(eligible, undetermined: undetermined))
            firms.append(Firm(id: id, name: name, district: districts[random.next(districts.count)], standing: standing))
        }
        return firms
    }()

    static let roster: FirmRoster = {
        var roster = FirmRoster(capacity: firms.count)
        for firm in firms { roster.append(id: firm.id, name: firm.name, district: firm.district, standing: firm.standing) }
        roster.finish()
        return roster
    }()

    static let byID = firms.sorted { $0.id < $1.id }

    /// What a search lists on all its pages, by a scan of every firm: code matches in code order, then
    /// name matches in snapshot order, each through the filters.
    static func scan(_ search: FirmSearch, scope: AccessScope?) -> [String] {
        let wanted = search.status?.names.first.flatMap(TallyStatus.init(rawValue:))
        func passes(_ firm: Firm) -> Bool {
            guard search.district == nil || firm.district == search.district else { return false }
            if let scope, !scope.canSeeFirms(in: firm.district) { return false }
            if let wanted, !firm.standing.isCounted(as: wanted) { return false }
            if let rung = search.rung {
                let reading = [.pipeline, .eligible].contains(wanted) ? firm.standing.eligible : firm.standing.certified
                if reading != rung { return false }
            }
            return true
        }
        var listed: [Firm]
        if let query = search.query {
            let code = query.uppercased()
            listed = byID.filter { $0.id.hasPrefix(code) }
            listed += firms.filter { !$0.id.hasPrefix(code) && $0.name.range(of: query, options: .caseInsensitive) != nil }
        } else {
            listed = firms
        }
        return listed.filter(passes).map(\.id)
    }

    @Test("The firms whose code starts with a prefix, found by two binary searches, are the ones a scan finds, in code order")
    func prefixRuns() {
        var prefixes = ["9", "9137", "91370", "9137A", "9137B", "9138", "0", "Z", "9137ZZ"]
        for firm in Self.firms.prefix(40) { prefixes += (1...18).map { String(firm.id.prefix($0)) } }
        for prefix in prefixes {
            let found = Self.roster.positions(idPrefix: prefix).map { Self.roster.id(Int($0)) }
            let expected = Self.firms.map(\.id).filter { $0.hasPrefix(prefix) }.sorted()
            #expect(found == expected, "\(prefix)")
        }
        #expect(Self.roster.positions(idPrefix: "9137").count == Self.firms.count)
        #expect(Self.roster.positions(idPrefix: String(Self.firms[0].id) + "0").isEmpty)
    }

    @Test("Every page of a search, with and without filters and district scopes, lists and counts what a scan of every firm lists")
    func pagesEqualScan() async {
        let queries: [String?] = [nil, "9137", "9137a", "9137A0", String(Self.firms[7].id.prefix(9)), Self.firms[3].id, "科技", "abc", "青", "没有"]
        let statuses: [FirmStatuses?] = [nil, .certified, .pipeline, .risk, .undetermined, .lapsed, .deregistered, .eligible]
        let scopes: [AccessScope?] = [nil, AccessScope(role: .district, districts: ["370203", "370285"]), AccessScope(role: .viewer, districts: [])]
        for scope in scopes {
            let visitor = scope.map { Visitor(principal: $0.role == .viewer ? .viewer : .district, name: "t", scope: $0, csrfToken: "") }
            Visitor.$current.withValue(visitor) {
                for query in queries {
                    for district in [nil, "370203", "370211", "999999"] {
                        for status in statuses {
                            for rung in [nil, Tier.highTech] where rung == nil || status != .lapsed {
                                var search = FirmSearch(query: query, district: district, rung: rung, status: status)
                                let expected = Self.scan(search, scope: scope)
                                for perPage in [1, 7, 50] {
                                    search.perPage = perPage
                                    let pages = max(1, (expected.count + perPage - 1) / perPage)
                                    for page in Set([1, 2, pages, pages + 1]) {
                                        search.page = page
                                        let start = min(expected.count, (page - 1) * perPage)
                                        let expectedPage = Array(expected[start..<min(expected.count, start + perPage)])
                                        let found = search.run(Self.roster)
                                        #expect(found.rows.map(\.id) == expectedPage && found.total == expected.count,
                                                "q=\(query ?? "-") district=\(district ?? "-") status=\(status?.names.first ?? "-") rung=\(rung?.rawValue ?? "-") perPage=\(perPage) page=\(page) scope=\(scope?.role.rawValue ?? "-")")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("A page number whose first firm's number overflows an Int is an empty page with the true total")
    func hugePage() {
        for query in [nil, "9137", "科技"] {
            var search = FirmSearch(query: query)
            search.page = Int.max
            search.perPage = FirmSearch.maxPerPage
            let found = search.run(Self.roster)
            #expect(found.rows.isEmpty)
            #expect(found.total == Self.scan(FirmSearch(query: query), scope: nil).count)
        }
    }
}
