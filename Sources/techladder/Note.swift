import Foundation
import LadderReports
import LadderStore

/// A note shown under a table or report, in both languages: the output shows the one `--lang` picks;
/// standard error, read by anyone, gets both.
struct Note: Equatable {
    var zh: String
    var en: String

    func text(_ language: Language) -> String { language.pick(zh, en) }

    /// Writes the note to standard error, Chinese then English.
    func report() {
        FileHandle.standardError.write(Data("note: \(zh)\nnote: \(en)\n".utf8))
    }
}

extension Note {
    /// Which database and snapshot the figures come from.
    static func database(_ path: String, _ snapshot: DatedSnapshot) -> Note {
        Note(zh: "数据库：\(path)，\(snapshot.exportedAt) 的快照（\(snapshot.fileNames)）。",
             en: "Database: \(path), snapshot of \(snapshot.exportedAt) (\(snapshot.fileNames)).")
    }
}
