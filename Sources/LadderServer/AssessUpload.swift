import Foundation
import LadderCore
import LadderImport
import LadderRules
import XMLStream

/// `POST /api/v1/assess`: a registry document sent by a client, read with the importer's guarantees
/// (no network, no entities, `XMLLimits`) and assessed as `audit` assesses a file.
enum AssessUpload {
    struct Result: Sendable {
        var assessments: [FirmAssessment]
        var rejected: Int
    }

    /// Reads the body through the layout its root element names (format 1 or a profile in
    /// `Profiles/`), from a private temporary file that is removed afterwards, and assesses every
    /// firm on `asOf` (default the export date).
    /// - Throws: `ServerError.badRequest` with line and column for a body that is not a registry document.
    static func assess(_ body: [UInt8], ladder: Ladder, asOf: Day?) throws -> Result {
        guard !body.isEmpty else { throw ServerError.badRequest("the body is empty: send a registry XML document") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("techladder-assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("body.xml").path
        guard FileManager.default.createFile(atPath: file, contents: Data(body), attributes: [.posixPermissions: 0o600]) else {
            throw ServerError.startup("cannot write a temporary file for the body")
        }
        var assessments: [FirmAssessment] = []
        do {
            let layout = try RegistryLayout.detect(file: file)
            var day = asOf
            let report = try layout.importFile(file, name: "body", onHeader: { header in
                if day == nil { day = header.exportedAt }
            }, onRecord: { record in
                guard case .enterprise(let firm) = record, let day else { return }
                assessments.append(ladder.assess(firm, asOf: day))
            })
            return Result(assessments: assessments, rejected: report.rejected)
        } catch let error as XMLError {
            throw ServerError.badRequest(Self.message(error), line: error.line > 0 ? error.line : nil,
                                         column: error.line > 0 ? error.column : nil)
        } catch let error as ProfileError {
            let first = error.problems.first
            throw ServerError.badRequest(first.map(Self.message) ?? "\(error)", line: first?.line, column: first?.column)
        }
    }

    /// The error as the client should read it: positions in the body, no server paths.
    static func message(_ error: XMLError) -> String {
        let text = error.message.replacingOccurrences(of: FileManager.default.temporaryDirectory.path, with: "")
        return error.line > 0 ? "body:\(error.line):\(error.column): \(text)" : "body: \(text)"
    }
}
