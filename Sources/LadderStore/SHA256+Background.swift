import Foundation
import StoreSupport

/// SHA-256 as the store and its users (tokens, sessions) know it; the block function lives in StoreSupport.
public typealias SHA256 = StoreSupport.SHA256

extension SHA256 {
    /// The SHA-256 of a file, computed on a background thread from the moment it is created, so that
    /// hashing overlaps with parsing the same file.
    public final class BackgroundFileDigest: Sendable {
        private let digest = BackgroundResult<String>()

        /// Starts hashing the file at `path`.
        public init(path: String) {
            digest.start { try SHA256.hexDigest(ofFile: path) }
        }

        /// Waits for the digest (lowercase hex); may be called more than once.
        /// - Throws: the error reading the file raised.
        public func value() throws -> String { try digest.wait() }
    }
}
