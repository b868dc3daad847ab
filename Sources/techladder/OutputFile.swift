import ArgumentParser
import Foundation
import LadderReports

/// A file written whole or not at all: bytes go to a temporary file beside the target (the same
/// directory, so the final rename is atomic), and `commit()` renames it over the target. Until then
/// the target is untouched; `discard()`, or dropping the value uncommitted, removes the temporary file.
final class AtomicFile {
    /// The path the user asked for.
    let target: String
    /// The temporary file being written.
    let temporary: String
    private var descriptor: Int32
    private var done = false

    /// Creates the temporary file.
    /// - Throws: `CommandFailure` (exit 73) naming the target and the cause.
    init(_ target: String) throws {
        self.target = target
        if FileManager.default.isDirectory(target) {
            throw CommandFailure(.cannotOpenOrWrite, "cannot write \(target): it is a directory")
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.isDirectory(folder) else {
            throw CommandFailure(.cannotOpenOrWrite, "cannot write \(target): the folder \(folder) does not exist")
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".partial-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw CommandFailure(.cannotOpenOrWrite, "cannot write \(target): \(String(cString: strerror(errno)))")
        }
        temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp makes the file private (0600); an output file gets the usual 0666 less the umask.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
    }

    deinit { if !done { discard() } }

    /// Appends bytes. - Throws: `CommandFailure` (exit 73), e.g. when the disk is full.
    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Appends bytes without copying them. - Throws: `CommandFailure` (exit 73).
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure("write") }
            offset += written
        }
    }

    /// Flushes the bytes to disk and renames the file over the target.
    func commit() throws {
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
    func discard() {
        guard !done else { return }
        done = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }

    /// Closes the descriptor so another writer can open `temporary` by name (`commit()` still renames).
    func handOver() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    private func failure(_ step: String) -> CommandFailure {
        let cause = String(cString: strerror(errno))
        discard()
        return CommandFailure(.cannotOpenOrWrite, "cannot write \(target) (\(step) failed: \(cause)); nothing was written there")
    }

    /// Writes bytes whole to a path, or to standard output for `-`.
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let file = try AtomicFile(path)
        try file.write(data)
        try file.commit()
    }
}

/// The options of every command that writes a table, CSV, xlsx or report: where, and in which language.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Write to this file (whole or not at all) instead of standard output; required for xlsx.",
            completion: .file())
    var output: String?

    @OptionGroup var language: LanguageOption

    /// Writes text to `--output` or standard output.
    func emit(_ text: String) throws {
        try AtomicFile.write(Data(text.utf8), to: output ?? "-")
    }

    /// Writes a workbook to `--output`; refuses a terminal (binary).
    func emit(_ workbook: Workbook) throws {
        let path = try binaryPath(format: "xlsx")
        try AtomicFile.write(try XlsxWriter.data(workbook, language: language.resolved), to: path)
    }

    /// The path to write a binary format to: `--output`, or `-` only when standard output is not a terminal.
    func binaryPath(format: String) throws -> String {
        guard let output, output != "-" || isatty(STDOUT_FILENO) == 0 else {
            throw ValidationError("--format \(format) writes a binary file: pass --output FILE.\(format)")
        }
        return output
    }
}

/// `--lang zh|en` (default: `TECHLADDER_LANG`, else zh).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of headers, labels and notes: zh or en (default: $TECHLADDER_LANG, else zh). JSON keys never change.")
    var lang: Language?

    /// The language to use.
    var resolved: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment["TECHLADDER_LANG"]) }
}

extension Language: ExpressibleByArgument {}
