import Foundation
import Hummingbird
import LadderCore
import LadderReports
import LadderStore

/// The HTML pages. Every page is a plain GET with its state in the path and query, so a link can be
/// pasted into a message.
struct PageRoutes: Sendable {
    let queries: RegistryQueries
    let pages: Pages

    func register(on router: Router<some RequestContext>) {
        router.get("/") { request, _ in try await overview(request) }
        router.get("districts/:code") { request, context in try await district(request, code: context.parameters.require("code")) }
        router.get("districts/:code/firms.csv") { request, context in
            try await districtCSV(request, code: context.parameters.require("code"))
        }
        router.get("firms") { request, _ in try await firms(request) }
        router.get("firms/:id") { request, context in try await firm(request, id: context.parameters.require("id")) }
        router.get("rules") { request, _ in rules(request) }
        router.get("rules/:id") { request, context in try rule(request, id: context.parameters.require("id")) }
        router.get("snapshots") { request, _ in try await snapshots(request) }
        router.get("static/style.css") { _, _ in Self.file(pages.style, type: "text/css; charset=utf-8") }
        router.get("static/sort.js") { _, _ in Self.file(pages.script, type: "text/javascript; charset=utf-8") }
    }

    static func file(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The snapshot (`?snapshot=DATE`, default the latest) and date (`?asOf=`) of a page, and their facts.
    func facts(_ request: Request) async throws -> SnapshotFacts {
        let snapshot = try await queries.snapshot(request.uri.queryParameters.get("snapshot"))
        return try await queries.facts(snapshot, asOf: try APIRoutes.asOf(request))
    }

    /// `snapshot=…&` to keep the chosen snapshot in links (empty for the latest).
    static func keep(_ request: Request) -> String {
        var parts: [String] = []
        for name in ["snapshot", "asOf"] {
            if let value = request.uri.queryParameters.get(name) { parts.append("\(name)=\(Self.encode(value))") }
        }
        return parts.isEmpty ? "" : parts.joined(separator: "&") + "&"
    }

    static func encode(_ text: String) -> String {
        // Ids and codes are plain ASCII letters, digits and `-._~`: nothing to encode, and Foundation's
        // encoder (a CFString round trip) was an eighth of a district page's time for its 200 links.
        if text.utf8.allSatisfy(isUnreservedASCII) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// An ASCII letter or digit, or `-._~` (each in `unreserved`, so left as it is).
    private static func isUnreservedASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    /// What `encode` leaves as it is (built once: a union of character sets is slow to make).
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    static func count(_ value: Int, computed: Bool = true, _ lang: Lang) -> String {
        computed ? Format.grouped(value) : lang.t("notComputed")
    }

    // MARK: 总览

    private func overview(_ request: Request) async throws -> Response {
        let lang = Lang(request)
        let facts = try await facts(request)
        let rows = try await queries.rows(facts)
        let progress = try await queries.progress(facts)
        // The charts and headline depend only on the tallies: drawn once per snapshot and trend.
        let trend = try await queries.history(before: facts.dated).map { "\($0.partIDs)" }.joined()
        let drawn = facts.rendered("overview " + trend, lang: "") {
            let report = HTMLReport(rows: rows, progress: progress)
            return ["headline": report.headline().joined(separator: "\n"), "funnel": report.funnelAndPipeline().joined(separator: "\n"),
                    "trends": report.trends().joined(separator: "\n")]
        }
        let computed = facts.eligibilityComputed
        let keep = Self.keep(request)
        let districts: [[String: Any]] = rows.all.map { row in
            let f = row.figures
            let isTotal = row.code == rows.total.code
            return [
                "code": row.code, "name": row.name, "link": lang.link("/districts/\(Self.encode(row.code))?\(keep)"),
                "isTotal": isTotal, "active": Format.grouped(f.activeFirms),
                "certified": Format.grouped(f.certified.total), "techSME": Format.grouped(f.certified.techSME),
                "highTech": Format.grouped(f.certified.highTech), "leading": Format.grouped(f.certified.leading),
                "eligible": Self.count(f.eligible.total, computed: computed, lang),
                "pipeline": Self.count(f.pipeline.total, computed: computed, lang),
                "risk": Self.count(f.auditRisk.total, computed: computed, lang),
                // A district's target and share only against its own target (the city's is not its goal).
                "target": (row.ownTarget || isTotal ? row.target : nil).map { Format.grouped($0.units) } ?? "—",
                "share": Format.percent(row.share), "ofCity": Format.percent(row.shareOfCity),
                "gap": row.gap.map { Format.grouped($0) } ?? "—",
            ]
        }
        let snapshots = try await queries.read { try $0.snapshotDates() }.map { dated -> [String: Any] in
            ["date": dated.exportedAt.description, "selected": dated.exportedAt == facts.dated.exportedAt]
        }
        let model: [String: Any] = [
            "asOf": facts.asOf.description, "plan": progress.targets.plan, "snapshots": snapshots,
            "headline": drawn["headline"] ?? "", "districts": districts.filter { !($0["isTotal"] as? Bool ?? false) },
            "total": districts.last ?? [:], "funnel": drawn["funnel"] ?? "", "trends": drawn["trends"] ?? "",
            "footer": rows.footer(lang.english ? .en : .zh) + queries.notes(facts, lang) + progress.notes,
            "english": lang.english,
        ]
        return pages.page("overview", title: lang.t("overview"), lang: lang, path: request.uri.description, model: model)
    }

    // MARK: Districts

    /// The statuses a district page lists, with the figure each equals in the tally.
    static func statusCounts(_ group: GroupTally, computed: Bool) -> [(String, Int?)] {
        [("certified", group.certified.total), ("eligible", computed ? group.eligible.total : nil),
         ("pipeline", computed ? group.pipeline.total : nil), ("risk", computed ? group.auditRisk.total : nil),
         ("undetermined", computed ? group.undeterminedCertified : nil), ("lapsed", group.lapsed)]
    }

    private func districtSearch(_ request: Request, code: String, facts: SnapshotFacts) throws -> FirmSearch {
        guard facts.tally.groups[code] != nil || GroupNames.fixedKeys(by: .district).contains(code) else {
            throw ServerError.notFound("no district with code \(code)")
        }
        var search = try FirmSearch(request)
        search.district = code
        if search.status == nil && !search.allStatuses { search.status = facts.eligibilityComputed ? .pipeline : .certified }
        if request.uri.queryParameters.get("perPage") == nil { search.perPage = 200 }
        return search
    }

    private func district(_ request: Request, code: String) async throws -> Response {
        let lang = Lang(request)
        let facts = try await facts(request)
        let search = try districtSearch(request, code: code, facts: facts)
        let group = facts.tally.group(code)
        let keep = Self.keep(request)
        let base = "/districts/\(Self.encode(code))"
        let chosen = search.status?.names.first ?? "all"
        var counts: [[String: Any]] = Self.statusCounts(group, computed: facts.eligibilityComputed).map { name, value in
            ["name": name, "label": lang.t(name), "value": value.map { Format.grouped($0) } ?? lang.t("notComputed"),
             "link": lang.link("\(base)?\(keep)status=\(name)"), "selected": name == chosen]
        }
        counts.append(["name": "all", "label": lang.t("all"), "value": "", "link": lang.link("\(base)?\(keep)status=all"),
                       "selected": chosen == "all"])
        let counted: [String: RungCounts] = ["certified": group.certified, "eligible": group.eligible,
                                             "pipeline": group.pipeline, "risk": group.auditRisk]
        let rungTable: [[String: Any]] = ["certified", "eligible", "pipeline", "risk"].map { name in
            let c = counted[name] ?? RungCounts()
            let shown = name == "certified" || facts.eligibilityComputed
            return ["label": lang.t(name), "techSME": shown ? Format.grouped(c.techSME) : "—",
                    "highTech": shown ? Format.grouped(c.highTech) : "—", "leading": shown ? Format.grouped(c.leading) : "—",
                    "total": shown ? Format.grouped(c.total) : "—"]
        }
        let page = search.run(facts.roster)
        let model: [String: Any] = [
            "code": code, "name": GroupNames.name(of: code, by: .district), "asOf": facts.asOf.description,
            "counts": counts, "rungTable": rungTable, "statusLabel": lang.t(chosen),
            "firmRows": FirmRowView.html(page.rows, lang: lang, keep: keep), "hasFirms": !page.rows.isEmpty, "total": Format.grouped(page.total),
            "csv": "\(base)/firms.csv?\(keep)status=\(chosen)",
            "pager": Pager(search: search, total: page.total, base: "\(base)?\(keep)status=\(chosen)&", lang: lang).model,
            "upload": Visitor.uploadForm(district: code).map { $0 as Any } ?? false,
        ]
        return pages.page("district", title: GroupNames.name(of: code, by: .district), lang: lang,
                          path: request.uri.description, model: model)
    }

    private func districtCSV(_ request: Request, code: String) async throws -> Response {
        let facts = try await facts(request)
        var search = try districtSearch(request, code: code, facts: facts)
        search.page = 1
        search.perPage = Int.max / 2
        let rows = search.run(facts.roster).rows
        var lines = [["id", "name", "district", "certified", "eligible", "statuses"]]
        for row in rows {
            lines.append([row.id, row.name, row.district, row.certified?.rawValue ?? "", row.eligible?.rawValue ?? "",
                          row.statuses.names.joined(separator: " ")].map { CSV.cell($0) })
        }
        let out = CSV.document(lines)
        let name = "\(code)-\(search.status?.names.first ?? "all")-\(facts.snapshot.exportedAt).csv"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: out)))
    }

    // MARK: Firms

    private func firms(_ request: Request) async throws -> Response {
        let lang = Lang(request)
        let facts = try await facts(request)
        let search = try FirmSearch(request)
        let page = search.run(facts.roster)
        let keep = Self.keep(request)
        var filters = keep
        if let q = search.query { filters += "q=\(Self.encode(q))&" }
        if let d = search.district { filters += "district=\(Self.encode(d))&" }
        if let r = search.rung { filters += "rung=\(r.rawValue)&" }
        if let s = search.status?.names.first { filters += "status=\(s)&" }
        let districts = GroupNames.fixedKeys(by: .district).map { code -> [String: Any] in
            ["code": code, "name": GroupNames.name(of: code, by: .district), "selected": code == search.district]
        }
        let rungs = Tier.allCases.map { tier -> [String: Any] in
            ["code": tier.rawValue, "name": Labels.tier(tier, lang), "selected": tier == search.rung]
        }
        let statuses = FirmStatuses.named.map { name, status -> [String: Any] in
            ["code": name, "name": lang.t(name), "selected": status == search.status]
        }
        let model: [String: Any] = [
            "q": search.query ?? "", "districts": districts, "rungs": rungs, "statuses": statuses,
            "snapshot": request.uri.queryParameters.get("snapshot") ?? "", "english": lang.english,
            "firmRows": FirmRowView.html(page.rows, lang: lang, keep: keep), "hasFirms": !page.rows.isEmpty, "total": Format.grouped(page.total),
            "asOf": facts.asOf.description, "pager": Pager(search: search, total: page.total, base: "/firms?\(filters)", lang: lang).model,
        ]
        return pages.page("firms", title: lang.t("firms"), lang: lang, path: request.uri.description, model: model)
    }

    // MARK: Snapshots

    private func snapshots(_ request: Request) async throws -> Response {
        let lang = Lang(request)
        let seesAll = Visitor.seesAllFirms
        let found = try await queries.read { store in
            try store.snapshots().map { part in (part, seesAll ? (try? store.rejectedRecords(in: part)) ?? [] : []) }
        }
        let list = found.map { snapshot, rejects -> [String: Any] in
            return [
                "date": snapshot.exportedAt.description, "link": lang.link("/?snapshot=\(snapshot.exportedAt)"),
                "id": snapshot.id, "source": snapshot.source ?? "", "file": snapshot.fileName,
                "hash": String(snapshot.contentHash.prefix(12)), "imported": ISO8601DateFormatter().string(from: snapshot.importedAt),
                "firms": Format.grouped(snapshot.counts.enterprises), "platforms": Format.grouped(snapshot.counts.platforms),
                "contracts": Format.grouped(snapshot.counts.contracts), "brokers": Format.grouped(snapshot.counts.brokers),
                "rejected": Format.grouped(snapshot.counts.rejected),
                "rejects": rejects.prefix(200).map { reject -> [String: Any] in
                    ["id": reject.recordID ?? "", "position": "\(reject.position)", "reason": reject.reason]
                },
                "moreRejects": rejects.count > 200 ? Format.grouped(rejects.count - 200) : "",
            ]
        }
        return pages.page("snapshots", title: lang.t("snapshots"), lang: lang, path: request.uri.description,
                          model: ["snapshots": list])
    }
}

/// Previous and next links of a paged list.
struct Pager {
    var model: [String: Any]

    init(search: FirmSearch, total: Int, base: String, lang: Lang) {
        let pages = max(1, (total + search.perPage - 1) / search.perPage)
        var model: [String: Any] = ["page": search.page, "pages": pages]
        let size = search.perPage == 50 || search.perPage == 200 ? "" : "perPage=\(search.perPage)&"
        if search.page > 1 { model["previous"] = lang.link("\(base)\(size)page=\(search.page - 1)") }
        if search.page < pages { model["next"] = lang.link("\(base)\(size)page=\(search.page + 1)") }
        self.model = model
    }
}
