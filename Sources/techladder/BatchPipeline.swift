import Foundation

/// Runs a transform over batches on a second thread while the calling thread produces the next
/// batches (e.g. reading firms back from SQLite while another thread assesses them).
///
/// The calling thread hands batches over with `submit` (waiting while four are queued), collects
/// finished results with `takeFinished`, in submission order, and ends with `finish`.
final class BatchPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var inbox: [[Input]] = []
    private var outbox: [[Output]] = []
    private var closed = false
    private var done = false
    private let transform: ([Input]) -> [Output]

    /// Starts the worker thread.
    /// - Parameter transform: run on the worker thread only, one batch at a time; it may keep state.
    init(_ transform: @escaping ([Input]) -> [Output]) {
        self.transform = transform
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands over a batch; waits while four batches are already queued.
    func submit(_ batch: [Input]) {
        condition.lock()
        while inbox.count >= 4 { condition.wait() }
        inbox.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The results finished so far, in submission order.
    func takeFinished() -> [Output] {
        condition.lock()
        let results = outbox
        outbox.removeAll()
        condition.unlock()
        return results.flatMap { $0 }
    }

    /// Waits for every submitted batch and returns the results not taken yet.
    func finish() -> [Output] {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        let results = outbox
        outbox.removeAll()
        condition.unlock()
        return results.flatMap { $0 }
    }

    private func run() {
        while true {
            condition.lock()
            while inbox.isEmpty && !closed { condition.wait() }
            if inbox.isEmpty {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = inbox.removeFirst()
            condition.broadcast()
            condition.unlock()
            let results = transform(batch)
            condition.lock()
            outbox.append(results)
            condition.unlock()
        }
    }
}
