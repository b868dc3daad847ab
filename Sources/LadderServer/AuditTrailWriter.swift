import Foundation
import LadderStore
import Logging
import ServiceLifecycle
import Synchronization

/// Writes the audit trail in batches: entries queue in memory (stamped when they happen) and one
/// background drain stores what has queued in one transaction, so 16 concurrent firm views cost one
/// commit rather than sixteen serialized ones on the write lock. A firm view does not wait for its row;
/// other events (log-ins, uploads, assessments) wait until theirs is stored. At most `capacity` rows wait:
/// beyond that a record waits for the drain too, so nothing is dropped. As a `Service` it flushes when
/// the server stops (after the requests in flight); a killed process loses only the rows still queued.
final class AuditTrailWriter: Service, Sendable {
    typealias Entry = (actor: String, action: String, target: String?, detail: String?, at: Date)

    private struct State {
        var pending: [Entry] = []
        var draining = false
        /// Entries ever queued, and ever handled (stored, or failed and logged).
        var queued = 0, handled = 0
        /// Tasks waiting until entry number `upTo` is handled.
        var waiters: [(upTo: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())
    private let store: RegistryStore
    private let capacity: Int
    private let logger: Logger

    init(store: RegistryStore, capacity: Int = 4096, logger: Logger = Logger(label: "techladder.trail")) {
        self.store = store
        self.capacity = capacity
        self.logger = logger
    }

    /// Queues an entry; waits until it is stored when `wait` is set or the queue is full.
    func record(_ entry: Entry, wait: Bool) async {
        let (ticket, start, full) = state.withLock { state in
            state.pending.append(entry)
            state.queued += 1
            let start = !state.draining
            state.draining = true
            return (state.queued, start, state.pending.count > capacity)
        }
        if start { DispatchQueue.global().async { self.drain() } }
        if wait || full { await handled(upTo: ticket) }
    }

    /// Waits until every entry queued so far is stored (the `/log` page, tests, shutdown).
    func flush() async {
        await handled(upTo: state.withLock { $0.queued })
    }

    /// Waits for graceful shutdown, then flushes.
    func run() async throws {
        try? await gracefulShutdown()
        await flush()
    }

    private func handled(upTo ticket: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.handled >= ticket { return true }
                state.waiters.append((ticket, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Stores what has queued, batch after batch, until the queue is empty (runs off the concurrency pool:
    /// SQLite blocks).
    private func drain() {
        while true {
            let batch: [Entry]? = state.withLock { state in
                if state.pending.isEmpty {
                    state.draining = false
                    return nil
                }
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            guard let batch else { return }
            do {
                try store.appendEvents(batch)
            } catch {
                logger.error("audit trail: could not record \(batch.count) entries (first: \(batch[0].action) by \(batch[0].actor)): \(error)")
            }
            let ready = state.withLock { state in
                state.handled += batch.count
                let handled = state.handled
                let ready = state.waiters.filter { $0.upTo <= handled }.map(\.continuation)
                state.waiters.removeAll { $0.upTo <= handled }
                return ready
            }
            for continuation in ready { continuation.resume() }
        }
    }
}
