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

        public init(target: String, reason: String) {
            self.target = target
            self.reason = reason
        }

        /// The error as one line: `cannot write TARGET: REASON`.
        public var description: String { "cannot write \(target): \(reason)" }
    }

    /// Writes the export of `year` to an open file descriptor (e.g. 1 for standard output) in 1 MiB writes.
    /// - Throws: `WriteError` when the system refuses a write (e.g. a full disk or a closed pipe).
    @discardableResult
    public func write(toFileDescriptor descriptor: Int32) throws(WriteError) -> Summary {
        try writeBytes(chunkSize: 1 << 20) { (chunk: [UInt8]) throws(WriteError) in
            try Self.writeAll(chunk, to: descriptor, target: "descriptor \(descriptor)")
        }
    }

    /// Writes the export of `year` to a file, replacing it only when the whole file is written.
    @discardableResult
    public func write(toFile path: String) throws(WriteError) -> Summary {
        try write(parts: [Part(year: year)], paths: [path]).first ?? Summary()
    }

    /// Writes several parts to files, one per part, in one pass over the firms. Each file is written
    /// beside its final name and renamed into place at the end, so a failed write leaves no half file.
    /// - Parameters:
    ///   - parts: the exports (see `parts(years:splitByDistrict:)`).
    ///   - paths: one file per part.
    @discardableResult
    public func write(parts: [Part], paths: [String]) throws(WriteError) -> [Summary] {
        precondition(parts.count == paths.count, "one path per part")
        var descriptors: [Int32] = []
        let temporary = paths.map { $0 + ".partial" }
        func abandon() {
            for descriptor in descriptors { _ = close(descriptor) }
            for path in temporary { _ = unlink(path) }
        }
        for path in temporary {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                let error = WriteError(target: path, reason: Self.reason())
                abandon()
                throw error
            }
            descriptors.append(descriptor)
        }
        let summaries: [Summary]
        do {
            summaries = try write(parts: parts, chunkSize: 1 << 20) { (index, chunk: [UInt8]) throws(WriteError) in
                try Self.writeAll(chunk, to: descriptors[index], target: paths[index])
            }
        } catch {
            abandon()
            throw error
        }
        for (index, descriptor) in descriptors.enumerated() {
            guard close(descriptor) == 0 else {
                let error = WriteError(target: paths[index], reason: Self.reason())
                descriptors = Array(descriptors[(index + 1)...])
                abandon()
                throw error
            }
        }
        for (index, path) in paths.enumerated() where rename(temporary[index], path) != 0 {
            throw WriteError(target: path, reason: Self.reason())
        }
        return summaries
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
