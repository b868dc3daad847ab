import Foundation
import Synchronization

/// An ordered, bounded hand-over of work between threads: items go in at one end (`put`), a step
/// turns each into an output (`prepare`, run by whichever thread is free), and outputs come out at the
/// other end in the order the items went in (`take`). Spent items and outputs can be given back for
/// reuse, so the memory of a batch is allocated and freed on the same thread and not mapped afresh.
///
/// Two shapes use it: a producer thread feeding this thread (`run`: parsing on one core while this
/// one assesses and writes), and this thread feeding a worker thread (`startWorker`, `put(_:draining:)`,
/// `finish`: firms read from SQLite while another thread assesses them). A worker number (0, 1)
/// tells `prepare` which thread it runs on, for per-thread scratch state (one `Ladder` each).
///
/// Leaf type with unchecked sendability (docs/ARCHITECTURE.md). Invariant: every stored property is read
/// and written under `condition`'s lock; an item or output belongs to one thread at a time (moved in
/// and out of a slot under the lock); each item is prepared exactly once, and for worker `w` only by
/// the thread that passed `w`.
public final class Pipeline<Item, Output>: @unchecked Sendable {
    /// Thrown by `put` once the consumer has cancelled.
    public struct Cancelled: Error {
        public init() {}
    }

    private enum Stage { case waiting, preparing, prepared }

    private final class Slot {
        var item: Item?
        var output: Output?
        var stage = Stage.waiting
        init(_ item: Item) { self.item = item }
    }

    private let condition = NSCondition()
    private let capacity: Int
    private let prepare: (_ item: Item, _ worker: Int, _ spare: Output?) -> Output
    private var slots: [Slot] = []
    private var spareItems: [Item] = []
    private var spareOutputs: [Output] = []
    private var closed = false
    private var cancelled = false
    private var failure: (any Error)?
    private var threadsRunning = 0

    /// - Parameters:
    ///   - capacity: items in the pipeline (queued, being prepared or prepared and not taken) at most;
    ///     also how many spare items and outputs are kept.
    ///   - prepare: turns an item into its output; `spare` is an output given back earlier, to reuse
    ///     its storage. Called on the thread whose worker number it gets, one call per item.
    public init(capacity: Int, prepare: @escaping (_ item: Item, _ worker: Int, _ spare: Output?) -> Output) {
        precondition(capacity > 0, "a pipeline holds at least one item")
        self.capacity = capacity
        self.prepare = prepare
    }

    // MARK: Feeding

    /// Queues an item. While the pipeline is full it waits — or, given a worker number, prepares the
    /// newest waiting item itself (the consumer reaches that one last).
    /// - Throws: `Cancelled` once the consumer cancelled.
    public func put(_ item: Item, helpingAs worker: Int? = nil) throws {
        condition.lock()
        defer { condition.unlock() }
        while slots.count >= capacity && !cancelled {
            if let worker, let slot = slots.last(where: { $0.stage == .waiting }) {
                prepareLocked(slot, worker: worker)
            } else {
                condition.wait()
            }
        }
        if cancelled { throw Cancelled() }
        slots.append(Slot(item))
        condition.broadcast()
    }

    /// For a thread that both feeds and drains while a worker prepares: while the pipeline is full,
    /// takes outputs in order (waiting for the worker) and hands them to `consume`; then queues the item
    /// and hands over the outputs ready now.
    public func put(_ item: Item, draining consume: (Output) throws -> Void) throws {
        while isFull {
            guard let output = take() else { throw Cancelled() }
            try consume(output)
        }
        try put(item)
        for output in takeReady() { try consume(output) }
    }

    /// No more items: `take` returns nil once the pipeline is empty; `error` (the producer's) is
    /// rethrown by `run` after the outputs of the items put before it.
    public func close(failing error: (any Error)? = nil) {
        condition.withLock {
            closed = true
            if failure == nil { failure = error }
            condition.broadcast()
        }
    }

    /// Stops the pipeline from the consumer's side: queued items are dropped, `put` throws `Cancelled`,
    /// workers stop after the item they are preparing.
    public func cancel() {
        condition.withLock {
            cancelled = true
            slots.removeAll()
            condition.broadcast()
        }
    }

    // MARK: Draining

