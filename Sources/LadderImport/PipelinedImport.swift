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
        return try runPipelined(batchSize: batchSize, progress: progress, prepare: nil, onHeader: onHeader,
                                onBatch: { batch in try onBatch(batch.records) }) { progress, spares, onHeader, onRecord in
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
        try importFilePipelined(path, name: name, batchSize: batchSize, progress: progress, onHeader: onHeader,
                                prepare: nil) { batch in try onBatch(batch.records) }
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
        prepare: @escaping @Sendable (_ header: RegistryHeader, _ records: [RegistryRecord], _ worker: Int) -> Prepared,
        emit: (Prepared) throws -> Void
    ) throws -> ImportReport {
        try importFilePipelined(path, name: name, batchSize: batchSize, progress: progress, onHeader: onHeader,
                                prepare: { header, records, worker in prepare(header, records, worker) }) { batch in
            // `prepared` is set before a batch reaches `emit` (see `Channel.take`).
            guard let prepared = batch.prepared as? Prepared else { return }
            batch.prepared = nil
            try emit(prepared)
        }
    }

    private func importFilePipelined(
        _ path: String, name: String?, batchSize: Int, progress: ((Int64) -> Void)?,
        onHeader: (RegistryHeader) throws -> Void, prepare: Preparer?, onBatch: (Batch) throws -> Void
    ) throws -> ImportReport {
        let layout = self
        return try runPipelined(batchSize: batchSize, progress: progress, prepare: prepare, onHeader: onHeader,
                                onBatch: onBatch) { progress, spares, onHeader, onRecord in
            try layout.importFile(path, name: name, progress: progress, spares: spares,
                                  onHeader: onHeader, onRecord: onRecord)
        }
    }
}

/// Work on a batch that either thread may do: header, records, worker number → a boxed result.
typealias Preparer = @Sendable (RegistryHeader, [RegistryRecord], Int) -> Any

