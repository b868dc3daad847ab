import LadderCore
import Testing
@testable import LadderImport

/// The bookkeeping both importers share, driven directly as a handler drives it.
@Suite("Record builder: rejects, warnings, required fields, duplicates, districts")
struct RecordBuilderTests {
    static func builder(_ delivered: @escaping (RegistryRecord) -> Void = { _ in }) -> RecordBuilder {
        RecordBuilder(file: "f.xml", onHeader: { _ in }, onRecord: { delivered($0) })
    }

    static func firm(_ builder: inout RecordBuilder, id: String, line: Int, district: String = "370202") {
        builder.beginRecord(at: Anchor(line: line, column: 3))
        builder.beginFirm(id: id)
        builder.hasName = true
        builder.hasRegisteredOn = true
        Array(district.utf8).withUnsafeBufferPointer { builder.setDistrict(code: $0, zone: nil, at: Anchor(line: line, column: 5)) }
    }

    @Test("the first problem is the reject, at its position; a complete firm is delivered")
    func firstProblemWins() throws {
        var delivered: [String] = []
        var builder = Self.builder { if case .enterprise(let firm) = $0 { delivered.append(firm.id) } }
        Self.firm(&builder, id: "A", line: 2)
        builder.reject("Finance/Revenue", Reason("Revenue '1,0' uses a thousands separator", "销售收入 '1,0' 使用了千位分隔符"), at: Anchor(line: 4, column: 7))
        builder.reject("Name", Reason("is empty", "企业名称为空"), at: Anchor(line: 5, column: 1))
        builder.completeFirm()
        Self.firm(&builder, id: "B", line: 9)
        builder.completeFirm()
        let report = try builder.finish()
        #expect(delivered == ["B"])
        #expect(report.records == 2 && report.imported == 1 && report.rejected == 1)
        let reject = try #require(report.rejects.first)
        #expect(reject.description == "f.xml:4:7 [A] <Finance/Revenue>: Revenue '1,0' uses a thousands separator")
        #expect(report.districts == ["370202": 1] && report.kinds == ["enterprise": 1])
    }

    @Test("missing required fields are named with the layout's note; a repeated id is a duplicate")
    func requiredAndDuplicates() throws {
        var builder = Self.builder()
        Self.firm(&builder, id: "A", line: 2)
        builder.completeFirm()
        Self.firm(&builder, id: "A", line: 3)
        builder.completeFirm(duplicateNote: Reason(" (rows must be consecutive)", "（各行必须相邻）"))
        builder.beginRecord(at: Anchor(line: 4, column: 3))
        builder.beginFirm(id: "C")
        builder.completeFirm(note: { $0 == .name ? Reason(": mapped from 企业名称", "：从 企业名称 映射") : .none })
        let rejects = try builder.finish().rejects
        #expect(rejects.map(\.reason) == ["duplicate id A: an earlier record in this file has the same id (rows must be consecutive)",
                                          "is missing: mapped from 企业名称"])
        #expect(rejects.map(\.reasonZh) == ["统一社会信用代码 A 重复：本文件中前面已有同一代码的记录（各行必须相邻）",
                                            "缺少企业名称：从 企业名称 映射"])
    }

    @Test("a retired district code counts under its successor with a warning; an unknown one rejects")
    func districts() throws {
        var builder = Self.builder()
        Self.firm(&builder, id: "A", line: 2, district: "370205")
        let district = builder.firm.district
        #expect(district == "370203")
        builder.completeFirm()
        Self.firm(&builder, id: "B", line: 3, district: "999999")
        builder.completeFirm()
        let report = try builder.finish()
        #expect(report.districts == ["370203": 1])
        #expect(report.warnings.first?.reason.hasPrefix("code 370205") == true)
        #expect(report.rejects.first?.reason.hasPrefix("code '999999' is not a county-level division of Qingdao") == true)
    }
}
