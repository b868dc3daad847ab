import Foundation
import HTTPTypes
import Hummingbird
import LadderAccounts
import LadderCore
import LadderImport
import LadderReports
import LadderStore
import Logging
import XMLStream

/// Uploads of a district's export: `POST /districts/{code}/uploads` (the district page's form, which
/// sends the file as the body) and `POST /api/v1/districts/{code}/uploads` (bearer token). The body is
/// streamed to a private file up to a size limit (413 beyond it, nothing kept), then imported in the
/// background exactly as `techladder import --db` imports a file, with records outside the uploader's
/// districts rejected; `GET /uploads/{id}` and `/api/v1/uploads/{id}` show progress, then the report.
struct UploadRoutes: Sendable {
    let access: WebAccess
    let queries: RegistryQueries
    let pages: Pages
    let maxBytes: Int
    let templates: String

    func register(on router: Router<some RequestContext>) {
        let script = (try? String(contentsOfFile: templates + "/static/upload.js", encoding: .utf8)) ?? ""
        router.get("static/upload.js") { _, _ in PageRoutes.file(script, type: "text/javascript; charset=utf-8") }
        router.post("districts/:code/uploads") { request, context in
            try await upload(request, code: context.parameters.require("code"), logger: context.logger)
        }
        router.post("api/v1/districts/:code/uploads") { request, context in
            try await upload(request, code: context.parameters.require("code"), logger: context.logger)
        }
        router.get("uploads/:id") { request, context in try statusPage(request, id: context.parameters.require("id")) }
        router.get("api/v1/uploads/:id") { _, context in try statusJSON(id: context.parameters.require("id")) }
    }

    private func upload(_ request: Request, code: String, logger: Logger) async throws -> Response {
        guard let visitor = Visitor.current, let district = AccessScope.resolve(code) else {
            throw ServerError.notFound("no district with code \(code)")
        }
        if let length = request.headers[.contentLength].flatMap(Int64.init), length > Int64(maxBytes) {
            throw HTTPError(.contentTooLarge, message: "the file is larger than the \(maxBytes >> 20) MiB the server accepts")
        }
        let name = Self.fileName(request.headers[HTTPField.Name("X-File-Name")!], district: district)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("techladder-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let file = directory.appendingPathComponent("upload.xml").path
        let size: Int64
        do {
            size = try await Self.receive(request.body, into: file, limit: maxBytes)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let id = Accounts.newToken().prefix(20).description
        access.uploads.start(UploadStatus(id: id, user: visitor.name, district: district, file: name, started: Date(), size: size))
        await access.record(visitor.name, "upload.start", target: name, detail: "district \(district), \(size) bytes, upload \(id)")
        let job = UploadJob(access: access, queries: queries, id: id, file: file, name: name, visitor: visitor, logger: logger)
        Task.detached {
            await job.run()
            try? FileManager.default.removeItem(at: directory)
        }
        let body = (try? JSONText.encode(["id": id, "status": "/api/v1/uploads/\(id)", "page": "/uploads/\(id)"])) ?? "{}"
        var response = JSONResponse.make(body, status: .accepted)
        response.headers[.location] = "/uploads/\(id)"
        return response
    }

    /// Writes the body to `path` as it arrives; beyond `limit` bytes stops with 413 (the caller removes the file).
    static func receive(_ body: RequestBody, into path: String, limit: Int) async throws -> Int64 {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ServerError.startup("cannot write the upload to a temporary file")
        }
        defer { try? handle.close() }
        var total = 0
        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= limit else {
                throw HTTPError(.contentTooLarge, message: "the file is larger than the \(limit >> 20) MiB the server accepts; nothing was stored")
            }
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
        guard total > 0 else { throw ServerError.badRequest("the upload is empty: choose a registry XML file") }
        return Int64(total)
    }

    /// The file's name as the browser sent it (percent-encoded), reduced to a plain base name.
    static func fileName(_ header: String?, district: String) -> String {
        let decoded = header?.removingPercentEncoding ?? ""
        let base = (decoded as NSString).lastPathComponent
        let clean = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init)).prefix(120)
        return clean.isEmpty ? "upload-\(district).xml" : String(clean)
    }

    private func status(_ id: String) throws -> UploadStatus {
        guard let status = access.uploads.status(id), status.visible(to: Visitor.current) else {
            throw ServerError.notFound("no upload \(id)")
        }
        return status
    }

    private func statusJSON(id: String) throws -> Response {
        JSONResponse.make(try JSONText.encode(try status(id)))
    }

    private func statusPage(_ request: Request, id: String) throws -> Response {
        let status = try status(id)
        let lang = Lang(request)
        let model: [String: Any] = [
            "file": status.file, "user": status.user, "district": status.district,
            "districtName": GroupNames.name(of: status.district, by: .district),
            "started": ISO8601DateFormatter().string(from: status.started),
            "running": status.state == .running, "percent": status.percent,
            "failed": status.state == .failed, "error": status.error ?? "",
            "done": status.state == .done, "outcome": status.outcome ?? "",
            "accepted": Format.grouped(status.imported), "rejected": Format.grouped(status.rejected),
            "hasRejects": !status.rejects.isEmpty,
            "rejects": status.rejects.map { ["line": $0.line, "column": $0.column, "id": $0.id ?? "", "reason": $0.reason] as [String: Any] },
            "moreRejects": status.rejected > status.rejects.count ? Format.grouped(status.rejected - status.rejects.count) : "",
        ]
        var response = pages.page("upload", title: AccountLabels.labels(lang)["upload"] ?? "", lang: lang,
                                  path: request.uri.description, model: model)
        if status.state == .running { response.headers[HTTPField.Name("Refresh")!] = "1" }
        return response
    }
}
