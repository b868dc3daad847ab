import ArgumentParser
import Foundation
import LadderCore
import LadderReports
import LadderStore

/// `techladder snapshots`: list the snapshots in the registry database, one per export date, with
/// the files that make each.
struct Snapshots: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the snapshots in the registry database: each export date with the files that make it.",
        discussion: ExitStatus.helpTable)

    @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    @OptionGroup var language: LanguageOption

    func run() throws {
        let l = language.resolved
        let store = try RegistryStore.openExisting(db)
        let dates = try store.snapshotDates().map { try SnapshotDateRow($0, store: store) }
        switch format {
        case .json:
            print(try JSONOutput.encode(dates))
        case .text:
            guard !dates.isEmpty else {
                print(l.pick("\(db) 中没有快照。导入一份导出文件：techladder import FILE --db \(db)",
                             "No snapshots in \(db). Import an export with: techladder import FILE --db \(db)"))
                return
            }
            var table = TextTable(
                headers: l == .zh
                    ? ["导出日期", "来源", "文件", "哈希", "导入时间（UTC）", "企业", "平台", "技术合同", "技术经纪人", "拒收"]
                    : ["Exported", "Source", "File", "Hash", "Imported at (UTC)", "Firms", "Platforms", "Contracts", "Brokers",
                       "Rejected"],
                rightAligned: [5, 6, 7, 8, 9])
            for date in dates {
                for (index, row) in date.files.enumerated() {
                    table.add([index == 0 ? date.exportedAt : "", row.source ?? "", row.file, String(row.hash.prefix(12)),
                               row.importedAt, String(row.firms), String(row.platforms), String(row.contracts),
                               String(row.brokers), String(row.rejected)])
                }
            }
            print(table.render())
            print("")
            for date in dates {
                var line = l.pick("\(date.exportedAt)：\(date.files.count) 个文件，\(date.firms) 家企业",
                                  "\(date.exportedAt): \(date.files.count) file(s), \(date.firms) firms")
                if date.sharedIDs > 0 {
                    line += l.pick("（\(date.sharedIDs) 个记录编号出现在多个文件中，只计一次：见 audit --data-quality）",
                                   " (\(date.sharedIDs) record id(s) in more than one file, counted once: see audit --data-quality)")
                }
                print(line)
            }
        }
    }
}

/// One snapshot (export date) as listed: its files and its firms counted once.
struct SnapshotDateRow: Encodable {
    var exportedAt: String
    /// Firms of the date, each firm id counted once.
    var firms: Int
    /// Record ids found in more than one file of the date (the later file's record counts).
    var sharedIDs: Int
    var files: [SnapshotRow]

    init(_ date: DatedSnapshot, store: RegistryStore) throws {
        exportedAt = date.exportedAt.description
        firms = try store.firmCount(in: date)
        sharedIDs = try store.conflicts(in: date).count
        files = date.parts.map(SnapshotRow.init)
    }
}

/// One imported file as listed (text and JSON).
struct SnapshotRow: Encodable {
    var exportedAt: String
    var source: String?
    var region: String?
    var file: String
    var hash: String
    var importedAt: String
    var firms, platforms, contracts, brokers, rejected: Int

    init(_ snapshot: Snapshot) {
        exportedAt = snapshot.exportedAt.description
        source = snapshot.source
        region = snapshot.region
        file = snapshot.fileName
        hash = snapshot.contentHash
        let formatter = ISO8601DateFormatter()
        importedAt = formatter.string(from: snapshot.importedAt)
        firms = snapshot.counts.enterprises
        platforms = snapshot.counts.platforms
        contracts = snapshot.counts.contracts
        brokers = snapshot.counts.brokers
        rejected = snapshot.counts.rejected
    }
}

extension RegistryStore {
    /// Opens a database that must already exist (reading commands never create one).
    /// - Throws: ``StoreCommandError`` when there is no file at the path.
    static func openExisting(_ path: String) throws -> RegistryStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreCommandError(
                "no registry database at \(path); import an export first: techladder import FILE --db \(path)")
        }
        do {
            return try RegistryStore(path: path)
        } catch {
            throw CommandFailure.database(path, error)
        }
    }
}

/// A runtime failure of a database command: printed as `Error: ...`, exit code 1, no usage text.
struct StoreCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
