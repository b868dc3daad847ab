import Foundation

/// Why an output file or standard output could not be written; the message names the path and the
/// cause (the command line exits 73 with it).
public struct OutputFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A file written whole or not at all: bytes go to a temporary file beside the target (the same
/// directory, so the final rename is atomic), and `commit()` renames it over the target. Until then
/// the target is untouched; `discard()`, or dropping the value uncommitted, removes the temporary file.
///
/// Leaf type (docs/ARCHITECTURE.md): `mkstemp` and `write(2)` on raw buffers. Invariant: every write
/// reads only inside the bytes the caller's value holds; the descriptor is closed once.
public final class AtomicFile {
    /// The path the user asked for.
    public let target: String
    /// The temporary file being written.
    public let temporary: String
    private var descriptor: Int32
    private var done = false

    /// Creates the temporary file.
    /// - Throws: `OutputFileError` naming the target and the cause.
    public init(_ target: String) throws(OutputFileError) {
        self.target = target
        if Self.isDirectory(target) {
            throw OutputFileError("cannot write \(target): it is a directory")
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        guard Self.isDirectory(folder) else {
            throw OutputFileError("cannot write \(target): the folder \(folder) does not exist")
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".partial-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw OutputFileError("cannot write \(target): \(String(cString: strerror(errno)))")
        }
        temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp makes the file private (0600); an output file gets the usual 0666 less the umask.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
    }

    deinit { if !done { discard() } }

    /// Appends bytes (`Data`, `[UInt8]`, a buffer's view; after the first `skip`) without copying them.
    /// - Throws: `OutputFileError`, e.g. when the disk is full; the temporary file is then removed.
    public func write(_ bytes: some ContiguousBytes, droppingFirst skip: Int = 0) throws(OutputFileError) {
        guard Self.writeAll(bytes, to: descriptor, droppingFirst: skip) else { throw failure("write") }
    }

    /// Flushes the bytes to disk and renames the file over the target.
    public func commit() throws(OutputFileError) {
        guard !done else { return }
        if descriptor >= 0 {
            guard fsync(descriptor) == 0 || errno == EINVAL else { throw failure("flush") }
            guard close(descriptor) == 0 else { descriptor = -1; throw failure("close") }
            descriptor = -1
        }
        guard rename(temporary, target) == 0 else { throw failure("rename") }
        done = true
    }

    /// Removes the temporary file; the target stays as it was.
    public func discard() {
        guard !done else { return }
        done = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }

    /// Closes the descriptor so another writer can open `temporary` by name (`commit()` still renames).
    public func handOver() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Writes bytes whole to a path, or to standard output for `-`.
    public static func write(_ data: Data, to path: String) throws(OutputFileError) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let file = try AtomicFile(path)
        try file.write(data)
        try file.commit()
    }

    private func failure(_ step: String) -> OutputFileError {
        let cause = String(cString: strerror(errno))
        discard()
        return OutputFileError("cannot write \(target) (\(step) failed: \(cause)); nothing was written there")
    }

    /// Writes every byte to a descriptor, retrying after signals; false on an error (`errno` says which).
    static func writeAll(_ bytes: some ContiguousBytes, to descriptor: Int32, droppingFirst skip: Int = 0) -> Bool {
        bytes.withUnsafeBytes { whole in
            let bytes = UnsafeRawBufferPointer(rebasing: whole.dropFirst(skip))
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

/// Output written in large chunks to standard output or an `AtomicFile`: small pieces are gathered in
/// a 64 KiB buffer, large ones written as they are, without a copy.
///
/// Leaf type (docs/ARCHITECTURE.md) with `AtomicFile`: the same raw `write(2)` loop, same invariant.
public final class ByteSink {
    private let file: AtomicFile?
    private var pending: [UInt8] = []
    private static let chunk = 1 << 16

    /// - Parameter file: where to write; nil for standard output.
    public init(file: AtomicFile?) {
        self.file = file
        pending.reserveCapacity(Self.chunk)
    }

    /// Writes bytes (after the first `skip`), gathering small pieces.
    /// - Throws: `OutputFileError` (standard output or the file cannot be written).
    public func write(_ bytes: some ContiguousBytes, droppingFirst skip: Int = 0) throws(OutputFileError) {
        let large: Bool = bytes.withUnsafeBytes { whole in
            let bytes = whole.dropFirst(skip)
            guard pending.count + bytes.count >= Self.chunk else {
                pending.append(contentsOf: bytes)
                return false
            }
            return true
        }
        guard large else { return }
        try flush()
        try writeOut(bytes, droppingFirst: skip)
    }

    /// Writes text.
    public func write(_ text: String) throws(OutputFileError) {
        try write(Array(text.utf8))
    }

    /// Writes what is gathered.
    public func flush() throws(OutputFileError) {
        guard !pending.isEmpty else { return }
        try writeOut(pending, droppingFirst: 0)
        pending.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: some ContiguousBytes, droppingFirst skip: Int) throws(OutputFileError) {
        if let file {
            try file.write(bytes, droppingFirst: skip)
        } else if !AtomicFile.writeAll(bytes, to: STDOUT_FILENO, droppingFirst: skip) {
            throw OutputFileError("cannot write to standard output: \(String(cString: strerror(errno)))")
        }
    }
}
