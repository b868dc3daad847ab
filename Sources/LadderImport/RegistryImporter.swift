import LadderCore
import XMLStream

/// Imports registry format 1 (`urn:techladder:registry:1`) as a stream of records.
///
/// Records that break the format are rejected with their position, id and reason while the rest of
/// the file imports. A file that is not well-formed stops with the exact position and an `XMLError`.
public struct RegistryImporter: Sendable {
    /// The namespace of registry format 1.
    public static let namespace = "urn:techladder:registry:1"

    public var limits: XMLLimits
    /// How many rejects and warnings an `ImportReport` keeps in full (all are counted).
    public var keepIssues: Int

    public init(limits: XMLLimits = .default, keepIssues: Int = 10_000) {
        self.limits = limits
        self.keepIssues = keepIssues
    }

    /// Streams a file, handing over each accepted record in file order.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - name: the name used in positions (default: the path).
    ///   - progress: called with the bytes read so far, after each chunk.
    ///   - onHeader: called once with the export header, before any record.
    ///   - onRecord: called for each accepted record.
    /// - Returns: the counts, rejects and warnings.
    /// - Throws: `XMLError` when the file is not well-formed or cannot be read; any error the callbacks throw.
    public func importFile(
        _ path: String, name: String? = nil, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        try importFile(path, name: name, progress: progress, spares: nil, onHeader: onHeader, onRecord: onRecord)
    }

    /// `importFile`, reusing the storage of records handed back through `spares` (see `SpareRecords`).
    func importFile(
        _ path: String, name: String?, progress: ((Int64) -> Void)?, spares: SpareRecords?,
        onHeader: (RegistryHeader) throws -> Void, onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        let file = name ?? path
        return try run(name: file, spares: spares, onHeader: onHeader, onRecord: onRecord) { parser, handler in
            var bytes: Int64 = 0
            try parser.parse(file: path, name: file, handler: handler) { read in
                bytes = read
                progress?(read)
            }
            return bytes
        }
    }

    /// Imports a document held in memory.
    public func importDocument(
        _ text: String, name: String,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        try importBytes(Array(text.utf8), name: name, onHeader: onHeader, onRecord: onRecord)
    }

    /// Imports raw bytes held in memory, in whatever encoding they declare.
    public func importBytes(
        _ bytes: [UInt8], name: String,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        try run(name: name, spares: nil, onHeader: onHeader, onRecord: onRecord) { parser, handler in
            try parser.parse(bytes: bytes, name: name, handler: handler)
            return Int64(bytes.count)
        }
    }

    /// Runs one parse with a format-1 handler: an error a callback threw wins over the parse error it
    /// caused (the callback stopped the parser).
    private func run(
        name: String, spares: SpareRecords?, onHeader: (RegistryHeader) throws -> Void,
        onRecord: (RegistryRecord) throws -> Void, parse: (XMLStreamParser, RegistryHandler) throws -> Int64
    ) throws -> ImportReport {
        // GB18030 exports decode through the table-driven decoder, as profile imports do.
        GB18030Decoding.install()
        return try withoutActuallyEscaping(onHeader) { onHeader in
            try withoutActuallyEscaping(onRecord) { onRecord in
                let handler = RegistryHandler(file: name, onHeader: onHeader, onRecord: onRecord)
                handler.record.report.keep = keepIssues
                handler.spares = spares
                let bytes: Int64
                do {
                    bytes = try parse(XMLStreamParser(limits: limits, deliversTailText: false), handler)
                } catch {
                    if let callbackError = handler.record.callbackError { throw callbackError }
                    throw error
                }
                var report = try handler.finish()
                report.bytes = bytes
                return report
            }
        }
    }

    /// Reads `<Enterprise>` fragments written in format 1 (as in rulebook examples). The registry
    /// namespace is added when a fragment has none.
    /// - Throws: `XMLError` when the fragment is not well-formed, `FragmentError` when a firm is rejected.
    public static func enterprises(fromFragment xml: String, name: String, exportedAt: Day? = nil) throws -> [Enterprise] {
        let date = exportedAt?.description ?? "2025-12-31"
        let document = "<Registry xmlns=\"\(namespace)\" exportedAt=\"\(date)\">\(xml)</Registry>"
        var firms: [Enterprise] = []
        let report = try RegistryImporter().importDocument(document, name: name) { record in
            if case .enterprise(let firm) = record { firms.append(firm) }
        }
        if let reject = report.rejects.first { throw FragmentError(issue: reject) }
        return firms
    }
}

/// A fragment whose enterprise was rejected.
public struct FragmentError: Error, CustomStringConvertible {
    public var issue: RecordIssue
    public var description: String { issue.description }
}
