import Foundation
import LadderCore
import LadderImport
import LadderStore
import Testing

/// A bureau's workflow: one export per district, all of one date, imported into one database. Every
/// command gives over the database exactly what it gives over the same files, and the tally what it
/// gives over the city file they were split from.
@Suite("district files of one date add up: the database reads as the files do", .serialized)
struct DistrictFilesTests {
    static let sample = "SampleData/registry-2025.xml"

    /// SampleData split by district into format-1 files (one per district code, each with its own
    /// `source`), in first-appearance order. Contracts, which name no district, go with the first file.
    static func splitByDistrict(into dir: String) throws -> [String] {
        var header: RegistryHeader?
        var groups: [String: [RegistryRecord]] = [:]
        var order: [String] = []
        _ = try RegistryImporter().importFile(CommandRunner.root.path + "/" + sample, onHeader: { header = $0 }) { record in
            let key: String = switch record {
            case .enterprise(let firm): firm.district
            case .platform(let platform): platform.district ?? order.first ?? "370202"
            case .broker(let broker): broker.district ?? order.first ?? "370202"
            case .contract: order.first ?? "370202"
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        let city = try #require(header)
        return try order.map { code in
            let path = "\(dir)/\(code).xml"
            let writer = try RegistryWriter(path: path)
            try writer.writeHeader(RegistryHeader(exportedAt: city.exportedAt, source: "\(code) 科技局", region: code))
            for record in groups[code] ?? [] { try writer.write(record) }
            try writer.finish()
            return path
        }
    }

    /// Output without the notes only a database read adds (which database, where eligibility came from)
    /// or only a read of overlapping files adds;
    /// a JSON object is compared with those notes taken out of its arrays.
    static func withoutStoreNotes(_ text: String) -> String {
        func isStoreNote(_ line: some StringProtocol) -> Bool {
            line.contains("数据库：") || line.contains("Database: ") || line.contains("符合条件取自")
                || line.contains("Eligibility from the verdicts stored")
                // file mode's notes on files that overlap
                || line.contains("与 `import --db` 相同") || line.contains("as `import --db` would")
        }
        if text.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) {
            func clean(_ value: Any) -> Any {
                if let array = value as? [Any] {
                    return array.filter { !(($0 as? String).map(isStoreNote) ?? false) }.map(clean)
                }
                if let dictionary = value as? [String: Any] { return dictionary.mapValues(clean) }
                return value
            }
            let data = try? JSONSerialization.data(withJSONObject: clean(object), options: [.sortedKeys])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? text
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !isStoreNote($0) }
            .joined(separator: "\n")
    }

    static func run(_ arguments: [String]) throws -> String {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// Compares a command over the database with the same command over the files.
    static func expectSame(_ command: [String], db: String, files: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let stored = withoutStoreNotes(try run(command + ["--db", db]))
        let read = withoutStoreNotes(try run(command + ["--no-progress"] + files))
        #expect(!stored.isEmpty, sourceLocation: sourceLocation)
        #expect(stored == read, "\(command.joined(separator: " ")) differs", sourceLocation: sourceLocation)
    }

    @Test("ten district files in one import and in ten give what the files and the city file give")
    func districtFilesMatchFileMode() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try Self.splitByDistrict(into: dir)
        #expect(files.count >= 10)
        let once = dir + "/once.sqlite"
        let apart = dir + "/apart.sqlite"
        _ = try Self.run(["import", "--no-progress", "--db", once] + files)
        for file in files { _ = try Self.run(["import", "--no-progress", "--db", apart, file]) }
        for db in [once, apart] { _ = try Self.run(["assess", "--db", db]) }

        // One snapshot, every file in it, every firm once.
        let listed = try #require(try JSONSerialization.jsonObject(
            with: Data(try Self.run(["snapshots", "--db", once, "--format", "json"]).utf8)) as? [[String: Any]])
        #expect(listed.count == 1)
        #expect((listed.first?["files"] as? [Any])?.count == files.count)
        let sampleText = try String(contentsOfFile: CommandRunner.root.path + "/" + Self.sample, encoding: .utf8)
        #expect(listed.first?["firms"] as? Int == sampleText.components(separatedBy: "<Enterprise ").count - 1)

