import Foundation
import LadderCore
import LadderImport
import Testing
import XMLStream

@Suite("Profile errors name the profile's line and the data file's line")
struct ProfileErrorTests {
    /// Writes a variant of a shipped profile with one line replaced; returns its path and that line's number.
    static func variant(of name: String, replacing old: String, with new: String) throws -> (path: String, line: Int) {
        let text = try String(contentsOfFile: ProfileLayouts.profilePath(name), encoding: .utf8)
        let range = try #require(text.range(of: old))
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        let path = NSTemporaryDirectory() + "profile-\(UUID().uuidString).xml"
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: false, encoding: .utf8)
        return (path, line)
    }

    static func load(_ path: String) -> ProfileError? {
        do {
            _ = try Profile.load(file: path, name: "variant.xml")
            return nil
        } catch { return error }
    }

    @Test("an unknown field is reported at its profile line, with the fields that exist")
    func unknownField() throws {
        let (path, line) = try Self.variant(of: "flat-firm-year", replacing: "<Field to=\"TotalCost\"", with: "<Field to=\"TotalCosts\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(Self.load(path))
        #expect(error.problems.count == 1)
        #expect(error.problems[0].file == "variant.xml")
        #expect(error.problems[0].line == line)
        #expect(error.problems[0].message.hasPrefix("unknown field 'TotalCosts' in Finance: known fields are @year, @unit, Employees"))
    }

    @Test("a malformed path is reported at its profile line", arguments: ["a//b", "@a/b", "a/../b"])
    func badPath(path bad: String) throws {
        let (path, line) = try Self.variant(of: "district-bureau", replacing: "from=\"企业名称\"", with: "from=\"\(bad)\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(Self.load(path))
        #expect(error.problems.map(\.line) == [line])
        #expect(error.problems[0].message.hasPrefix("bad path '\(bad)'"))
    }

    @Test("a profile that maps no required field, or a missing translation table, is refused")
    func requiredAndTables() throws {
        let (path, line) = try Self.variant(of: "district-bureau", replacing: "translate=\"技术领域\"", with: "translate=\"领域\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(Self.load(path))
        #expect(error.problems.map(\.line) == [line])
        #expect(error.problems[0].message == "translation '领域' is not defined in this profile")
    }

    @Test("a schema violation is reported with the profile line")
    func schema() throws {
        let (path, line) = try Self.variant(of: "flat-firm-year", replacing: "unmapped=\"warn\"", with: "unmapped=\"sometimes\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(Self.load(path))
        #expect(error.problems.first?.line == line)
        #expect(error.problems.first?.kind == .invalid)
    }

    @Test("a path that finds nothing rejects each record at its data line, naming the profile line")
    func pathFindsNothing() throws {
        let (path, line) = try Self.variant(of: "flat-firm-year", replacing: "from=\"@name\"", with: "from=\"@firmName\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try Profile.load(file: path, name: "variant.xml")
        let sample = try #require(ProjectFiles.locate("SampleData/flat-layout.xml"))
        let report = try ProfileImporter(profile: profile).importFile(sample, name: "flat-layout.xml") { _ in }
        #expect(report.imported == 0)
        #expect(report.rejects.map(\.position.line) == [3, 5, 6, 7])
        #expect(report.rejects[0].element == "Name")
        #expect(report.rejects[0].reason == "is missing: profile variant.xml:\(line) maps it from @firmName, and this record has none")
        #expect(report.rejects[0].recordID == "91370212MA3C4L0X5W")
    }

    static func district(_ body: String, encoding: String = "UTF-8") -> [UInt8] {
        let text = """
            <?xml version="1.0" encoding="\(encoding)"?>
            <企业名录 导出日期="2025年12月31日">
            <企业 统一社会信用代码="91370212MA3C4L0X5W"><企业名称>测试</企业名称>
            \(body)
            </企业></企业名录>
            """
        return encoding == "UTF-8" ? Array(text.utf8) : ProfileLayouts.encode(text, as: encoding)
    }

    @Test("a value that a translation does not list rejects the record at its data line, naming the table's profile line")
    func missingTranslation() throws {
        let profile = try ProfileLayouts.profile("district-bureau")
        let bytes = Self.district("<成立日期>2016-05-18</成立日期>\n<所属区市>崂山新区</所属区市>")
        let report = try ProfileImporter(profile: profile).importDocument(bytes: bytes, name: "d.xml") { _ in }
        let reject = try #require(report.rejects.first)
        #expect(reject.position.line == 5)
        #expect(reject.element == "District/@code")
        let text = try String(contentsOfFile: ProfileLayouts.profilePath("district-bureau"), encoding: .utf8)
        let tableLine = text.components(separatedBy: "\n").firstIndex { $0.contains("<Translation id=\"区市\"") }.map { $0 + 1 }
        let fieldLine = text.components(separatedBy: "\n").firstIndex { $0.contains("from=\"所属区市\"") }.map { $0 + 1 }
        #expect(reject.reason == "所属区市 '崂山新区' has no entry in translation '区市' (profile \(profile.file):\(tableLine ?? 0), used by the field at line \(fieldLine ?? 0))")
    }

    @Test("date forms: each accepted form, and impossible dates rejected",
          arguments: [("2016-05-18", true), ("2016/5/18", true), ("2016/05/18", true), ("2016年5月18日", true), ("20160518", true),
                      ("2016年2月30日", false), ("2016.05.18", false), ("16/5/18", false),
                      (" 2016-05-18 ", true), ("2016年5月18", false), ("201605180", false), ("2016-5-18", false)])
    func dates(text: String, valid: Bool) throws {
        let profile = try ProfileLayouts.profile("district-bureau")
        var firms: [Enterprise] = []
        let bytes = Self.district("<所属区市>崂山</所属区市><成立日期>\(text)</成立日期>", encoding: "GB18030")
        let report = try ProfileImporter(profile: profile).importDocument(bytes: bytes, name: "d.xml") { if case .enterprise(let f) = $0 { firms.append(f) } }
        #expect(report.header?.exportedAt == Day("2025-12-31"))
        if valid {
            #expect(firms.first?.registeredOn == Day("2016-05-18"))
        } else {
            #expect(report.rejects.first?.reason.hasPrefix("RegisteredOn '\(text)' is not a real date in the form YYYY-MM-DD or YYYY/M/D or YYYY年M月D日 or YYYYMMDD") == true)
            #expect(report.rejects.first?.position.line == 4)
        }
    }

    @Test("bytes that do not match the declared encoding stop at the first bad byte's line", arguments: ["GB18030", "UTF-8"])
    func badBytes(encoding: String) throws {
        var bytes = Self.district("<所属区市>崂山</所属区市><成立日期>2016-05-18</成立日期>", encoding: encoding)
        // Line 4 holds the body: put an invalid byte sequence in it (0xFF is never valid in either).
        let lineStarts = bytes.indices.filter { $0 == 0 || bytes[$0 - 1] == 0x0A }
        bytes.insert(contentsOf: [0xFF, 0xFF], at: lineStarts[3] + 2)
        let profile = try ProfileLayouts.profile("district-bureau")
        var caught: XMLError?
        do {
            _ = try ProfileImporter(profile: profile).importDocument(bytes: bytes, name: "bad.xml") { _ in }
        } catch let error as XMLError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.line == 4 && error.file == "bad.xml")
        #expect(error.kind == .encoding, "\(error)")
        if encoding == "GB18030" {
            // libxml2's iconv path stops the input at the bad bytes; the generic error channel names them.
            #expect(error.message.contains("do not match the declared encoding"))
            #expect(error.message.contains("0xFF"))
        }
    }

    @Test("a file whose root another profile reads is refused with both names")
    func wrongRoot() throws {
        let profile = try ProfileLayouts.profile("flat-firm-year")
        #expect {
            _ = try ProfileImporter(profile: profile).importDocument(bytes: Self.district(""), name: "d.xml") { _ in }
        } throws: { error in
            (error as? XMLError)?.message.contains("reads files whose root is <FirmYearTable>") == true
        }
    }
}
