import Foundation
import HTTPTypes
import GRDB
import LadderAccounts
import LadderCore
import LadderImport
import LadderReports
import LadderStore
import Logging
import XMLStream

/// One upload's import, run in the background: the layout detected from the root element, the file
/// imported by `importRegistryFile` (what `import --db` calls) into the server's writable store — its
/// one connection serializes concurrent uploads, each in its own transaction — with records outside
/// the uploader's districts refused. A file that cannot be read leaves the database as it was.
struct UploadJob: Sendable {
    let access: WebAccess
    let queries: RegistryQueries
    let id: String
    let file: String
    let name: String
    let visitor: Visitor
    let logger: Logger

    func run() async {
        let outcome = await Task.detached { [self] in Result { try importFile() } }.value
        switch outcome {
        case .success(let result):
            finish(result)
            let kind = if case .alreadyImported = result.outcome { "upload.duplicate" } else { "upload" }
            let detail = "\(result.report?.imported ?? 0) imported, \(result.report?.rejected ?? 0) rejected; "
                + result.line(database: "the registry") + "; upload \(id)"
            await access.record(visitor.name, kind, target: name, detail: detail)
        case .failure(let error):
            let (message, line, column) = Self.describe(error, file: file, name: name)
            access.uploads.update(id) { status in
                status.state = .failed
                status.error = message
                status.line = line
                status.column = column
            }
            await access.record(visitor.name, "upload.failed", target: name, detail: "\(message); upload \(id)")
        }
    }

    private func importFile() throws -> StoreImportResult {
        let layout = try RegistryLayout.detect(file: file)
        let scope = visitor.scope
        let id = id, uploads = access.uploads
        return try access.store.importRegistryFile(
            file, name: name, layout: layout,
            progress: { bytes in uploads.update(id) { $0.bytes = bytes } },
            admit: { record in
                guard let district = record.district, !district.isEmpty, !scope.canSeeFirms(in: district) else { return nil }
                let mine = scope.districts.sorted().map { "\($0) \(GroupNames.name(of: $0, by: .district))" }.joined(separator: ", ")
                return "district \(district) (\(GroupNames.name(of: district, by: .district))) is outside your districts (\(mine)); record not stored"
            },
            // A district's upload is its part of the date, whatever the file's header says.
            source: scope.role == .district ? "上报 " + scope.districts.sorted().joined(separator: ",") : nil)
    }

    private func finish(_ result: StoreImportResult) {
        access.uploads.update(id) { status in
            status.state = .done
            status.bytes = status.size
            status.outcome = result.line(database: "the registry")
            status.imported = result.report?.imported ?? 0
            status.rejected = result.report?.rejected ?? 0
            status.rejects = (result.report?.rejects ?? []).prefix(2000).map { issue in
                UploadStatus.Reject(line: issue.position.line, column: issue.position.column, id: issue.recordID,
                                    reason: issue.element.map { "<\($0)> " } .map { $0 + issue.reason } ?? issue.reason)
            }
        }
    }

    /// The failure as the uploader should read it: file name, line and column, no server paths.
    static func describe(_ error: any Error, file: String, name: String) -> (String, Int?, Int?) {
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: file, with: name)
                .replacingOccurrences(of: FileManager.default.temporaryDirectory.path, with: "")
        }
        if let error = error as? XMLError {
            let at = error.line > 0 ? "\(name):\(error.line):\(error.column): " : "\(name): "
            return (at + clean(error.message), error.line > 0 ? error.line : nil, error.line > 0 ? error.column : nil)
        }
        if let error = error as? ProfileError, let first = error.problems.first {
            return ("\(name):\(first.line):\(first.column): " + clean(first.message), first.line, first.column)
        }
        if let error = error as? DatabaseError {
            return ("could not be stored: \(error.message ?? "\(error.resultCode)"); nothing from this file was written", nil, nil)
        }
        let text = clean("\(error)")
        return (text.hasPrefix(name) ? text : "\(name): \(text)", nil, nil)
    }
}