/// The pipeline itself: `importFile` runs on a new thread and its records come back in batches.
/// Batches the consumer is done with go back to the parsing thread, whose next firms reuse their
/// storage (see `SpareRecords`). With a `prepare` step, the parsing thread prepares queued batches
/// itself whenever the queue is full, instead of waiting.
private func runPipelined(
    batchSize: Int, progress: ((Int64) -> Void)?, prepare: Preparer?,
    onHeader: (RegistryHeader) throws -> Void, onBatch: (Batch) throws -> Void,
    importFile: @escaping @Sendable (
        _ progress: @escaping (Int64) -> Void, _ spares: SpareRecords,
        _ onHeader: (RegistryHeader) throws -> Void, _ onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport
) throws -> ImportReport {
    let channel = Channel(capacity: 8, prepare: prepare)
    let producer = Thread {
        var header = RegistryHeader(exportedAt: Day(ordinal: 0))
        var batch = Batch(capacity: batchSize, header: header)
        let outcome: Result<ImportReport, any Error>
        do {
            let report = try importFile({ read in channel.progress = read }, SpareRecords(channel)) { read in
                header = read
                batch.header = read
                try channel.put(.header(read))
            } _: { record in
                batch.records.append(record)
                if batch.records.count >= batchSize {
                    try channel.put(.batch(batch))
                    batch = Batch(capacity: batchSize, header: header)
                }
            }
            if !batch.records.isEmpty { try channel.put(.batch(batch)) }
            outcome = .success(report)
        } catch {
            if !batch.records.isEmpty { try? channel.put(.batch(batch)) }
            outcome = .failure(error)
        }
        channel.finish(outcome)
    }
    producer.stackSize = 8 << 20
    producer.start()
    do {
        while let message = channel.take() {
            progress?(channel.progress)
            switch message {
            case .header(let header): try onHeader(header)
            case .batch(let batch):
                try onBatch(batch)
                channel.giveBack(batch)
            }
        }
    } catch {
        channel.cancel()
        _ = channel.waitForOutcome()
        throw error
    }
    return try channel.waitForOutcome().get()
}

/// Records in file order, handed from the parsing thread to the consumer and back.
final class Batch: @unchecked Sendable {
    enum Stage { case waiting, preparing, prepared }

    var records: [RegistryRecord] = []
    /// The header of the file the records come from (for `prepare`).
    var header: RegistryHeader
    /// Where the batch is in the `prepare` step (guarded by the channel's lock).
    var stage = Stage.waiting
    /// What `prepare` made of the records.
    var prepared: Any?

    init(capacity: Int, header: RegistryHeader) {
        self.header = header
        records.reserveCapacity(capacity)
    }
}

/// The firms of batches the consumer has finished with, for the parsing thread to refill: the
/// memory of a record is then allocated and freed on the same thread. Freeing on the consumer's
/// thread made glibc's allocator contend for the parser's arena lock (futex waits on both threads).
/// A firm the consumer kept a copy of is not shared: its lists are copied on the first write.
final class SpareRecords {
    private let channel: Channel
    private var current: Batch?

    fileprivate init(_ channel: Channel) { self.channel = channel }

    /// A finished firm whose storage can be reused, or nil when none is back yet.
    func take() -> Enterprise? {
        while true {
            if let batch = current, let record = batch.records.popLast() {
                if case .enterprise(let firm) = record { return firm }
                continue
            }
            guard let next = channel.takeBack() else {
                current = nil
                return nil
            }
            current = next
        }
    }
}

/// A bounded hand-over between the parsing thread and the consumer.
private final class Channel: @unchecked Sendable {
    enum Message {
        case header(RegistryHeader)
        case batch(Batch)
    }

    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var queue: [Message] = []
    private var returned: [Batch] = []
    private let capacity: Int
    private var outcome: Result<ImportReport, any Error>?
    private var cancelled = false
    /// Bytes read so far, for progress (written by the producer, read by the consumer; a torn read
    /// only shows a stale figure).
    var progress: Int64 {
        get { condition.withLock { storedProgress } }
        set { condition.withLock { storedProgress = newValue } }
    }
    private var storedProgress: Int64 = 0

    private let prepare: Preparer?

    init(capacity: Int, prepare: Preparer?) {
        self.capacity = capacity
        self.prepare = prepare
    }

    /// Queues a message. While the queue is full, a producer with a `prepare` step prepares the newest
    /// waiting batch itself rather than wait (the consumer reaches that one last).
    func put(_ message: Message) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled {
            if let prepare, let batch = newestWaitingBatch() {
                run(prepare, on: batch, worker: 1)
            } else {
                condition.wait()
            }
        }
        if cancelled { throw Cancelled() }
        queue.append(message)
        condition.broadcast()
    }

    /// Prepares a waiting batch outside the lock (held on entry and on return), then tells any thread
    /// waiting for it.
    private func run(_ prepare: Preparer, on batch: Batch, worker: Int) {
        batch.stage = .preparing
        condition.unlock()
        let prepared = prepare(batch.header, batch.records, worker)
        condition.lock()
        batch.prepared = prepared
        batch.stage = .prepared
        condition.broadcast()
    }

    private func newestWaitingBatch() -> Batch? {
        for message in queue.reversed() {
            if case .batch(let batch) = message, batch.stage == .waiting { return batch }
        }
        return nil
    }

    /// The next message, or nil once the producer has finished and the queue is drained. With a
    /// `prepare` step a batch comes back prepared: by this thread, or by the producer (waited for).
    func take() -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && outcome == nil { condition.wait() }
        if queue.isEmpty { return nil }
        let message = queue.removeFirst()
        condition.broadcast()
        if let prepare, case .batch(let batch) = message {
            switch batch.stage {
            case .waiting:
                run(prepare, on: batch, worker: 0)
            case .preparing:
                while batch.stage != .prepared { condition.wait() }
            case .prepared:
                break
            }
        }
        return message
    }

    /// Hands a finished batch back for reuse; dropped (freed here) when enough are waiting already,
    /// so a producer that never takes them back does not hold the whole file.
    func giveBack(_ batch: Batch) {
        condition.withLock {
            if returned.count < capacity { returned.append(batch) }
        }
    }

    /// A batch handed back, if any.
    func takeBack() -> Batch? {
        condition.withLock { returned.popLast() }
    }

    func finish(_ result: Result<ImportReport, any Error>) {
        condition.withLock {
            outcome = result
            condition.broadcast()
        }
    }

    func cancel() {
        condition.withLock {
            cancelled = true
            queue.removeAll()
            condition.broadcast()
        }
    }

    func waitForOutcome() -> Result<ImportReport, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome ?? .failure(Cancelled())
    }
}
