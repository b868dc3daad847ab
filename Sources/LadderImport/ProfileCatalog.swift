import Foundation
import LadderCore
import XMLStream
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a registry file is read: registry format 1, or another layout through a mapping profile.
public enum RegistryLayout: Sendable {
    case format1
    case profile(Profile)

    /// Picks the layout for a file: the given profile; otherwise format 1 when the root is
    /// `<Registry>` in the format-1 namespace; otherwise the one profile in `Profiles/` whose root
    /// element matches.
    /// - Parameters:
    ///   - path: the data file.
    ///   - profilePath: a profile to use, skipping detection.
    ///   - directory: where to look for profiles (default: `Profiles/` via `ProjectFiles`).
    /// - Throws: `ProfileError` when the profile is broken or none or several match; `XMLError` when
    ///   the file's start cannot be read.
    public static func detect(
        file path: String, profile profilePath: String? = nil,
        directory: String? = ProjectFiles.locate("Profiles")
    ) throws -> RegistryLayout {
        if let profilePath { return .profile(try Profile.load(file: profilePath)) }
        let root = try ProfileCatalog.rootElement(of: path)
        if root.name == "Registry" && root.namespace == RegistryImporter.namespace { return .format1 }
        let (profiles, _) = ProfileCatalog.profiles(in: directory ?? "Profiles")
        let matching = profiles.filter { $0.rootElement == root.name }
        let message: String
        switch matching.count {
        case 1: return .profile(matching[0])
        case 0:
            // Let the format-1 importer explain a wrong root with its own message.
            if root.name == "Registry" { return .format1 }
            message = "the root element is <\(root.name)>: not registry format 1, and no profile in \(directory ?? "Profiles/") reads it; pass --profile"
        default:
            message = "the root element <\(root.name)> matches several profiles (\(matching.map(\.file).joined(separator: ", "))); pass --profile"
        }
        throw ProfileError(problems: [XMLError(kind: .invalid, file: path, line: root.line, column: root.column, message: message)])
    }

    /// Streams a file in this layout (see `RegistryImporter.importFile` and `ProfileImporter.importFile`).
    public func importFile(
        _ path: String, name: String? = nil, progress: ((Int64) -> Void)? = nil,
        onHeader: (RegistryHeader) throws -> Void = { _ in },
        onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        try importFile(path, name: name, progress: progress, spares: nil, onHeader: onHeader, onRecord: onRecord)
    }

    /// `importFile`, reusing the storage of records handed back through `spares` (format 1 only).
    func importFile(
        _ path: String, name: String?, progress: ((Int64) -> Void)?, spares: SpareRecords?,
        onHeader: (RegistryHeader) throws -> Void, onRecord: (RegistryRecord) throws -> Void
    ) throws -> ImportReport {
        switch self {
        case .format1:
            try RegistryImporter().importFile(path, name: name, progress: progress, spares: spares,
                                              onHeader: onHeader, onRecord: onRecord)
        case .profile(let profile):
            try ProfileImporter(profile: profile).importFile(path, name: name, progress: progress, onHeader: onHeader, onRecord: onRecord)
        }
    }
}

/// The shipped profiles and root-element detection.
public enum ProfileCatalog {
    /// The root element of a file: its local name, namespace and position. Reads only up to it.
    /// - Throws: `XMLError` when the file cannot be read that far.
    public static func rootElement(of path: String) throws(XMLError) -> (name: String, namespace: String, line: Int, column: Int) {
        final class RootReader: XMLEventHandler {
            var root: (name: String, namespace: String, line: Int, column: Int)?
            func didStartElement(_ element: XMLStartElement, in context: XMLContext) {
                root = (element.localName.string, element.namespace.string, context.line, context.column)
                context.stop("root read")
            }
            func didEndElement(_ name: XMLName, in context: XMLContext) {}
            func didReadText(_ text: XMLBytes, in context: XMLContext) {}
        }
        // A bounded prefix first: the root element starts within the first few hundred bytes of any
        // export. When the prefix does not reach it cleanly, the file itself is read as before, so every
        // error (position and message) is the one a reader of the whole file reports.
        if let prefix = FileHandle(forReadingAtPath: path).flatMap({ try? $0.read(upToCount: prefixBytes) }) {
            let reader = RootReader()
            do throws(XMLError) {
                try XMLStreamParser(chunkSize: 1 << 12).parse(bytes: Array(prefix), name: path, handler: reader)
            } catch {}
            if let root = reader.root { return root }
        }
        let reader = RootReader()
        do {
            try XMLStreamParser(chunkSize: 1 << 12).parse(file: path, handler: reader)
        } catch where error.kind == .stopped && reader.root != nil {}
        guard let root = reader.root else {
            throw XMLError(kind: .notWellFormed, file: path, line: 1, column: 1, message: "no root element")
        }
        return root
    }

    /// How much of a file layout detection reads before falling back to the whole file.
    static let prefixBytes = 1 << 14

    /// Loads every `*.xml` profile in a folder (not its subfolders), in name order.
    /// - Returns: the profiles that load, and the errors of those that do not.
    public static func profiles(in directory: String) -> (profiles: [Profile], problems: [ProfileError]) {
        var names: [String] = []
        if let dir = opendir(directory) {
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasSuffix(".xml") { names.append(name) }
            }
        }
        var profiles: [Profile] = []
        var problems: [ProfileError] = []
        for name in names.sorted() {
            do { profiles.append(try Profile.load(file: directory + "/" + name)) } catch { problems.append(error) }
        }
        return (profiles, problems)
    }
}
