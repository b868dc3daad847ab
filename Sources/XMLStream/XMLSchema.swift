import CLibXML2

/// An XSD schema compiled by libxml2, for validating documents against it.
///
/// Validate only files that have already passed `XMLStreamParser` (which refuses entity declarations
/// and bounds depth): the validator runs libxml2's own parser. External entities stay refused by the
/// process-wide loader either way.
public final class XMLSchema {
    private let schema: xmlSchemaPtr

    /// Compiles a schema file.
    /// - Throws: `XMLError` naming the schema file when it cannot be read or compiled.
    public init(file path: String) throws(XMLError) {
        SecureDefaults.install()
        guard let bytes = XMLSchema.read(path) else {
            throw XMLError(kind: .io, file: path, line: 0, column: 0, message: "cannot read the schema")
        }
        let collector = ErrorCollector(file: path, limit: 5, kind: .invalid)
        let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                xmlSchemaSetParserStructuredErrors(parser, ErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
                return xmlSchemaParse(parser)
            }
        }
        guard let compiled else {
            throw collector.errors.first ?? XMLError(kind: .invalid, file: path, line: 0, column: 0, message: "the schema does not compile")
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a file, returning up to `limit` errors (empty when valid).
    public func validate(file path: String, name: String? = nil, limit: Int = 100) -> [XMLError] {
        let collector = ErrorCollector(file: name ?? path, limit: limit, kind: .invalid)
        guard let context = xmlSchemaNewValidCtxt(schema) else { return [] }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, ErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
        let status = xmlSchemaValidateFile(context, path, Int32(XML_PARSE_NONET.rawValue))
        if status != 0 && collector.errors.isEmpty {
            return [XMLError(kind: .invalid, file: name ?? path, line: 0, column: 0, message: "not valid (libxml2 status \(status))")]
        }
        return collector.errors
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let stream = fopen(path, "rb") else { return nil }
        defer { fclose(stream) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 1 << 16, stream) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}

/// Collects libxml2 structured errors as `XMLError` values.
final class ErrorCollector {
    let file: String
    let limit: Int
    let kind: XMLError.Kind
    var errors: [XMLError] = []

    init(file: String, limit: Int, kind: XMLError.Kind) {
        self.file = file
        self.limit = limit
        self.kind = kind
    }

    static let callback: xmlStructuredErrorFunc = { raw, error in
        guard let raw, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(raw).takeUnretainedValue()
        guard collector.errors.count < collector.limit else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        collector.errors.append(XMLError(kind: collector.kind, file: collector.file, line: Int(error.pointee.line),
                                         column: Int(error.pointee.int2), message: message))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
