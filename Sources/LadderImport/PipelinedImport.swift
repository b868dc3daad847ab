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
        return try runPipelined(batchSize: batchSize, progress: progress, onHeader: onHeader, onBatch: onBatch) {
            progress, onHeader, onRecord in
            try importer.importFile(path, name: name, progress: progress, onHeader: onHeader, onRecord: onRecord)
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
        let layout = self
        return try runPipelined(batchSize: batchSize, progress: progress, onHeader: onHeader, onBatch: onBatch) {
            progress, onHeader, onRecord in
            try layout.importFile(path, name: name, progress: progress, onHeader: onHeader, onRecord: onRecord)
        }
    }
}

/// The pipeline itself: `importFile` runs on a new thread and its records come back in batches.
private func runPipelined(
    batchSize: Int, progress: ((Int64) -> Void)?,
    onHeader: (RegistryHeader) throws -> Void, onBatch: ([RegistryRecord]) throws -> Void,
    importFile: @escaping @Sendable (
        _ progress: @escaping (Int64) -> Void, _ onHeader: (RegistryHeader) throws -> Void,
        _ onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport
) throws -> ImportReport {
    let channel = Channel(capacity: 8)
    let producer = Thread {
        var batch: [RegistryRecord] = []
        batch.reserveCapacity(batchSize)
        let outcome: Result<ImportReport, any Error>
        do {
            let report = try importFile({ read in channel.progress = read }) { header in
                try channel.put(.header(header))
            } _: { record in
                batch.append(record)
                if batch.count >= batchSize {
                    try channel.put(.batch(batch))
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try channel.put(.batch(batch)) }
            outcome = .success(report)
        } catch {
            if !batch.isEmpty { try? channel.put(.batch(batch)) }
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
            case .batch(let records): try onBatch(records)
            }
        }
    } catch {
        channel.cancel()
        _ = channel.waitForOutcome()
        throw error
    }
    return try channel.waitForOutcome().get()
}

/// A bounded hand-over between the parsing thread and the consumer.
private final class Channel: @unchecked Sendable {
    enum Message {
        case header(RegistryHeader)
        case batch([RegistryRecord])
    }

    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var queue: [Message] = []
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

    init(capacity: Int) { self.capacity = capacity }

    func put(_ message: Message) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        queue.append(message)
        condition.broadcast()
    }

    /// The next message, or nil once the producer has finished and the queue is drained.
    func take() -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && outcome == nil { condition.wait() }
        if queue.isEmpty { return nil }
        let message = queue.removeFirst()
        condition.broadcast()
        return message
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
