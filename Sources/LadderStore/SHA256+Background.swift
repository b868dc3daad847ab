import Foundation

extension SHA256 {
    /// The SHA-256 of a file, computed on a background thread from the moment it is created, so that
    /// hashing overlaps with parsing the same file.
    public final class BackgroundFileDigest: @unchecked Sendable {
        // `result` is written once by the worker before `done` is signalled, and read only after
        // waiting on `done`; the semaphore orders the accesses.
        private var result: Result<String, any Error>?
        private let done = DispatchSemaphore(value: 0)

        /// Starts hashing the file at `path`.
        public init(path: String) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                result = Result { try SHA256.hexDigest(ofFile: path) }
                done.signal()
            }
        }

        /// Waits for the digest (lowercase hex).
        /// - Throws: the error reading the file raised.
        public func value() throws -> String {
            done.wait()
            defer { done.signal() }
            guard let result else { throw CocoaError(.fileReadUnknown) }
            return try result.get()
        }
    }
}
