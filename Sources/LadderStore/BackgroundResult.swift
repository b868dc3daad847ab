import Foundation
import Synchronization

/// A value computed on another thread; `wait()` blocks until it is there (and may be called again).
final class BackgroundResult<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Runs `work` on a new thread.
    func start(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let value = Result { try work() }
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// Waits for the value.
    /// - Throws: what `work` threw.
    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try (result.withLock { $0 } ?? .failure(CancellationError())).get()
    }
}
