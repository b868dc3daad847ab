import Foundation
import LadderCore

/// Files of one date read as the database assembles them (`import --db`), so that file mode and database
/// mode count the same: a file whose source and date match a later file's is replaced by it, and a record
/// whose id a later file of the date also has (firm, platform, contract or broker) is left to that file.
/// The files are read last first (`order`): the first record of an id seen is the one that stands.
struct FileOverlap {
    /// Thrown from a file's header when a later file of the same source and date replaces it.
    struct Replaced: Error {}

    private struct Key: Hashable {
        var day: Day
        var kind: UInt8
        var id: String
    }

    /// Only several files can overlap: one file is read as it is, with no memory per record.
    let watches: Bool
    private var sources: [Day: [String: String]] = [:]
    private var seen: Set<Key> = []
    private var replaced: [(file: String, by: String, source: String)] = []
    private var shadowed: [Day: Int] = [:]

    init(files: [String]) { watches = files.count > 1 }

    /// The files' indices in the order to read them: last first.
    static func order(_ files: [String]) -> [(offset: Int, element: String)] { Array(files.enumerated().reversed()) }

    /// Whether a later file (read before, `order`) with the same source and date replaces this one.
    mutating func isReplaced(_ header: RegistryHeader, file: String, on day: Day) -> Bool {
        guard watches, let source = header.source, !source.isEmpty else { return false }
        if let later = sources[day]?[source] {
            replaced.append((file, later, source))
            return true
        }
        sources[day, default: [:]][source] = file
        return false
    }

    /// Whether a record counts: false when a later file of the date (read before) had its id.
    mutating func stands(_ record: RegistryRecord, on day: Day) -> Bool {
        guard watches else { return true }
        let key: Key
        switch record {
        case .enterprise(let firm): key = Key(day: day, kind: 0, id: firm.id)
        case .platform(let platform): key = Key(day: day, kind: 1, id: platform.id)
        case .contract(let contract): key = Key(day: day, kind: 2, id: contract.id)
        case .broker(let broker): key = Key(day: day, kind: 3, id: broker.id)
        }
        if seen.insert(key).inserted { return true }
        shadowed[day, default: 0] += 1
        return false
    }

    /// What the user is told (empty when the files do not overlap).
    var notes: [Note] {
        var out = replaced.reversed().map { pair in
            Note(zh: "\(pair.by) 取代 \(pair.file)（同一报送单位 \(pair.source)、同一日期），与 `import --db` 相同",
                 en: "\(pair.by) replaces \(pair.file) (the same source, \(pair.source), and date), as `import --db` would")
        }
        for (day, count) in shadowed.sorted(by: { $0.key < $1.key }) {
            out.append(Note(zh: "\(day) 有 \(count) 条记录与较晚文件中的记录同一标识，不计入：以较晚文件的记录为准，与 `import --db` 相同",
                            en: "\(count) record(s) of \(day) have the id of a record in a later file and are not counted: "
                                + "the later file's record stands, as `import --db` would count it"))
        }
        return out
    }

    /// Writes the notes to standard error.
    func report() {
        for note in notes { note.report() }
    }
}
