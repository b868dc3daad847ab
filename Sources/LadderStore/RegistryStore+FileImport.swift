import Foundation
import LadderCore
import LadderImport

/// What importing one file into the registry database did. Shared by `techladder import --db` and the
/// web server's uploads.
public struct StoreImportResult: Sendable {
    /// The new part, or the one that already held this content.
    public var outcome: ImportOutcome
    /// The importer's report; nil when the content was already imported (the file was not parsed).
    public var report: ImportReport?

    /// One line for the import summary, e.g. `stored in the snapshot of 2025-12-31 in techladder.sqlite`.
    public func line(database: String) -> String {
        switch outcome {
        case .imported(let part):
            "stored in the snapshot of \(part.exportedAt) in \(database)"
        case .replaced(let part, let previous):
            "stored in the snapshot of \(part.exportedAt) in \(database), replacing "
                + previous.map { "\($0.fileName) (same source \($0.source ?? ""))" }.joined(separator: ", ")
        case .alreadyImported(let part):
            "already imported (file \(part.fileName), snapshot of \(part.exportedAt)); nothing added"
        }
    }
}

extension RegistryStore {
    /// What the snapshot of the imported file's date now holds, for the summary line: its files and
    /// the record ids this file shares with earlier files of the date (its records stand).
    public func dateNote(for outcome: ImportOutcome) throws -> String {
        guard let (files, shared) = try dateCounts(for: outcome) else { return "" }
        var note = "; the date has \(files) files"
        if shared > 0 {
            note += "; \(shared) record id(s) also in earlier files of the date: this file's records count "
                + "(`audit --data-quality` lists them)"
        }
        return note
    }

    /// For a file just stored in a date with other files: how many files the date has, and how many of this
    /// file's records share an id with an earlier file's (this file's count); nil for a date of one file.
    public func dateCounts(for outcome: ImportOutcome) throws -> (files: Int, shared: Int)? {
        if case .alreadyImported = outcome { return nil }
        let part = outcome.snapshot
        let date = try dated(containing: part)
        guard date.parts.count > 1 else { return nil }
        return (date.parts.count, try conflicts(in: date).filter { $0.standing.file == part.fileName }.count)
    }

    /// Imports one registry file as a part of the snapshot of its export date: streams every record and reject into one transaction
    /// while one thread parses and another hashes the file; content already stored is skipped (before parsing when a
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
    ///   - source: the source the part is filed under instead of the header's (an upload files it under
    ///     the uploader's districts, so a re-sent file replaces that district's part and no other).
    /// - Throws: `XMLError`, `DatabaseError`, ``StoreError``, or a file-reading error from hashing.
    public func importRegistryFile(
        _ path: String, name: String? = nil, layout: RegistryLayout = .format1,
        progress: ((Int64) -> Void)? = nil, admit: ((RegistryRecord) -> String?)? = nil, source: String? = nil
    ) throws -> StoreImportResult {
        let fileName = name ?? path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        let digest = SHA256.BackgroundFileDigest(path: path)
        var report: ImportReport?
        let outcome = try importSnapshot(fileName: fileName, fileSize: size, contentHash: digest.value) { writer in
            // Parsing runs on a second thread; records reach SQLite on this one, in file order.
            var refused: [RecordIssue] = []
            var read = try layout.importFilePipelined(
                path, name: fileName, progress: progress,
                onHeader: { header in
                    var filed = header
                    if let source { filed.source = source }
                    try writer.begin(header: filed)
                },
                onBatch: { batch in
                    for record in batch {
                        if let admit, let reason = admit(record) {
                            refused.append(RecordIssue(
                                position: record.position ?? SourcePosition(file: fileName, line: 0, column: 0),
                                recordID: record.id, element: nil, reason: reason))
                        } else {
                            try writer.add(record)
                        }
                    }
                })
            for issue in refused {
                read.addReject(issue)
                read.imported -= 1
            }
            for reject in read.rejects {
                try writer.recordReject(recordID: reject.recordID, position: reject.position, reason: reject.reason,
                                        element: reject.element)
            }
            for warning in read.warnings {
                try writer.recordWarning(recordID: warning.recordID, position: warning.position, reason: warning.reason,
                                         element: warning.element)
            }
            writer.setRejectedTotal(read.rejected)
            writer.setWarningTotal(read.warningCount)
            report = read
        }
        return StoreImportResult(outcome: outcome, report: report)
    }
}
