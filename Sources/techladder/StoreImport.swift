import Foundation
import LadderCore
import LadderImport
import LadderStore

/// What importing one file into the registry database did.
struct StoreImportResult {
    /// The new snapshot, or the one that already held this content.
    var outcome: ImportOutcome
    /// The importer's report; nil when the content was already imported (the file was not parsed).
    var report: ImportReport?

    /// One line for the import summary, e.g. `stored as snapshot 3 (2025-12-31) in techladder.sqlite`.
    func line(database: String) -> String {
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
    /// - Throws: `XMLError`, `DatabaseError`, ``StoreError``, or a file-reading error from hashing.
    func importRegistryFile(
        _ path: String, name: String? = nil, layout: RegistryLayout = .format1,
        progress: ((Int64) -> Void)? = nil
    ) throws -> StoreImportResult {
        let fileName = name ?? path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        let digest = SHA256.BackgroundFileDigest(path: path)
        var report: ImportReport?
        let outcome = try importSnapshot(fileName: fileName, fileSize: size, contentHash: digest.value) { writer in
            let read = try layout.importFile(
                path, name: fileName, progress: progress,
                onHeader: { try writer.begin(header: $0) },
                onRecord: { try writer.add($0) })
            for reject in read.rejects {
                try writer.recordReject(recordID: reject.recordID, position: reject.position, reason: reject.reason)
            }
            writer.setRejectedTotal(read.rejected)
            report = read
        }
        return StoreImportResult(outcome: outcome, report: report)
    }
}
