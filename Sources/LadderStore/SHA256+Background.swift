import Foundation
import LadderCore
import Synchronization

extension SHA256 {
    /// The SHA-256 of a file, computed on a background thread from the moment it is created, so that
    /// hashing overlaps with parsing the same file.
    public final class BackgroundFileDigest: Sendable {
        private let job: Pipeline<Result<String, any Error>, Result<String, any Error>>
        /// The digest once taken from the job (`value()` may be asked more than once).
        private let result = Mutex<Result<String, any Error>?>(nil)

        /// Starts hashing the file at `path`.
        public init(path: String) {
            job = .background { Result { try SHA256.hexDigest(ofFile: path) } }
        }

        /// Waits for the digest (lowercase hex).
        /// - Throws: the error reading the file raised.
        public func value() throws -> String {
            try result.withLock { result in
                if result == nil { result = job.take() ?? .failure(CocoaError(.fileReadUnknown)) }
                return try result!.get()
            }
        }
    }
}
