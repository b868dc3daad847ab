import Foundation
import LadderCore
import LadderImport
import LadderStore

/// What importing one file into the registry database did. Shared by `techladder import --db` and
/// the web server's uploads (it lives here, not in LadderStore, because it joins the importer and the
/// store, and neither module depends on the other).
public struct StoreImportResult: Sendable {
    /// The new snapshot, or the one that already held this content.
    public var outcome: ImportOutcome
    /// The importer's report (with the records `admit` refused among its rejects); nil when the
    /// content was already imported (the file was not parsed).
    public var report: ImportReport?

    /// One line for the import summary, e.g. `stored as snapshot 3 (2025-12-31) in techladder.sqlite`.
    public func line(database: String) -> String {
        switch outcome {
        case .imported(let snapshot):
            "stored as snapshot \(snapshot.id) (exported \(snapshot.exportedAt)) in \(database)"
        case .alreadyImported(let snapshot):
            "already imported as snapshot \(snapshot.id) (exported \(snapshot.exportedAt), file \(snapshot.fileName)); nothing added"
        }
    }
}

extension RegistryStore {
    /// Imports one registry file as a snapshot: streams every record and reject into one transaction
    /// while another thread hashes the file; content already stored is skipped (before parsing when a
    /// stored snapshot has the same size, otherwise by rolling back).
    ///
    /// If the file is not well-formed the importer throws `XMLError` (with line and column) part way
    /// through; the transaction rolls back and the database is unchanged.
    /// - Parameters:
    ///   - path: the file to import.
    ///   - name: the name recorded for the file and used in positions (default: the path).
    ///   - layout: format 1 or a mapping profile.
    ///   - progress: called with the bytes read so far.
    ///   - admit: nil to store every record the importer accepts; otherwise the reason a record is
    ///     refused (e.g. outside an uploader's districts), stored and reported as a reject, or nil to keep it.
    /// - Throws: `XMLError`, `DatabaseError`, ``StoreError``, or a file-reading error from hashing.
    public func importRegistryFile(
        _ path: String, name: String? = nil, layout: RegistryLayout = .format1,
        progress: ((Int64) -> Void)? = nil, admit: ((RegistryRecord) -> String?)? = nil
    ) throws -> StoreImportResult {
        let fileName = name ?? path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        let digest = SHA256.BackgroundFileDigest(path: path)
        var report: ImportReport?
        let outcome = try importSnapshot(fileName: fileName, fileSize: size, contentHash: digest.value) { writer in
            var refused: [RecordIssue] = []
            var read = try layout.importFile(
                path, name: fileName, progress: progress,
                onHeader: { try writer.begin(header: $0) },
                onRecord: { record in
                    if let admit, let reason = admit(record) {
                        refused.append(RecordIssue(
                            position: record.position ?? SourcePosition(file: fileName, line: 0, column: 0),
                            recordID: record.id, element: nil, reason: reason))
                    } else {
                        try writer.add(record)
                    }
                })
            for issue in refused {
                read.addReject(issue)
                read.imported -= 1
            }
            for reject in read.rejects {
                try writer.recordReject(recordID: reject.recordID, position: reject.position, reason: reject.reason)
            }
            writer.setRejectedTotal(read.rejected)
            report = read
        }
        return StoreImportResult(outcome: outcome, report: report)
    }
}

extension RegistryRecord {
    /// The record's id (credit code, platform or contract number, broker id).
    public var id: String {
        switch self {
        case .enterprise(let r): r.id
        case .platform(let r): r.id
        case .contract(let r): r.id
        case .broker(let r): r.id
        }
    }

    /// Where the record starts in its file, when the importer noted it.
    public var position: SourcePosition? {
        switch self {
        case .enterprise(let r): r.position
        case .platform(let r): r.position
        case .contract(let r): r.position
        case .broker(let r): r.position
        }
    }

    /// The district the record belongs to, when it names one (contracts name none).
    public var district: String? {
        switch self {
        case .enterprise(let r): r.district
        case .platform(let r): r.district
        case .contract: nil
        case .broker(let r): r.district
        }
    }
}
