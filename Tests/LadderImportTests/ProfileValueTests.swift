import Foundation
import LadderCore
import LadderImport
import Testing

/// Values read through a profile: the shapes the profile reader takes a short way (万元 amounts,
/// current district codes, units, grouped rows, long fact values) must give what the general readers give.
@Suite("Profile values: 万元 amounts, units, district names, grouped rows and long fact values")
struct ProfileValueTests {
    /// A district-bureau document with one firm per body, ids `ID00000000000000n` (n from 1).
    static func districtDocument(_ bodies: [String], encoding: String = "GB18030") -> [UInt8] {
        var text = """
            <?xml version="1.0" encoding="\(encoding)"?>
            <企业名录 导出日期="2025年12月31日">

            """
        for (index, body) in bodies.enumerated() {
            text += "<企业 统一社会信用代码=\"\(id(index + 1))\"><企业名称>测试\(index)</企业名称><所属区市>370212</所属区市>"
                + "<成立日期>2016-05-18</成立日期>\(body)</企业>\n"
        }
        text += "</企业名录>\n"
        return encoding == "UTF-8" ? Array(text.utf8) : ProfileLayouts.encode(text, as: encoding)
    }

    static func id(_ number: Int) -> String { "ID" + String(repeating: "0", count: 16 - String(number).count) + String(number) }

    static func importDistrict(_ bytes: [UInt8], profile: Profile? = nil) throws -> (ImportReport, [String: Enterprise]) {
        var firms: [String: Enterprise] = [:]
        let report = try ProfileImporter(profile: profile ?? ProfileLayouts.profile("district-bureau"))
            .importDocument(bytes: bytes, name: "d.xml") { if case .enterprise(let firm) = $0 { firms[firm.id] = firm } }
        return (report, firms)
    }

    @Test("万元 amounts with up to six decimals are exact to the fen; odd forms read as the general reader reads them")
    func wanYuanAmounts() throws {
        let cases: [(text: String, fen: Int64?)] = [
            ("156.4031", 156_403_100), ("0.000001", 1), ("12.345678", 12_345_678), ("156.40", 156_400_000),
            ("156", 156_000_000), (" 156.4031 ", 156_403_100), (".1234", 123_400), ("123456789.1234", 123_456_789_123_400),
            ("000012.3000", 12_300_000), ("12.3456789", nil), ("1.2.345", nil), ("-1.2345", nil), ("1,234.5678", nil),
            ("12.", 12_000_000), ("9999999.999999", 9_999_999_999_999), ("99999999.999999", nil),
        ]
        let bodies = cases.map { "<年度数据 年份=\"2024\" 金额单位=\"万元\"><销售收入>\($0.text)</销售收入></年度数据>" }
        let (report, firms) = try Self.importDistrict(Self.districtDocument(bodies))
        for (index, expected) in cases.enumerated() {
            let id = Self.id(index + 1)
            if let fen = expected.fen {
                #expect(firms[id]?.finance.first?.revenue == Money(fen: fen), "\(expected.text)")
            } else {
                #expect(firms[id] == nil, "\(expected.text)")
                #expect(report.rejects.contains { $0.recordID == id && $0.element == "Finance/Revenue" }, "\(expected.text)")
            }
        }
        let tooPrecise = try #require(report.rejects.first { $0.recordID == Self.id(10) })
        #expect(tooPrecise.reason.hasPrefix("Revenue '12.3456789' has more than 2 decimal places"))
    }

    @Test("amounts in 元 and counts beside them")
    func yuanAmounts() throws {
        let bodies = [
            "<年度数据 年份=\"2023\" 金额单位=\"元\"><销售收入>1558468</销售收入><净资产>-12.5</净资产><从业人员>12</从业人员></年度数据>",
            "<年度数据 年份=\"2023\" 金额单位=\"元\"><销售收入>1558468.123</销售收入></年度数据>",
        ]
        let (report, firms) = try Self.importDistrict(Self.districtDocument(bodies))
        let year = try #require(firms[Self.id(1)]?.finance.first)
        #expect(year.revenue == Money(fen: 155_846_800))
        #expect(year.netAssets == Money(fen: -1_250))
        #expect(year.employees == 12)
        #expect(report.rejects.first?.recordID == Self.id(2))
    }

    @Test("units as the profile maps them: yuan and wan-yuan, white space around them, anything else rejected")
    func units() throws {
        let (path, _) = try ProfileErrorTests.variant(of: "district-bureau", replacing: " translate=\"金额单位\"", with: "")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try Profile.load(file: path, name: "variant.xml")
        let bodies = ["yuan", " wan-yuan ", "wan-yuan", "千元", "Yuan"].map {
            "<年度数据 年份=\"2024\" 金额单位=\"\($0)\"><销售收入>1.5</销售收入></年度数据>"
        }
        let (report, firms) = try Self.importDistrict(Self.districtDocument(bodies), profile: profile)
        #expect(firms[Self.id(1)]?.finance.first?.revenue == Money(fen: 150))
        #expect(firms[Self.id(2)]?.finance.first?.revenue == Money(fen: 1_500_000))
        #expect(firms[Self.id(3)]?.finance.first?.revenue == Money(fen: 1_500_000))
        #expect(report.rejects.map(\.recordID) == [Self.id(4), Self.id(5)])
        #expect(report.rejects.first?.reason.hasPrefix("unit '千元' is not yuan or wan-yuan") == true)
    }

