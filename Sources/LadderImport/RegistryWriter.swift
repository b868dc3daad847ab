import LadderCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes records as registry format 1, streaming: a header, then each record as it comes, then the
/// end. Money is written as exact decimal yuan (`1250000.50`), dates as `YYYY-MM-DD`, text escaped so
/// that it reads back to the same value. Importing the output gives back the same records.
public final class RegistryWriter {
    private enum Target {
        case file(UnsafeMutablePointer<FILE>, close: Bool)
        case memory
    }

    private let target: Target
    private var buffer: [UInt8] = []
    private var memory: [UInt8] = []
    private var finished = false

    /// The file the writer writes to, as named.
    public let path: String

    /// Opens a file for writing (`-` for standard output).
    /// - Throws: `RegistryWriter.Failure` when the file cannot be created.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            guard let out = fdopen(dup(STDOUT_FILENO), "wb") else {
                throw Failure(path: path, message: "cannot write to standard output")
            }
            target = .file(out, close: true)
        } else {
            guard let file = fopen(path, "wb") else {
                throw Failure(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
            }
            target = .file(file, close: true)
        }
        buffer.reserveCapacity(1 << 20)
    }

    /// A writer that keeps the document in memory (see `text`).
    public init() {
        path = "(memory)"
        target = .memory
    }

    deinit {
        if case .file(let file, let close) = target, close { fclose(file) }
    }

    /// Why writing failed.
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The document written so far, for a writer made with `init()`.
    public var text: String { String(decoding: memory + buffer, as: UTF8.self) }

    /// Writes the XML declaration and the `<Registry>` start tag.
    public func writeHeader(_ header: RegistryHeader) throws {
        put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Registry xmlns=\"\(RegistryImporter.namespace)\"")
        attribute("exportedAt", header.exportedAt.description)
        attribute("source", header.source)
        attribute("region", header.region)
        put(">\n")
        try flushIfFull()
    }

    /// Writes one record.
    public func write(_ record: RegistryRecord) throws {
        switch record {
        case .enterprise(let firm): write(firm)
        case .platform(let platform):
            put("  <Platform")
            attribute("id", platform.id)
            attribute("level", platform.level.rawValue)
            attribute("kind", platform.kind)
            attribute("district", platform.district)
            attribute("approved", platform.approved?.description)
            attribute("host", platform.host)
            put("/>\n")
        case .contract(let contract):
            put("  <TechContract")
            attribute("id", contract.id)
            attribute("seller", contract.seller)
            attribute("amount", contract.amount.decimalText)
            attribute("signed", contract.signed?.description)
            attribute("registered", contract.registered?.description)
            attribute("kind", contract.kind)
            put("/>\n")
        case .broker(let broker):
            put("  <Broker")
            attribute("id", broker.id)
            attribute("district", broker.district)
            attribute("certified", broker.certified?.description)
            put("/>\n")
        }
        try flushIfFull()
    }

    /// Writes the end tag and flushes; closes the file when the writer opened it.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        put("</Registry>\n")
        try flush()
        if case .file(let file, _) = target, fflush(file) != 0 {
            throw Failure(path: path, message: "write error: \(String(cString: strerror(errno)))")
        }
    }

    /// The records as one format-1 document.
    public static func document(header: RegistryHeader, records: [RegistryRecord]) -> String {
        let writer = RegistryWriter()
        try? writer.writeHeader(header)
        for record in records { try? writer.write(record) }
        try? writer.finish()
        return writer.text
    }

    private func write(_ firm: Enterprise) {
        put("  <Enterprise")
        attribute("id", firm.id)
        put(">\n")
        element("Name", firm.name)
        put("    <District")
        attribute("code", firm.district)
        attribute("zone", firm.zone)
        put("/>\n")
        if let industry = firm.industry {
            put("    <Industry")
            attribute("code", industry)
            put("/>\n")
        }
        element("TechDomain", firm.techDomain?.rawValue)
        element("RegisteredOn", firm.registeredOn?.description)
        element("Status", firm.status?.rawValue)
        element("Resident", firm.resident.map { $0 ? "true" : "false" })
        element("TaxAssessment", firm.taxAssessment?.rawValue)
        for year in firm.finance {
            put("    <Finance year=\"\(year.year)\" unit=\"yuan\">")
            for field in FinanceField.all { element(field.name, year.text(field), indent: false) }
            put("</Finance>\n")
        }
        for kind in FactKind.all {
            for texts in firm.factTexts(kind) { fact(kind.element, Array(zip(kind.attributes, texts))) }
        }
        put("  </Enterprise>\n")
    }

    private func fact(_ name: String, _ attributes: [(String, String?)]) {
        put("    <\(name)")
        for (key, value) in attributes { attribute(key, value) }
        put("/>\n")
    }

    private func element(_ name: String, _ value: String?, indent: Bool = true) {
        guard let value else { return }
        put(indent ? "    <\(name)>" : "<\(name)>")
        escape(value, inAttribute: false)
        put(indent ? "</\(name)>\n" : "</\(name)>")
    }

    private func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        put(" \(name)=\"")
        escape(value, inAttribute: true)
        put("\"")
    }

    private func put(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Escapes markup characters, and in attributes the white space that XML would normalise.
    private func escape(_ text: String, inAttribute: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): put("&amp;")
            case UInt8(ascii: "<"): put("&lt;")
            case UInt8(ascii: ">"): put("&gt;")
            case UInt8(ascii: "\"") where inAttribute: put("&quot;")
            case 0x0D: put("&#13;")
            case 0x0A where inAttribute: put("&#10;")
            case 0x09 where inAttribute: put("&#9;")
            default: buffer.append(byte)
            }
        }
    }

    private func flushIfFull() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        switch target {
        case .memory:
            memory += buffer
        case .file(let file, _):
            let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            if written != buffer.count {
                throw Failure(path: path, message: "write error: \(String(cString: strerror(errno)))")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
