import Synchronization

/// A `Ladder` that `@Sendable` work may use: a `Ladder` holds one firm's scratch state and is not
/// `Sendable`, so a pipeline gives each of its workers one of these, over the shared rulebooks. Each
/// is reached through a lock that, with one per worker, is never contended.
public final class WorkerLadder: Sendable {
    private let ladder: Mutex<Ladder>

    /// A ladder of its own over `rulebooks` (immutable and shared).
    public init(rulebooks: [Rulebook]) {
        ladder = Mutex(Ladder(rulebooks: rulebooks))
    }

    /// Runs `body` with the ladder, which no other thread uses meanwhile.
    public func withLadder<Result: Sendable>(_ body: (Ladder) -> Result) -> Result {
        ladder.withLock { body($0) }
    }
}
