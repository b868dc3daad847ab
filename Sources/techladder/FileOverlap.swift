import Foundation
import LadderCore

/// Files of one date that overlap — two with the same source, or one firm id in two files — are counted
/// record by record when read as files, while `import --db` counts each firm once (a re-sent file replaces
/// its source's part; the later file's record of a firm stands). Watches the files as they are read, so
/// that file mode says so rather than count such firms twice unremarked.
struct FileOverlap {
    /// Firm ids seen per date, by hash (a million take about 40 MB), with the file that had them first.
    private var firms: [Day: [Int: Int]] = [:]
    private var sources: [Day: [String: String]] = [:]
    private var sameSource: [(earlier: String, later: String, source: String)] = []
    private var shared: [Day: Int] = [:]
    /// Only several files can overlap.
    let watches: Bool

    init(files: [String]) { watches = files.count > 1 }

    mutating func header(_ header: RegistryHeader, file: String, on day: Day) {
        guard watches, let source = header.source, !source.isEmpty else { return }
        if let earlier = sources[day]?[source] {
            sameSource.append((earlier, file, source))
        } else {
            sources[day, default: [:]][source] = file
        }
    }

    mutating func firm(_ id: String, inFile index: Int, on day: Day) {
        guard watches else { return }
        let key = id.hashValue
        if let first = firms[day]?[key] {
            if first != index { shared[day, default: 0] += 1 }
        } else {
            firms[day, default: [:]][key] = index
        }
    }

    /// What to tell the user (empty when the files do not overlap).
    var notes: [String] {
        var out = sameSource.map { pair in
            "\(pair.later) has the same source (\(pair.source)) and date as \(pair.earlier): both are counted here, "
                + "where `import --db` would let the later replace the earlier"
        }
        for (day, count) in shared.sorted(by: { $0.key < $1.key }) {
            out.append("\(count) firm record(s) of \(day) repeat a firm id of another file and are counted again here; "
                + "`import` the files into a database (--db) to count each firm once, the later file's record standing")
        }
        return out
    }

    /// Writes the notes to standard error; whether there were any.
    func report() -> Bool {
        for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        return !notes.isEmpty
    }
}
