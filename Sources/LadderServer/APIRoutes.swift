import Foundation
import HTTPTypes
import Hummingbird
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import LadderStore

/// `/api/v1`: the JSON API (described in `Templates/openapi.json`, served at `/api/v1/openapi.json`).
struct APIRoutes: Sendable {
    let queries: RegistryQueries
    let maxAssessBytes: Int
    let templates: String

    func register(on router: Router<some RequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in try openAPI() }
        api.get("tally") { request, _ in try await tally(request) }
        api.get("progress") { request, _ in try await progress(request) }
        api.get("snapshots") { _, _ in try await snapshots() }
        api.get("firms") { request, _ in try await firms(request) }
        api.get("firms/:id") { request, context in try await firm(request, id: context.parameters.require("id")) }
        api.get("firms/:id/audit") { request, context in try await audit(request, id: context.parameters.require("id")) }
        api.get("findings/:kind") { request, context in try await findings(request, kind: context.parameters.require("kind")) }
        api.get("rules") { _, _ in try rules() }
        api.post("assess") { request, _ in try await assess(request) }
    }

    private func openAPI() throws -> Response {
        let path = (templates as NSString).appendingPathComponent("openapi.json")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServerError.notFound("the OpenAPI document is missing from \(templates)")
        }
        return JSONResponse.make(text)
    }

    /// `?asOf=` as a day, or nil.
    static func asOf(_ request: Request) throws -> Day? {
        guard let text = request.uri.queryParameters.get("asOf") else { return nil }
        guard let day = Day(text) else { throw ServerError.badRequest("asOf must be a date YYYY-MM-DD, not '\(text)'") }
        return day
    }

    /// The snapshot and date a request names, and their facts.
    func facts(_ request: Request) async throws -> SnapshotFacts {
        let snapshot = try await queries.snapshot(request.uri.queryParameters.get("snapshot"))
        return try await queries.facts(snapshot, asOf: try Self.asOf(request))
    }

    private func tally(_ request: Request) async throws -> Response {
        var grouping = Grouping.district
        if let by = request.uri.queryParameters.get("by") {
            guard let chosen = Grouping(rawValue: by) else {
                throw ServerError.badRequest("by must be district, zone, industry or domain, not '\(by)'")
            }
            grouping = chosen
        }
        let facts = try await facts(request)
        let district = request.uri.queryParameters.get("district")
        let key = "tally \(grouping.rawValue) \(district.map { "=" + $0 } ?? "")"
        let tally = try await queries.tally(facts, by: grouping)
        // The document is encoded once per snapshot, grouping and district, then served as kept.
        let document = try facts.rendered(key, lang: "") {
            var rows = TallyRows(tally, targets: queries.targets)
            if let district {
                guard let row = rows.rows.first(where: { $0.code == district }) else {
                    throw ServerError.notFound("no \(grouping.rawValue) '\(district)' in this tally")
                }
                rows.rows = [row]
            }
            return ["json": try rows.json()]
        }
        return JSONResponse.make(document["json"] ?? "")
    }

    private func progress(_ request: Request) async throws -> Response {
        let facts = try await facts(request)
        return JSONResponse.make(try await queries.progress(facts).json())
    }

    private func snapshots() async throws -> Response {
        JSONResponse.make(try JSONText.encode(try await queries.snapshots().map(SnapshotJSON.init)))
    }

    private func firms(_ request: Request) async throws -> Response {
        let facts = try await facts(request)
        let search = try FirmSearch(request)
        let page = search.run(facts.roster)
        let document = FirmListJSON(
            snapshot: facts.snapshot.exportedAt.description, asOf: facts.asOf.description, total: page.total,
            page: search.page, perPage: search.perPage, firms: page.rows.map(FirmRowJSON.init))
        return JSONResponse.make(try JSONText.encode(document))
    }

    private func firm(_ request: Request, id: String) async throws -> Response {
        let facts = try await facts(request)
        guard let row = facts.firm(id), let enterprise = try await queries.enterprise(id, in: facts.dated) else {
            throw ServerError.unknownFirm(id)
        }
        let assessment = queries.assessment(enterprise, asOf: facts.asOf)
        let history = try await queries.history(of: id)
        return JSONResponse.make(try JSONText.encode(FirmJSON(row, enterprise, assessment, history, asOf: facts.asOf)))
    }

    private func audit(_ request: Request, id: String) async throws -> Response {
        let snapshot = try await queries.snapshot(request.uri.queryParameters.get("snapshot"))
        guard let enterprise = try await queries.enterprise(id, in: snapshot) else { throw ServerError.unknownFirm(id) }
        let day = try Self.asOf(request) ?? snapshot.exportedAt
        return JSONResponse.make(RegistryQueries.auditJSON([queries.assessment(enterprise, asOf: day)]))
    }

    private func findings(_ request: Request, kind: String) async throws -> Response {
        guard let chosen = RegistryQueries.FindingKind(rawValue: kind) else {
            throw ServerError.notFound("no findings '\(kind)'; have discrepancies, near-miss, data-quality")
        }
        let snapshot = try await queries.snapshot(request.uri.queryParameters.get("snapshot"))
        return JSONResponse.make(try await queries.findings(chosen, in: snapshot, asOf: try Self.asOf(request)))
    }

    private func rules() throws -> Response {
        let outcomes = queries.ladder().runExamples(reading: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) })
        return JSONResponse.make(try JSONText.encode(queries.rulebooks.map { RulebookJSON($0, outcomes: outcomes) }))
    }

    private func assess(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: maxAssessBytes)
        let asOf = try Self.asOf(request)
        let result = try await RegistryQueries.offload { [queries] in
            try AssessUpload.assess(Array(buffer: body), ladder: queries.ladder(), asOf: asOf)
        }
        var response = JSONResponse.make(RegistryQueries.auditJSON(result.assessments))
        response.headers[HTTPField.Name("TechLadder-Rejected")!] = String(result.rejected)
        return response
    }
}
