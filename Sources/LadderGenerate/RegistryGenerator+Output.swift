#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

extension RegistryGenerator {
    /// A write to a file or descriptor that failed.
    public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file, or `descriptor N`.
        public var target: String
        /// The system's reason.
        public var reason: String

        /// Creates an error.
        public init(target: String, reason: String) {
            self.target = target
            self.reason = reason
        }

        /// The error as one line: `cannot write TARGET: REASON`.
        public var description: String { "cannot write \(target): \(reason)" }
    }

    /// Writes the export to an open file descriptor (e.g. 1 for standard output) in 1 MiB writes.
    /// - Parameter descriptor: a descriptor open for writing; it is not closed.
    /// - Returns: what was written.
    /// - Throws: `WriteError` when the system refuses a write (e.g. a full disk or a closed pipe).
    @discardableResult
    public func write(toFileDescriptor descriptor: Int32) throws(WriteError) -> Summary {
        try writeBytes(chunkSize: 1 << 20) { (chunk: [UInt8]) throws(WriteError) in
            try Self.writeAll(chunk, to: descriptor, target: "descriptor \(descriptor)")
        }
    }

    /// Writes the export to a file, replacing it.
    /// - Parameter path: the file to create or truncate.
    /// - Returns: what was written.
    /// - Throws: `WriteError` when the file cannot be opened, written or closed.
    @discardableResult
    public func write(toFile path: String) throws(WriteError) -> Summary {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(target: path, reason: Self.reason()) }
        var closed = false
        defer { if !closed { _ = close(descriptor) } }
        let summary = try writeBytes(chunkSize: 1 << 20) { (chunk: [UInt8]) throws(WriteError) in
            try Self.writeAll(chunk, to: descriptor, target: path)
        }
        closed = true
        guard close(descriptor) == 0 else { throw WriteError(target: path, reason: Self.reason()) }
        return summary
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, target: String) throws(WriteError) {
        var failure: WriteError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = WriteError(target: target, reason: reason())
                    return
                }
                offset += written
            }
        }
        if let failure { throw failure }
    }

    static func reason() -> String { String(cString: strerror(errno)) }
}
