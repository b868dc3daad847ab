#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the project's data folders (`Rules/`, `Schemas/`) at run time, so that rules stay data that
/// an analyst edits without recompiling.
public enum ProjectFiles {
    /// The first existing path for a project folder or file, searched in order: `$TECHLADDER_HOME/<name>`,
    /// `./<name>`, beside the executable and up to three folders above it (a SwiftPM build folder), and
    /// the source checkout this binary was built from.
    public static func locate(_ name: String, sourceFile: String = #filePath) -> String? {
        var candidates: [String] = []
        if let home = getenv("TECHLADDER_HOME") { candidates.append(String(cString: home) + "/" + name) }
        candidates.append(name)
        if let executable = executableDirectory() {
            var dir = executable
            for _ in 0..<4 {
                candidates.append(dir + "/" + name)
                dir = parent(dir)
            }
        }
        // Sources/LadderCore/ProjectFiles.swift → the checkout's root.
        candidates.append(parent(parent(parent(sourceFile))) + "/" + name)
        return candidates.first { access($0, F_OK) == 0 }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        #if os(Linux)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return parent(String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #else
        return nil
        #endif
    }
}