    @Test("district codes and names, retired codes and zones")
    func districts() throws {
        let bodies = [
            "", "<所属区市>胶州市</所属区市>", "<所属区市>崂山</所属区市>", "<所属区市>崂山</所属区市><所属园区>高新区</所属园区>",
            "<所属区市>370205</所属区市>", "<所属区市>四方区</所属区市>", "<所属区市>370299</所属区市>", "<所属区市>崂山新区</所属区市>",
            "<所属区市> 370213 </所属区市>", "<所属区市>370212</所属区市><所属园区>崂山</所属园区>",
        ]
        // Each body's district replaces the document's default (370212): the last value read wins.
        let (report, firms) = try Self.importDistrict(Self.districtDocument(bodies))
        #expect(firms[Self.id(1)]?.district == "370212")
        #expect(firms[Self.id(2)]?.district == "370281")
        #expect(firms[Self.id(3)]?.district == "370212")
        #expect(firms[Self.id(4)]?.zone == "370271")
        #expect(firms[Self.id(5)]?.district == "370203")
        #expect(firms[Self.id(6)]?.district == "370203")
        #expect(firms[Self.id(9)]?.district == "370213")
        #expect(firms[Self.id(10)]?.zone == "370212")
        #expect(report.rejects.map(\.recordID) == [Self.id(7), Self.id(8)])
        #expect(report.rejects[0].reason.hasPrefix("code '370299' is not a county-level division of Qingdao"))
        let warnings = report.warnings.map { "\($0.recordID ?? "") \($0.reason)" }
        #expect(warnings.contains("\(Self.id(5)) code 370205 (四方区) is retired; counted as 370203 市北区"))
        #expect(warnings.contains("\(Self.id(10)) zone '370212' is not a known functional zone code"))
    }

    @Test("a fact value longer than the reader's buffers is kept whole, with the fact's other values")
    func longFactValue() throws {
        let number = "GR" + String(repeating: "0123456789", count: 30)
        let body = "<资质认定><资质 类型=\"高新技术企业\" 发证日期=\"2023/11/10\" 证书编号=\"\(number)\" 有效期至=\"2026年11月9日\"/>"
            + "<资质 类型=\"科技型中小企业\" 证书编号=\"S1\" 发证日期=\"20240102\"/></资质认定>"
        let (report, firms) = try Self.importDistrict(Self.districtDocument([body]))
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        let certifications = try #require(firms[Self.id(1)]?.certifications)
        #expect(certifications.count == 2)
        #expect(certifications.first?.number == number)
        #expect(certifications.first?.issued == Day("2023-11-10"))
        #expect(certifications.first?.expires == Day("2026-11-09"))
        #expect(certifications.first?.kind == .highTech)
        #expect(certifications.last?.number == "S1")
        #expect(certifications.last?.issued == Day("2024-01-02"))
    }

    @Test("a text value longer than the reader's buffer is kept whole")
    func longText() throws {
        let name = "青岛" + String(repeating: "海纳智联蓝谷即发", count: 40) + "科技有限公司"
        let bytes = ProfileLayouts.encode("""
            <?xml version="1.0" encoding="GB18030"?>
            <企业名录 导出日期="2025年12月31日">
            <企业 统一社会信用代码="91370212MA3C4L0X5W"><企业名称>\(name)</企业名称><所属区市>370212</所属区市><成立日期>2016-05-18</成立日期></企业>
            <企业 统一社会信用代码="91370212MA3C4L0X5"><企业名称>短</企业名称><所属区市>370212</所属区市><成立日期>2016-05-18</成立日期></企业>
            </企业名录>
            """, as: "GB18030")
        let (report, firms) = try Self.importDistrict(bytes)
        #expect(report.rejects.isEmpty)
        #expect(firms["91370212MA3C4L0X5W"]?.name == name)
        #expect(firms["91370212MA3C4L0X5"]?.name == "短")
    }

    @Test("grouped rows: consecutive rows are one firm; a firm's rows apart are a duplicate")
    func groupedRows() throws {
        func row(_ id: String, _ year: Int, name: String = "测试") -> String {
            "<Row uscc=\"\(id)\" name=\"\(name)\" county=\"370212\" registered=\"20160518\" year=\"\(year)\" employees=\"\(year - 2000)\"/>"
        }
        let (a, b) = ("91370212MA3C4L0X5W", "91370212MA3C4L0X5")
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <FirmYearTable exportDate="20251231" issuer="x" region="370200">
            \(row(a, 2022))\(row(a, 2023, name: "ignored"))
            \(row(b, 2022))\(row(b, 2023))
            \(row(a, 2024))
            </FirmYearTable>
            """
        var firms: [Enterprise] = []
        let report = try ProfileImporter(profile: ProfileLayouts.profile("flat-firm-year"))
            .importDocument(bytes: Array(text.utf8), name: "f.xml") { if case .enterprise(let firm) = $0 { firms.append(firm) } }
        #expect(firms.map(\.id) == [a, b])
        #expect(firms.first?.name == "测试")
        #expect(firms.first?.finance.map(\.employees) == [22, 23])
        #expect(firms.last?.finance.map(\.year) == [2022, 2023])
        #expect(report.rejects.count == 1)
        #expect(report.rejects.first?.position.line == 5)
        #expect(report.rejects.first?.reason.hasSuffix("(in this layout the rows of one firm must be consecutive)") == true)
    }
}
