import Foundation

/// Type-erases an `Encodable` so one call can encode a value or an array of them.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// JSON output with stable key order, pretty-printed, Chinese kept as is.
enum JSONOutput {
    static func encode(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A progress bar on standard error, shown only when it is a terminal and the file is large.
final class ProgressBar {
    private let total: Int64
    private let label: String
    private var lastPercent = -1

    private init(total: Int64, label: String) {
        self.total = total
        self.label = label
    }

    /// A bar for a file, or nil when stderr is not a terminal or the file is small.
    static func forFile(_ path: String) -> ProgressBar? {
        guard isatty(STDERR_FILENO) != 0,
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber,
            size.int64Value > 16 << 20
        else { return nil }
        return ProgressBar(total: size.int64Value, label: (path as NSString).lastPathComponent)
    }

    func update(_ read: Int64) {
        let percent = Int(read * 100 / max(total, 1))
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 30 - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
