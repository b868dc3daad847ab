import Foundation
import LadderCore
import LadderImport
import Testing
import XMLStream

@Suite("Pipelined import: parsing on a second thread, records in order on the caller's")
struct PipelinedImportTests {
    static func file(_ firms: Int, truncate: Bool = false) throws -> String {
        var body = (0..<firms).map { index in
            firmXML(id: CreditCode.complete("91370212MA" + String(format: "%07d", index)) ?? "x")
        }.joined(separator: "\n")
        if truncate { body += "\n<Enterprise id=\"x\"><Name>cut" }
        let xml = "<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"2025-12-31\">\n\(body)\n" + (truncate ? "" : "</Registry>\n")
        let path = NSTemporaryDirectory() + "pipelined-\(UUID().uuidString).xml"
        try xml.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test("the same records in the same order as a plain import")
    func sameRecords() throws {
        let path = try Self.file(1_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var plain: [String] = []
        _ = try RegistryImporter().importFile(path) { if case .enterprise(let firm) = $0 { plain.append(firm.id) } }
        var piped: [String] = []
        var header: RegistryHeader?
        let report = try RegistryImporter().importFilePipelined(path, batchSize: 64, onHeader: { header = $0 }) { batch in
            #expect(header != nil, "the header comes before any batch")
            for case .enterprise(let firm) in batch { piped.append(firm.id) }
        }
        #expect(piped == plain)
        #expect(piped.count == 1_000)
        #expect(report.imported == 1_000)
    }

    @Test("an error thrown by the consumer stops the parse and comes back")
    func consumerError() throws {
        struct Stop: Error {}
        let path = try Self.file(5_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try RegistryImporter().importFilePipelined(path, batchSize: 10) { batch in
                seen += batch.count
                if seen >= 100 { throw Stop() }
            }
        }
        #expect(seen == 100)
    }

    @Test("a truncated file hands over what was read, then throws the position")
    func truncated() throws {
        let path = try Self.file(300, truncate: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        do {
            _ = try RegistryImporter().importFilePipelined(path, batchSize: 50) { seen += $0.count }
            Issue.record("a truncated file must throw")
        } catch let error as XMLError {
            #expect(error.line == 303, "the end of the file, after the cut record")
            #expect(error.message.contains("truncated"))
        }
        #expect(seen == 300)
    }

    @Test("prepare runs on both threads when the consumer is slow; emit gets every batch in file order")
    func prepareAndEmit() throws {
        let path = try Self.file(3_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workers = WorkerLog()
        var emitted: [String] = []
        let report = try RegistryLayout.format1.importFilePipelined(path, batchSize: 16, prepare: { header, records, worker in
            workers.record(worker)
            #expect(header.exportedAt.description == "2025-12-31")
            // A slow consumer: the parsing thread soon finds the queue full and helps.
            if worker == 0 { Thread.sleep(forTimeInterval: 0.002) }
            return records.compactMap { record -> String? in
                if case .enterprise(let firm) = record { return firm.id }
                return nil
            }
        }, emit: { ids in emitted += ids })
        var plain: [String] = []
        _ = try RegistryImporter().importFile(path) { if case .enterprise(let firm) = $0 { plain.append(firm.id) } }
        #expect(emitted == plain)
        #expect(report.imported == 3_000)
        #expect(workers.used == [0, 1], "both the calling and the parsing thread prepared batches")
    }
}

/// Which workers ran `prepare` (called from two threads).
final class WorkerLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<Int> = []
    func record(_ worker: Int) { lock.withLock { _ = seen.insert(worker) } }
    var used: Set<Int> { lock.withLock { seen } }
}
