import Foundation
import LadderCore
import LadderImport
import Testing
@testable import LadderStore

@Suite("Registry store with the format-1 importer")
struct ImporterRoundTripTests {
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData/registry-2025.xml").path

    /// Streams a file into the store the way the import command does.
    func importFile(_ path: String, into store: RegistryStore, name: String) throws -> ImportOutcome {
        try store.importSnapshot(fileName: name, contentHash: try SHA256.hexDigest(ofFile: path)) { writer in
            let report = try RegistryImporter().importFile(
                path, name: name, onHeader: { try writer.begin(header: $0) }, onRecord: { try writer.add($0) })
            for reject in report.rejects {
                try writer.recordReject(recordID: reject.recordID, position: reject.position, reason: reject.reason)
            }
            writer.setRejectedTotal(report.rejected)
        }
    }

    @Test("every record of the sample export reads back from the database exactly as imported")
    func sampleRoundTrips() throws {
        var records: [RegistryRecord] = []
        _ = try RegistryImporter().importFile(Self.sample, name: "registry-2025.xml") { records.append($0) }
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        let snapshot = try importFile(Self.sample, into: store, name: "registry-2025.xml").snapshot
        var firms: [Enterprise] = [], platforms: [Platform] = [], contracts: [TechContract] = [], brokers: [Broker] = []
        for record in records {
            switch record {
            case .enterprise(let firm): firms.append(firm)
            case .platform(let platform): platforms.append(platform)
            case .contract(let contract): contracts.append(contract)
            case .broker(let broker): brokers.append(broker)
            }
        }
        #expect(snapshot.counts.enterprises == firms.count)
        let stored = try store.enterprises(in: snapshot)
        #expect(stored.count == firms.count)
        for (read, original) in zip(stored, firms) where read != original {
            Issue.record("firm \(original.id) differs after the round trip")
            break
        }
        #expect(try store.platforms(in: snapshot) == platforms)
        #expect(try store.contracts(in: snapshot) == contracts)
        #expect(try store.brokers(in: snapshot) == brokers)
        #expect(try importFile(Self.sample, into: store, name: "again.xml") == .alreadyImported(snapshot))
    }

    @Test("a truncated file fails with its position and leaves the database unchanged")
    func truncatedFile() throws {
        let temp = try TemporaryDatabase()
        let store = try temp.open()
        let first = try importFile(Self.sample, into: store, name: "registry-2025.xml").snapshot
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let truncated = temp.directory.appendingPathComponent("truncated.xml")
        try bytes.prefix(bytes.count * 2 / 3).write(to: truncated)
        #expect {
            _ = try importFile(truncated.path, into: store, name: "truncated.xml")
        } throws: { error in
            "\(error)".contains("truncated.xml:")
        }
        let reopened = try temp.open()
        #expect(try reopened.snapshots() == [first])
        #expect(try reopened.integrityCheck() == ["ok"])
        let firms = try reopened.dbQueue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enterprise") }
        #expect(firms == first.counts.enterprises)
    }
}
