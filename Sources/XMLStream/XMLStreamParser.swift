import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A secure streaming XML parser over libxml2's SAX2 interface (libxml2 pulls the bytes).
///
/// Secure by construction: no network (`XML_PARSE_NONET`), entity declarations refused (so no
/// external entity is ever loaded or substituted and no expansion bomb can start), no DTD loading,
/// libxml2's own limits kept (never `XML_PARSE_HUGE`), and bounds on depth, text and attribute count
/// from `XMLLimits`. Memory stays flat whatever the file size: the file is read in fixed chunks.
public struct XMLStreamParser: Sendable {
    public var limits: XMLLimits
    /// The read buffer's size, and how often progress is reported, in bytes.
    public var chunkSize: Int
    /// Whether text that follows an end tag (white space between siblings, mixed-content tails) is
    /// delivered. Record-oriented readers that take text only from leaf elements turn it off and skip
    /// about half of all text callbacks.
    public var deliversTailText: Bool
    /// ASCII stand-ins for the layout's non-ASCII names, written into the bytes before libxml2 reads
    /// them (see `XMLNameAliases`); nil for none.
    public var nameAliases: XMLNameAliases?

    public init(
        limits: XMLLimits = .default, chunkSize: Int = 1 << 20, deliversTailText: Bool = true,
        nameAliases: XMLNameAliases? = nil
    ) {
        self.limits = limits
        self.chunkSize = chunkSize
        self.deliversTailText = deliversTailText
        self.nameAliases = nameAliases
    }

    /// Parses a file from disk, streaming.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - name: the name used in errors (default: the path).
    ///   - handler: receives the events.
    ///   - progress: called after each chunk with the bytes read so far.
    /// - Throws: `XMLError` with file, line and column.
    public func parse(
        file path: String, name: String? = nil, handler: any XMLEventHandler,
        progress: ((Int64) -> Void)? = nil
    ) throws(XMLError) {
        let displayName = name ?? path
        guard let stream = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw XMLError(kind: .io, file: displayName, line: 0, column: 0, message: "cannot open: \(reason)")
        }
        defer { fclose(stream) }
        try run(name: displayName, handler: handler) { session throws(XMLError) in
            let source = ByteSource.file(stream, bufferSize: chunkSize, aliases: nameAliases, progress: progress)
            session.parse(source)
            session.checkNotEmpty(totalBytes: source.total)
        }
    }

    /// Parses bytes held in memory (tests, small files).
    public func parse(bytes: [UInt8], name: String, handler: any XMLEventHandler) throws(XMLError) {
        try run(name: name, handler: handler) { session throws(XMLError) in
            session.parse(ByteSource.memory(bytes, step: chunkSize, aliases: nameAliases))
            session.checkNotEmpty(totalBytes: Int64(bytes.count))
        }
    }

    private func run(
        name: String, handler: any XMLEventHandler, body: (ParseSession) throws(XMLError) -> Void
    ) throws(XMLError) {
        SecureDefaults.install()
        let session = ParseSession(file: name, handler: handler, limits: limits, aliases: nameAliases)
        session.skipsTailText = !deliversTailText
        defer { session.close() }
        try body(session)
        if let error = session.error { throw error }
        if !session.sawRoot {
            throw XMLError(kind: .notWellFormed, file: name, line: 1, column: 1, message: "the file is empty: no root element")
        }
    }
}

/// Process-wide libxml2 settings, installed once: an external entity loader that refuses everything.
enum SecureDefaults {
    static let installed: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func install() { _ = installed }
}
