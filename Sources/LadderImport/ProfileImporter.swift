import LadderCore
import XMLStream

/// Imports a registry export in another layout through a mapping profile, as a stream of records.
///
/// Records get the same checks, rejects (with their data-file positions), warnings, duplicate
/// detection and district resolution as registry format 1, and the same `ImportReport`. Problems that
/// come from the profile (a path that finds nothing, a value a translation does not list) name the
/// profile's line as well as the data file's.
public struct ProfileImporter: Sendable {
    /// The profile the files are read through.
    public var profile: Profile
    public var limits: XMLLimits

    /// Creates an importer for one profile.
    public init(profile: Profile, limits: XMLLimits = .default) {
        self.profile = profile
        self.limits = limits
        // Layouts are often GB18030: libxml2 decodes it through a faster, identical path from now on.
        GB18030Decoding.install()
    }

    /// Streams a file, handing over each accepted record in file order.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - name: the name used in positions (default: the path).
    ///   - progress: called with the bytes read so far, after each chunk.
    ///   - onHeader: called once with the export header, before any record.
    ///   - onRecord: called for each accepted record.
    /// - Returns: the counts, rejects and warnings.
    /// - Throws: `XMLError` when the file is not well-formed, does not match its declared encoding,
    ///   or is not in the profile's layout; any error the callbacks throw.
    public func importFile(
        _ path: String, name: String? = nil, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        try run(name: name ?? path, trace: nil, onHeader: onHeader, onRecord: onRecord) { handler in
            var bytes: Int64 = 0
            try parser(for: handler).parse(file: path, name: name ?? path, handler: handler) { read in
                bytes = read
                progress?(read)
            }
            return bytes
        }.report
    }

    /// Imports a document held in memory (tests, small files), in whatever encoding it declares.
    public func importDocument(
        bytes: [UInt8], name: String,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        try run(name: name, trace: nil, onHeader: onHeader, onRecord: onRecord) { handler in
            try parser(for: handler).parse(bytes: bytes, name: name, handler: handler)
            return Int64(bytes.count)
        }.report
    }

    /// Reads the first records of a file and logs every value read for them, for checking a profile
    /// against a sample: where each value was, which profile line mapped it, and what it became.
    /// - Parameters:
    ///   - path: the data file.
    ///   - records: how many records to read.
    /// - Returns: the report of the records read, the records, and the log.
    /// - Throws: `XMLError` as `importFile` does.
    public func trace(_ path: String, name: String? = nil, records: Int) throws -> (report: ImportReport, records: [RegistryRecord], trace: [ProfileTraceEntry]) {
        struct Enough: Error {}
        var collected: [RegistryRecord] = []
        let outcome = try run(name: name ?? path, trace: records, onHeader: { _ in }, onRecord: { record in
            collected.append(record)
        }) { handler in
            do {
                try parser(for: handler).parse(file: path, name: name ?? path, handler: handler)
            } catch let error as XMLError where error.kind == .stopped && handler.stopRequested {
                // Stopped on purpose after the records asked for.
            }
            return 0
        }
        return (outcome.report, collected, outcome.trace)
    }

    /// The parser for a handler: with ASCII stand-ins for the profile's Chinese (or other non-ASCII)
    /// names, which libxml2 reads several times faster; lines, values and messages are as without
    /// them (see `XMLNameAliases`).
    private func parser(for handler: ProfileHandler) -> XMLStreamParser {
        XMLStreamParser(limits: limits, deliversTailText: false, nameAliases: handler.aliases)
    }

    private func run(
        name: String, trace: Int?, onHeader: (RegistryHeader) throws -> Void,
        onRecord: (RegistryRecord) throws -> Void,
        parse: (ProfileHandler) throws -> Int64
    ) throws -> (report: ImportReport, trace: [ProfileTraceEntry]) {
        try withoutActuallyEscaping(onHeader) { onHeader in
            try withoutActuallyEscaping(onRecord) { onRecord in
                let handler = ProfileHandler(profile: profile, file: name, aliases: XMLNameAliases(profile.elementNames + profile.attributeNames), onHeader: onHeader, onRecord: onRecord)
                if let trace {
                    handler.trace = []
                    handler.traceLimit = trace
                    handler.stopAfter = trace
                }
                let bytes: Int64
                do {
                    bytes = try parse(handler)
                } catch {
                    if let callbackError = handler.record.callbackError { throw callbackError }
                    throw error
                }
                var report = try handler.finish()
                report.bytes = bytes
                return (report, handler.trace ?? [])
            }
        }
    }
}