        for format in ["table", "csv", "json", "markdown", "html"] {
            try Self.expectSame(["tally", "--format", format], db: once, files: files)
        }
        try Self.expectSame(["tally", "--format", "json"], db: apart, files: files)
        // The split files tally as the city file does.
        #expect(Self.withoutStoreNotes(try Self.run(["tally", "--format", "json", "--db", once]))
            == Self.withoutStoreNotes(try Self.run(["tally", "--format", "json", "--no-progress", Self.sample])))
        for format in ["text", "json", "jsonl", "csv"] {
            try Self.expectSame(["audit", "--format", format], db: once, files: files)
        }
        try Self.expectSame(["audit", "--format", "jsonl"], db: apart, files: files)
        for finding in ["--discrepancies", "--data-quality"] {
            for format in ["text", "json"] { try Self.expectSame(["audit", finding, "--format", format], db: once, files: files) }
            try Self.expectSame(["audit", finding, "--format", "json"], db: apart, files: files)
        }
        // The near-miss search is slow in a debug build: firms from the first and last districts.
        let firms = try RegistryStore(path: once).enterprises(in: #require(try RegistryStore(path: once).latestSnapshotDate()))
        let picked = (firms.prefix(6) + firms.suffix(6)).flatMap { ["--firm", $0.id] }
        try Self.expectSame(["audit", "--near-miss", "--format", "json"] + picked, db: once, files: files)
        try Self.expectSame(["audit", "--near-miss", "--format", "text"] + picked, db: apart, files: files)
        for format in ["table", "json"] { try Self.expectSame(["progress", "--format", format], db: once, files: files) }
    }

    @Test("the shipped SampleData/districts files, imported into one database, tally as the city file")
    func shippedDistrictFilesAddUp() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = CommandRunner.root.path + "/SampleData/districts"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }
            .sorted().map { folder + "/" + $0 }
        #expect(files.count == 10)
        let db = dir + "/r.sqlite"
        let imported = try Self.run(["import", "--no-progress", "--lang", "en", "--db", db] + files)
        #expect(!imported.contains("replacing"), "each district's export has its own source")
        #expect(Self.withoutStoreNotes(try Self.run(["tally", "--format", "json", "--no-eligibility", "--db", db]))
            == Self.withoutStoreNotes(try Self.run(["tally", "--format", "json", "--no-eligibility", "--no-progress", Self.sample])))

        // One district's tally: its total is named after it, and its share of the city is not claimed.
        let laoshanTally = try Self.run(["tally", "--db", db, "--district", "崂山"])
        let totalRow = laoshanTally.split(separator: "\n").first { $0.hasPrefix("崂山区合计") }
        #expect(totalRow != nil && !laoshanTally.split(separator: "\n").contains { $0.hasPrefix("全市合计") })
        #expect(totalRow?.contains("100.0%") == false)
        #expect(try Self.run(["tally", "--db", db, "--district", "崂山", "--lang", "en"]).contains("崂山区 total"))
        _ = try Self.run(["report", "--db", db, "--district", "崂山", "--output", dir + "/laoshan.html"])
        let page = try String(contentsOfFile: dir + "/laoshan.html", encoding: .utf8)
        #expect(page.contains("<h1>青岛市崂山区科技型企业梯度培育（对照全市2028年目标）</h1>") && page.contains("<td>崂山区合计</td>"))

        // The finding audits over the database keep to --district and write --output, as over files.
        for finding in ["--discrepancies", "--data-quality"] {
            try Self.expectSame(["audit", finding, "--district", "崂山区", "--format", "json"], db: db, files: files)
        }
        let store = try RegistryStore(path: db)
        let firms = try store.enterprises(in: #require(try store.latestSnapshotDate()))
        let laoshan = try #require(firms.first { $0.district == "370212" })
        let picked = [laoshan.id] + firms.filter { $0.district != "370212" }.prefix(3).map(\.id)
        let nearMiss = ["audit", "--near-miss", "--district", "崂山", "--format", "csv"] + picked.flatMap { ["--firm", $0] }
        try Self.expectSame(nearMiss, db: db, files: files)
        let rows = try Self.run(nearMiss + ["--db", db])
        #expect(rows.contains(laoshan.id) && !picked.dropFirst().contains(where: rows.contains))
        let written = dir + "/discrepancies.csv"
        #expect(try Self.run(["audit", "--discrepancies", "--db", db, "--format", "csv", "--output", written]).isEmpty)
        #expect(try String(contentsOfFile: written, encoding: .utf8).contains(laoshan.district))
    }

    @Test("a tally of some district files names the districts with no record, in both modes")
    func missingDistrictsAreNamed() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let two = ["SampleData/districts/registry-2025-370212.xml", "SampleData/districts/registry-2025-370203.xml"]
        let files = try Self.run(["tally", "--no-progress"] + two)
        #expect(files.contains("无记录：市南区 370202、黄岛区 370211"))
        #expect(!files.contains("崂山区 370212、") && !files.contains("市北区 370203、"))
        let db = dir + "/two.sqlite"
        _ = try Self.run(["import", "--no-progress", "--db", db] + two)
        #expect(try Self.run(["tally", "--db", db]).contains("无记录：市南区 370202、黄岛区 370211"))
        let all = try FileManager.default.contentsOfDirectory(atPath: CommandRunner.root.path + "/SampleData/districts")
            .filter { $0.hasSuffix(".xml") }.map { "SampleData/districts/" + $0 }
        #expect(all.count == 10)
        #expect(!(try Self.run(["tally", "--no-progress"] + all)).contains("无记录"))
    }

    @Test("a file whose source names another district than its firms' is imported with a warning")
    func mislabelledSourceWarns() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: CommandRunner.root.path + "/SampleData/districts/registry-2025-370203.xml",
                              encoding: .utf8)
        let relabelled = text.replacingOccurrences(of: "source=\"青岛市市北区科学技术局\"", with: "source=\"青岛市崂山区科学技术局\"")
        #expect(relabelled != text)
        let file = dir + "/370203.xml"
        try relabelled.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["import", "--no-progress", "--db", dir + "/w.sqlite", file])
        #expect(run.status == 1)
        #expect(run.stderr.contains("names 崂山区 370212, but the file's firms are in 市北区 370203"))
        let right = try CommandRunner.run(["import", "--no-progress", "--db", dir + "/r.sqlite",
                                           "SampleData/districts/registry-2025-370203.xml"])
        #expect(right.status == 0 && !right.stderr.contains("warning"))
    }

    @Test("re-importing a district file changes nothing; a changed re-export replaces only its part")
    func resentDistrictReplacesItsPart() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files = try Self.splitByDistrict(into: dir)
        let db = dir + "/r.sqlite"
        _ = try Self.run(["import", "--no-progress", "--db", db] + files)
        let before = try Self.run(["snapshots", "--db", db, "--format", "json"])
        let again = try Self.run(["import", "--no-progress", "--lang", "en", "--db", db, files[3]])
        #expect(again.contains("already imported"))
        #expect(try Self.run(["snapshots", "--db", db, "--format", "json"]) == before)
        // Verdicts stored before the re-sent file comes: its firms have none until the next `assess`.
        _ = try Self.run(["assess", "--db", db])

        // The district re-sends its export with one firm fewer and one renamed.
        let resent = files[3]
        var text = try String(contentsOfFile: resent, encoding: .utf8)
        let first = try #require(text.range(of: "  <Enterprise "))
        let end = try #require(text.range(of: "</Enterprise>\n", range: first.upperBound..<text.endIndex))
        text.removeSubrange(first.lowerBound..<end.upperBound)
        let name = try #require(text.range(of: "<Name>"))
        text.insert(contentsOf: "新", at: name.upperBound)
        try text.write(toFile: resent, atomically: true, encoding: .utf8)
        let output = try Self.run(["import", "--no-progress", "--lang", "en", "--db", db, resent])
        #expect(output.contains("replacing \(resent)"))

        let store = try RegistryStore(path: db)
        let date = try #require(try store.latestSnapshotDate())
        #expect(date.parts.count == files.count)
        #expect(date.parts.last?.fileName == resent)
        let beforeRows = try #require(try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [[String: Any]])
        let beforeFiles = try #require(beforeRows.first?["files"] as? [[String: Any]])
        let kept = beforeFiles.filter { $0["file"] as? String != resent }.compactMap { $0["hash"] as? String }
        #expect(date.parts.dropLast().map(\.contentHash) == kept)
        let sampleText = try String(contentsOfFile: CommandRunner.root.path + "/" + Self.sample, encoding: .utf8)
        #expect(try store.firmCount(in: date) == sampleText.components(separatedBy: "<Enterprise ").count - 2)

        // The database reads as the files do, the re-sent file last (as imported).
        files.remove(at: 3)
        files.append(resent)
        try Self.expectSame(["tally", "--format", "json", "--no-eligibility"], db: db, files: files)
        try Self.expectSame(["audit", "--format", "jsonl"], db: db, files: files)
        // Eligibility too: the re-sent file's firms are assessed now, never counted as not eligible.
        try Self.expectSame(["tally", "--format", "json"], db: db, files: files)
        for status in ["pipeline", "risk"] {
            try Self.expectSame(["firms", "--status", status, "--format", "csv"], db: db, files: files)
        }
        #expect(try Self.run(["tally", "--db", db, "--lang", "en"]).contains("were assessed now"))
    }

    @Test("a firm in two files of one date counts once, the later file's record standing, and data quality lists both")
    func sharedFirmCountsOnce() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try Self.splitByDistrict(into: dir)
        // The first district's first firm is also sent, renamed, by the second district.
        let firstText = try String(contentsOfFile: files[0], encoding: .utf8)
        let start = try #require(firstText.range(of: "  <Enterprise "))
        let end = try #require(firstText.range(of: "</Enterprise>\n", range: start.upperBound..<firstText.endIndex))
        let record = String(firstText[start.lowerBound..<end.upperBound]).replacingOccurrences(of: "<Name>", with: "<Name>重复")
        var second = try String(contentsOfFile: files[1], encoding: .utf8)
        second = second.replacingOccurrences(of: "</Registry>", with: record + "</Registry>")
        try second.write(toFile: files[1], atomically: true, encoding: .utf8)
        let id = try #require(record.split(separator: "\"").dropFirst().first.map(String.init))

        // Read as files, the two add up as in the database (below): the firm counts once, and a note says so.
        let asFiles = try CommandRunner.run(["tally", "--no-progress", "--format", "json", files[0], files[1]])
        #expect(asFiles.stderr.contains("1 record(s) of 2025-12-31 have the id of a record in a later file"))
        #expect(asFiles.stdout.contains("与较晚文件中的记录同一标识"), "the note is in the tally's notes")
        // A file given twice counts once; a file re-sent by its source replaces the earlier one.
        let once = try Self.run(["progress", "--no-progress", "--format", "json", files[2]])
        let twice = try CommandRunner.run(["progress", "--no-progress", "--format", "json", files[2], files[2]])
        #expect(twice.stderr.contains("replaces \(files[2])"))
        #expect(twice.stdout == once)
        #expect(!(try CommandRunner.run(["tally", "--no-progress"] + files.dropFirst(2))).stderr.contains("note:"),
                "district files that do not overlap get no note")

        let db = dir + "/d.sqlite"
        let imported = try Self.run(["import", "--no-progress", "--db", db, files[0], files[1]])
        #expect(imported.contains("其中 1 个记录编号也见于该日期更早导入的文件"), "the note in the summary's language")
        let english = try Self.run(["import", "--no-progress", "--lang", "en", "--db", dir + "/e.sqlite", files[0], files[1]])
        #expect(english.contains("1 record id(s) also in earlier files"))
        let store = try RegistryStore(path: db)
        let date = try #require(try store.latestSnapshotDate())
        #expect(try store.firmCount(in: date) == date.counts.enterprises - 1)
        #expect(try store.enterprise(id: id, in: date)?.name.hasPrefix("重复") == true)
        #expect(try store.enterprises(in: date).filter { $0.id == id }.count == 1)
        let conflicts = try store.conflicts(in: date)
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.shadowed.file == files[0] && conflicts.first?.standing.file == files[1])

        // Tally and the firms behind it, over the database and over the files, alike.
        _ = try Self.run(["assess", "--db", db])
        try Self.expectSame(["tally", "--format", "json"], db: db, files: [files[0], files[1]])
        try Self.expectSame(["firms", "--format", "csv"], db: db, files: [files[0], files[1]])
        try Self.expectSame(["firms", "--status", "pipeline", "--format", "csv"], db: db, files: [files[0], files[1]])

        let quality = try Self.run(["audit", "--data-quality", "--db", db, "--format", "json"])
        func messages(_ value: Any) -> [String] {
            if let array = value as? [Any] { return array.flatMap(messages) }
            guard let object = value as? [String: Any] else { return [] }
            return (object["message"] as? String).map { [$0] } ?? [] + object.values.flatMap(messages)
        }
        let all = messages(try JSONSerialization.jsonObject(with: Data(quality.utf8)))
        let conflict = all.filter { $0.contains(id) && $0.contains("\(files[0]):") && $0.contains("\(files[1]):") }
        #expect(conflict.count == 1, "\(all.filter { $0.contains(id) })")
    }

    @Test("a district-bureau file re-sent by the same reporting unit (填报单位) replaces its part")
    func profileFileReplacesBySource() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = CommandRunner.root.path + "/SampleData/district-gb18030.xml"
        // The file is GB18030; ASCII bytes are the same there: the first firm's industry code changes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let range = try #require(bytes.range(of: Data(">I6513<".utf8)))
        var changed = bytes
        changed.replaceSubrange(range, with: Data(">I6520<".utf8))
        let resent = dir + "/resent.xml"
        try changed.write(to: URL(fileURLWithPath: resent))
        let db = dir + "/p.sqlite"
        _ = try Self.run(["import", "--no-progress", "--db", db, original])
        let output = try Self.run(["import", "--no-progress", "--lang", "en", "--db", db, resent])
        #expect(output.contains("replacing \(original) (same source 青岛市崂山区科学技术局)"))
        let date = try #require(try RegistryStore(path: db).latestSnapshotDate())
        #expect(date.parts.map(\.fileName) == [resent])
        #expect(try RegistryStore(path: db).enterprise(id: "91370212MA3C4L0X5W", in: date)?.industry == "I6520")
    }
}
