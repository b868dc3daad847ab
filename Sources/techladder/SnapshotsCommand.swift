import ArgumentParser
import Foundation
import LadderCore
import LadderStore

/// `techladder snapshots`: list the snapshots in the registry database.
struct Snapshots: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the snapshots (imported exports) in the registry database.",
        discussion: ExitStatus.helpTable)

    @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    func run() throws {
        let store = try RegistryStore.openExisting(db)
        let snapshots = try store.snapshots()
        switch format {
        case .json:
            print(try JSONOutput.encode(snapshots.map(SnapshotRow.init)))
        case .text:
            guard !snapshots.isEmpty else {
                print("No snapshots in \(db). Import an export with: techladder import FILE --db \(db)")
                return
            }
            var table = TextTable(
                headers: ["id", "exported", "source", "file", "hash", "imported at (UTC)", "firms", "platforms",
                          "contracts", "brokers", "rejected"],
                rightAligned: [0, 6, 7, 8, 9, 10])
            for row in snapshots.map(SnapshotRow.init) {
                table.add([String(row.id), row.exportedAt, row.source ?? "", row.file, String(row.hash.prefix(12)),
                           row.importedAt, String(row.firms), String(row.platforms), String(row.contracts),
                           String(row.brokers), String(row.rejected)])
            }
            print(table.render())
        }
    }
}

/// One snapshot as listed (text and JSON).
struct SnapshotRow: Encodable {
    var id: Int64
    var exportedAt: String
    var source: String?
    var region: String?
    var file: String
    var hash: String
    var importedAt: String
    var firms, platforms, contracts, brokers, rejected: Int

    init(_ snapshot: Snapshot) {
        id = snapshot.id
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