    /// The next output in order, or nil once the pipeline is closed and empty or cancelled. Given a
    /// worker number, this thread prepares the next item itself when no one has started on it;
    /// without one, it waits for a worker.
    public func take(helpingAs worker: Int? = nil) -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            guard let head = slots.first else {
                if closed { return nil }
                condition.wait()
                continue
            }
            if head.stage == .waiting && worker == nil {
                condition.wait()
                continue
            }
            // Off the queue first, so that the producer may put the next item meanwhile.
            slots.removeFirst()
            condition.broadcast()
            if head.stage == .waiting, let worker { prepareLocked(head, worker: worker) }
            while head.stage != .prepared { condition.wait() }
            let output = head.output
            head.output = nil
            return output
        }
    }

    /// The outputs ready now, in order, without waiting.
    public func takeReady() -> [Output] {
        condition.withLock {
            var ready: [Output] = []
            while let head = slots.first, head.stage == .prepared, let output = head.output {
                slots.removeFirst()
                head.output = nil
                ready.append(output)
            }
            if !ready.isEmpty { condition.broadcast() }
            return ready
        }
    }

    // MARK: Reuse

    /// Gives back an item the consumer is done with, for the producer's next items (`spareItem`);
    /// dropped when `capacity` are kept already.
    public func giveBack(item: Item) {
        condition.withLock { if spareItems.count < capacity { spareItems.append(item) } }
    }

    /// An item given back, if any.
    public func spareItem() -> Item? {
        condition.withLock { spareItems.popLast() }
    }

    /// Gives back an output the consumer is done with; `prepare` gets it as `spare`.
    public func giveBack(output: Output) {
        condition.withLock { if spareOutputs.count < capacity { spareOutputs.append(output) } }
    }

    // MARK: Threads

    /// Runs `produce` on a new thread, feeding the pipeline, while this thread takes the outputs in
    /// order (preparing them as worker 0) and hands them to `consume`.
    ///
    /// When `consume` throws, the pipeline is cancelled (the producer's next `put` throws `Cancelled`)
    /// and the error is rethrown once the producer has returned. When `produce` throws, the outputs of
    /// the items put before are consumed first, then its error is rethrown.
    /// A producer that calls `put(_:helpingAs: 1)` prepares items itself while the pipeline is full.
    public func run<Result: Sendable>(
        produce: @escaping @Sendable (Pipeline) throws -> Result, consume: (Output) throws -> Void
    ) throws -> Result {
        let outcome = Outcome<Result>()
        spawn { [self] in
            do {
                let value = try produce(self)
                outcome.value.withLock { $0 = value }
                close()
            } catch {
                close(failing: error)
            }
        }
        do {
            while let output = take(helpingAs: 0) { try consume(output) }
        } catch {
            cancel()
            waitForThreads()
            throw error
        }
        waitForThreads()
        if let failure = condition.withLock({ failure }) { throw failure }
        guard let result = outcome.value.withLock({ $0 }) else { throw Cancelled() }
        return result
    }

    /// Starts a thread that prepares items in order (as `worker`) until the pipeline is closed and
    /// drained, or cancelled. End with `finish` or `cancel` and `waitForThreads`.
    public func startWorker(as worker: Int) {
        spawn { [self] in
            condition.lock()
            defer { condition.unlock() }
            while !cancelled {
                if let slot = slots.first(where: { $0.stage == .waiting }) {
                    prepareLocked(slot, worker: worker)
                } else if closed {
                    return
                } else {
                    condition.wait()
                }
            }
        }
    }

    /// Closes the pipeline, hands every remaining output to `consume` in order (waiting for the
    /// worker), and waits for the threads to end. When `consume` throws, the pipeline is cancelled.
    public func finish(draining consume: (Output) throws -> Void) throws {
        close()
        do {
            while let output = take() { try consume(output) }
        } catch {
            cancel()
            waitForThreads()
            throw error
        }
        waitForThreads()
    }

    /// Waits until every thread this pipeline started has returned.
    public func waitForThreads() {
        condition.lock()
        defer { condition.unlock() }
        while threadsRunning > 0 { condition.wait() }
    }

    private var isFull: Bool { condition.withLock { slots.count >= capacity } }

    /// Runs `body` on a new thread with an 8 MiB stack (the parser and the evaluator recurse).
    private func spawn(_ body: @escaping @Sendable () -> Void) {
        condition.withLock { threadsRunning += 1 }
        let thread = Thread { [self] in
            body()
            condition.withLock {
                threadsRunning -= 1
                condition.broadcast()
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Prepares a waiting slot outside the lock (held on entry and on return), then tells any thread
    /// waiting for it.
    private func prepareLocked(_ slot: Slot, worker: Int) {
        guard let item = slot.item else { return }
        slot.item = nil
        slot.stage = .preparing
        let spare = spareOutputs.popLast()
        condition.unlock()
        let output = prepare(item, worker, spare)
        condition.lock()
        slot.output = output
        slot.stage = .prepared
        condition.broadcast()
    }

    /// The producer's result, handed to the consuming thread.
    private final class Outcome<Value: Sendable>: Sendable {
        let value = Mutex<Value?>(nil)
    }
}
