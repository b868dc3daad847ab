import Foundation
import LadderCore
import XMLStream

extension RegistryImporter {
    /// Imports a file with parsing on a background thread and the callbacks on the calling thread, in
    /// file order, handed over in batches: on two cores, the work done per record (assessing,
    /// rendering, writing a database) overlaps with parsing instead of adding to it.
    ///
    /// - Parameters:
    ///   - batchSize: records per hand-over.
    ///   - onHeader: called once, on the calling thread, before any batch.
    ///   - onBatch: called on the calling thread with records in file order. When it throws, parsing
    ///     stops and the error is rethrown.
    /// - Returns: the import report, as `importFile` gives it.
    /// - Throws: `XMLError` when the file is not well-formed (after the batches read before the error
    ///   were handed over), or what a callback threw.
    public func importFilePipelined(
        _ path: String, name: String? = nil, batchSize: Int = 256, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onBatch: ([RegistryRecord]) throws -> Void
    ) throws -> ImportReport {
        let importer = self
        return try runPipelined(batchSize: batchSize, progress: progress, prepare: noPreparation, onHeader: onHeader,
                                onBatch: { records, _ in try onBatch(records) }) { progress, spares, onHeader, onRecord in
            try importer.importFile(path, name: name, progress: progress, spares: spares,
                                    onHeader: onHeader, onRecord: onRecord)
        }
    }
}

extension RegistryLayout {
    /// Imports a file in this layout with parsing on a background thread; see
    /// `RegistryImporter.importFilePipelined`.
    public func importFilePipelined(
        _ path: String, name: String? = nil, batchSize: Int = 256, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onBatch: ([RegistryRecord]) throws -> Void
    ) throws -> ImportReport {
        try importInBatches(path, name: name, batchSize: batchSize, progress: progress, onHeader: onHeader,
                            onBatch: onBatch)
    }

    /// Imports a file with the work per batch split in two: `prepare` (assessing, rendering) runs on
    /// whichever thread is free — the parsing thread takes batches over while the consumer is behind —
    /// and `emit` runs on the calling thread with the prepared batches in file order. When assessing
    /// costs more than parsing, both cores work instead of the parser waiting.
    ///
    /// - Parameters:
    ///   - prepare: called with the file's header, a batch of records and a worker number (0 the
    ///     calling thread, 1 the parsing thread: keep per-thread scratch state, e.g. one `Ladder` each).
    ///     It must not touch state shared between workers.
    ///   - emit: called on the calling thread, in file order, with what `prepare` returned.
    public func importFilePipelined<Prepared>(
        _ path: String, name: String? = nil, batchSize: Int = 256, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        prepare: @escaping (_ header: RegistryHeader, _ records: [RegistryRecord], _ worker: Int) -> Prepared,
        emit: (Prepared) throws -> Void
    ) throws -> ImportReport {
        try importFilePipelined(path, name: name, batchSize: batchSize, progress: progress, onHeader: onHeader,
                                prepare: { header, records, worker, _ in prepare(header, records, worker) }, emit: emit)
    }

    /// `importFilePipelined(prepare:emit:)` where `prepare` may reuse the storage of a result `emit`
    /// is done with (`spare`), e.g. a large output buffer.
    public func importFilePipelined<Prepared>(
        _ path: String, name: String? = nil, batchSize: Int = 256, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        prepare: @escaping (_ header: RegistryHeader, _ records: [RegistryRecord], _ worker: Int, _ spare: Prepared?) -> Prepared,
        emit: (Prepared) throws -> Void
    ) throws -> ImportReport {
        let layout = self
        return try runPipelined(batchSize: batchSize, progress: progress, prepare: prepare, onHeader: onHeader,
                                onBatch: { _, prepared in if let prepared { try emit(prepared) } }) { progress, spares, onHeader, onRecord in
            try layout.importFile(path, name: name, progress: progress, spares: spares,
                                  onHeader: onHeader, onRecord: onRecord)
        }
    }

    private func importInBatches(
        _ path: String, name: String?, batchSize: Int, progress: ((Int64) -> Void)?,
        onHeader: (RegistryHeader) throws -> Void, onBatch: ([RegistryRecord]) throws -> Void
    ) throws -> ImportReport {
        let layout = self
        return try runPipelined(batchSize: batchSize, progress: progress, prepare: noPreparation, onHeader: onHeader,
                                onBatch: { records, _ in try onBatch(records) }) { progress, spares, onHeader, onRecord in
            try layout.importFile(path, name: name, progress: progress, spares: spares,
                                  onHeader: onHeader, onRecord: onRecord)
        }
    }
}

