import Foundation
import LadderCore
import Testing

@Suite("Output files")
struct AtomicFileTests {
    private static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("the target appears only on commit, with every byte written, and no temporary file is left")
    func commit() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/out.txt"
        let file = try AtomicFile(target)
        try file.write(Array("你好, ".utf8))
        try file.write(Data("world".utf8), droppingFirst: 1)
        #expect(!FileManager.default.fileExists(atPath: target))
        try file.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "你好, orld")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test("a discarded file leaves the target as it was")
    func discard() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/out.txt"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        do {
            let file = try AtomicFile(target)
            try file.write(Array("new, half".utf8))
            file.discard()
        }
        do {
            let dropped = try AtomicFile(target)
            try dropped.write(Array("dropped uncommitted".utf8))
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test("a directory or a missing folder is refused with a message naming the path")
    func refused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: OutputFileError("cannot write \(dir): it is a directory")) { try AtomicFile(dir) }
        let missing = dir + "/no/such/out.csv"
        #expect(throws: OutputFileError("cannot write \(missing): the folder \(dir)/no/such does not exist")) {
            try AtomicFile(missing)
        }
    }

    @Test("a sink writes small pieces gathered and large ones directly, in order")
    func sink() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/out.bin"
        let file = try AtomicFile(target)
        let sink = ByteSink(file: file)
        var expected: [UInt8] = []
        for round in 0..<40 {
            let size = round % 3 == 0 ? 70_000 : 100 + round
            let piece = [UInt8](repeating: UInt8(round), count: size)
            try sink.write(piece, droppingFirst: round == 0 ? 10 : 0)
            expected += piece.dropFirst(round == 0 ? 10 : 0)
        }
        try sink.write("末")
        expected += Array("末".utf8)
        try sink.flush()
        try file.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(expected))
    }
}

