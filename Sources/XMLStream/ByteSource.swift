#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a parse reads its bytes: libxml2 asks for them as it needs them (`ParseSession.parse`).
final class ByteSource {
    /// Fills the buffer; returns the bytes written, 0 at the end, or nil when reading failed.
    private let read: (UnsafeMutableRawBufferPointer) -> Int?
    /// Called with the bytes read so far, every `progressStep` bytes and at the end.
    private let progress: ((Int64) -> Void)?
    private let progressStep: Int64
    private var nextReport: Int64
    /// Bytes read from the file so far.
    private(set) var total: Int64 = 0
    /// Why reading stopped early, if it did.
    private(set) var failure: String?
    /// Rewrites aliased names on the way (`XMLNameAliases`), when the parse has aliases.
    private let aliasing: NameAliasingReader?

    init(
        progressStep: Int, progress: ((Int64) -> Void)?, aliases: XMLNameAliases? = nil,
        read: @escaping (UnsafeMutableRawBufferPointer) -> Int?
    ) {
        self.read = read
        aliasing = aliases.flatMap { $0.pairs.isEmpty ? nil : NameAliasingReader(aliases: $0) }
        self.progress = progress
        self.progressStep = Int64(max(progressStep, 1))
        nextReport = self.progressStep
    }

    /// Whether the bytes given to libxml2 have aliases for names (see `XMLNameAliases`).
    var rewritesNames: Bool { aliasing?.rewrites ?? false }

    /// libxml2's read callback: bytes written, 0 at the end, -1 on an error.
    func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard failure == nil else { return -1 }
        let written = aliasing.map { $0.read(into: buffer, from: read) } ?? read(buffer)
        guard let count = written else {
            failure = "read error: \(String(cString: strerror(errno)))"
            return -1
        }
        total = aliasing?.consumed ?? total + Int64(count)
        if let progress, count == 0 || total >= nextReport {
            nextReport = total + progressStep
            progress(total)
        }
        return count
    }

    /// Reads a file through stdio with a buffer of `bufferSize` bytes.
    static func file(
        _ stream: UnsafeMutablePointer<FILE>, bufferSize: Int, aliases: XMLNameAliases?, progress: ((Int64) -> Void)?
    ) -> ByteSource {
        setvbuf(stream, nil, _IOFBF, bufferSize)
        return ByteSource(progressStep: bufferSize, progress: progress, aliases: aliases) { buffer in
            let count = fread(buffer.baseAddress, 1, buffer.count, stream)
            if count == 0 && ferror(stream) != 0 { return nil }
            return count
        }
    }

    /// Reads bytes held in memory, at most `step` bytes per call (so that tests can cut markup anywhere).
    static func memory(_ bytes: [UInt8], step: Int, aliases: XMLNameAliases?) -> ByteSource {
        var offset = 0
        return ByteSource(progressStep: Int.max, progress: nil, aliases: aliases) { buffer in
            let count = min(buffer.count, max(step, 1), bytes.count - offset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { raw in
                buffer.baseAddress?.copyMemory(from: raw.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
    }
}