/// No `prepare` step: the consumer gets the records as they are.
private var noPreparation: ((RegistryHeader, [RegistryRecord], Int, Void?) -> Void)? { nil }

/// What the parsing thread hands over: the file's header, or a batch of records in file order.
struct ImportPiece {
    var header: RegistryHeader
    var records: [RegistryRecord]
    var isHeader: Bool
    /// Bytes read when the piece was handed over (for progress).
    var read: Int64
}

/// A piece and what `prepare` made of its records (nil for the header, or without a `prepare` step).
struct PreparedPiece<Prepared> {
    var piece: ImportPiece
    var prepared: Prepared?
}

/// `importFile` runs on a new thread and its records come back in batches through a `Pipeline`.
/// Batches the consumer is done with go back to the parsing thread, whose next firms reuse their
/// storage (see `SpareRecords`); prepared results go back to `prepare` as its `spare`. With a
/// `prepare` step the parsing thread prepares queued batches itself whenever the pipeline is full.
private func runPipelined<Prepared>(
    batchSize: Int, progress: ((Int64) -> Void)?,
    prepare: ((RegistryHeader, [RegistryRecord], Int, Prepared?) -> Prepared)?,
    onHeader: (RegistryHeader) throws -> Void, onBatch: ([RegistryRecord], Prepared?) throws -> Void,
    importFile: @escaping @Sendable (
        _ progress: @escaping (Int64) -> Void, _ spares: SpareRecords,
        _ onHeader: (RegistryHeader) throws -> Void, _ onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport
) throws -> ImportReport {
    let pipeline = Pipeline<ImportPiece, PreparedPiece<Prepared>>(capacity: 8) { piece, worker, spare in
        guard let prepare, !piece.isHeader else { return PreparedPiece(piece: piece, prepared: nil) }
        return PreparedPiece(piece: piece, prepared: prepare(piece.header, piece.records, worker, spare?.prepared))
    }
    let helper: Int? = prepare == nil ? nil : 1
    return try pipeline.run { pipeline in
        var read: Int64 = 0
        var header = RegistryHeader(exportedAt: Day(ordinal: 0))
        var records: [RegistryRecord] = []
        records.reserveCapacity(batchSize)
        func send() throws {
            let piece = ImportPiece(header: header, records: records, isHeader: false, read: read)
            records = []
            records.reserveCapacity(batchSize)
            try pipeline.put(piece, helpingAs: helper)
        }
        do {
            let report = try importFile({ read = $0 }, SpareRecords { pipeline.spareItem()?.records }) { found in
                header = found
                try pipeline.put(ImportPiece(header: found, records: [], isHeader: true, read: read), helpingAs: helper)
            } _: { record in
                records.append(record)
                if records.count >= batchSize { try send() }
            }
            if !records.isEmpty { try send() }
            return report
        } catch {
            if !records.isEmpty { try? send() }
            throw error
        }
    } consume: { output in
        var output = output
        progress?(output.piece.read)
        if output.piece.isHeader {
            try onHeader(output.piece.header)
            return
        }
        try onBatch(output.piece.records, output.prepared)
        let piece = output.piece
        output.piece.records = []
        pipeline.giveBack(item: piece)
        if output.prepared != nil { pipeline.giveBack(output: output) }
    }
}

/// The firms of batches the consumer has finished with, for the parsing thread to refill: the
/// memory of a record is then allocated and freed on the same thread. Freeing on the consumer's
/// thread made glibc's allocator contend for the parser's arena lock (futex waits on both threads).
/// A firm the consumer kept a copy of is not shared: its lists are copied on the first write.
final class SpareRecords {
    private let next: () -> [RegistryRecord]?
    private var current: [RegistryRecord] = []

    /// - Parameter next: the records of a batch handed back, or nil when none is back yet.
    init(_ next: @escaping () -> [RegistryRecord]?) { self.next = next }

    /// A finished firm whose storage can be reused, or nil when none is back yet.
    func take() -> Enterprise? {
        while true {
            if let record = current.popLast() {
                if case .enterprise(let firm) = record { return firm }
                continue
            }
            guard let batch = next() else { return nil }
            current = batch
        }
    }
}
