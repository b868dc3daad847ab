import Foundation
import LadderCore
import LadderReports
import LadderRules

/// Assesses and tallies firms on a second thread while the importer parses on the calling thread, so
/// that a tally with eligibility costs about as much wall time as the import alone.
///
/// The calling thread hands over batches with `submit`; the queue is bounded, so memory stays flat.
final class ReportWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[Enterprise]] = []
    private var closed = false
    private var done = false
    // Touched only by the worker thread until `finish` has seen `done`.
    private var tally: LadderReports.Tally
    private let ladder: Ladder

    /// Starts a worker with its own ladder (a `Ladder` is not shared between threads).
    init(ladder: Ladder, asOf: Day, by grouping: Grouping) {
        self.ladder = ladder.copy()
        tally = LadderReports.Tally(asOf: asOf, by: grouping, eligibilityComputed: true)
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands over a batch of firms; waits while four batches are already queued.
    func submit(_ batch: [Enterprise]) {
        condition.lock()
        while queue.count >= 4 { condition.wait() }
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every queued firm and returns the tally of firms.
    func finish() -> LadderReports.Tally {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
        return tally
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            let asOf = tally.asOf
            for firm in batch {
                tally.add(firm, eligibility: Eligibility(ladder.assess(firm, asOf: asOf)))
            }
        }
    }
}
