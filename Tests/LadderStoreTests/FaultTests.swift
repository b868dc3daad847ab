import Foundation
import GRDB
import LadderCore
@testable import LadderStore
import Testing

@Suite("Faults: a full disk and a read-only database leave the store as it was")
struct FaultTests {
    static func firms(_ count: Int, prefix: String) -> [RegistryRecord] {
        (0..<count).map { index in
            var firm = Fixtures.fullFirm(id: "\(prefix)\(String(format: "%07d", index))")
            firm.name = "青岛测试科技有限公司\(index)"
            return .enterprise(firm)
        }
    }

    @Test("a write past the size limit fails like a full disk, rolls back, and the file stays sound")
    func fullDisk() throws {
        let database = try TemporaryDatabase()
        try Fixtures.importRecords(Self.firms(5, prefix: "91370212MA1"), into: database.open())
        let size = try FileManager.default.attributesOfItem(atPath: database.path)[.size] as? NSNumber
        let limited = try RegistryStore(path: database.path, maximumBytes: (size?.int64Value ?? 0) + 64 * 1024)
        #expect {
            try Fixtures.importRecords(Self.firms(3_000, prefix: "91370212MA2"), into: limited, header: Fixtures.header2026,
                                       hash: "hash-2", fileName: "big.xml")
        } throws: { error in
            (error as? DatabaseError)?.resultCode == .SQLITE_FULL
        }
        let reopened = try database.open()
        #expect(try reopened.snapshots().map(\.fileName) == [Fixtures.file])
        #expect(try reopened.integrityCheck() == ["ok"])
        var count = 0
        let latest = try reopened.latestSnapshot()
        try reopened.forEachEnterprise(in: try #require(latest)) { _ in count += 1 }
        #expect(count == 5)
    }

    @Test("a read-only database refuses the import with SQLite's reason and keeps its content")
    func readOnly() throws {
        let database = try TemporaryDatabase()
        try Fixtures.importRecords(Self.firms(2, prefix: "91370212MA3"), into: database.open())
        let readOnly = try RegistryStore(path: database.path, readOnly: true)
        #expect(try readOnly.snapshots().count == 1, "reading works")
        #expect {
            try Fixtures.importRecords(Self.firms(2, prefix: "91370212MA4"), into: readOnly, header: Fixtures.header2026,
                                       hash: "hash-3", fileName: "second.xml")
        } throws: { error in
            (error as? DatabaseError)?.resultCode == .SQLITE_READONLY
        }
        #expect(try database.open().snapshots().count == 1)
    }
}
