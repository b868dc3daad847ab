import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderStore

/// The summary of one imported file, as text or JSON.
struct ImportSummary: Encodable {
    struct Reject: Encodable {
        var line: Int
        var column: Int
        var id: String?
        var element: String?
        var reason: String
        /// The reason in Chinese (the text summary's default; JSON has both, `reason` in English).
        var reasonZh: String

        func reason(_ language: Language) -> String { language == .zh ? reasonZh : reason }
    }

    var file: String
    var records = 0
    var imported = 0
    var rejected = 0
    var warnings = 0
    var districts: [String: Int] = [:]
    var seconds: Double
    var mbPerSecond: Double
    var exportedAt: String?
    var kinds: [String: Int] = [:]
    var rejects: [Reject] = []
    var warningList: [Reject] = []
    var error: String?
    var errorLine: Int?
    var errorColumn: Int?
    var renderedError: String?
    /// What the registry database did with the file (nil for --dry-run).
    var database: String?

    enum CodingKeys: String, CodingKey {
        case file, records, imported, rejected, warnings, districts, seconds, mbPerSecond, exportedAt, kinds, rejects
        case warningList = "warningDetails"
        case error, errorLine, errorColumn, database
    }

    init(report: ImportReport, seconds: Double, limit: Int) {
        file = report.file
        records = report.records
        imported = report.imported
        rejected = report.rejected
        warnings = report.warningCount
        districts = report.districts
        self.seconds = seconds
        mbPerSecond = seconds > 0 ? Double(report.bytes) / 1_000_000 / seconds : 0
        exportedAt = report.header?.exportedAt.description
        kinds = report.kinds
        rejects = report.rejects.prefix(limit).map(Self.reject)
        warningList = report.warnings.prefix(limit).map(Self.reject)
    }

    /// A file whose content the database already held: not parsed again.
    init(alreadyImported line: String, file: String, seconds: Double) {
        self.file = file
        self.seconds = seconds
        mbPerSecond = 0
        database = line
    }

    init(failure: XMLError, file: String, seconds: Double) {
        self.file = file
        self.seconds = seconds
        mbPerSecond = 0
        error = failure.message
        errorLine = failure.line
        errorColumn = failure.column
        renderedError = failure.renderedForTerminal(of: file)
    }

    static func reject(_ issue: RecordIssue) -> Reject {
        Reject(line: issue.position.line, column: issue.position.column, id: issue.recordID, element: issue.element,
               reason: issue.reason, reasonZh: issue.reasonZh)
    }

    /// The summary as people read it, in `language`, reasons included.
    func text(_ language: Language) -> String {
        let l = language
        if let renderedError {
            return l.pick("\(file)：无法读取，未导入其中任何内容。\n错误：\(renderedError)",
                          "\(file): could not be read; nothing from it was imported.\nerror: \(renderedError)")
        }
        if let database, exportedAt == nil { return l.pick("\(file)：\(database)", "\(file): \(database)") }
        var lines = [l.pick("\(file)（导出日期 \(exportedAt ?? "?")）", "\(file)  (exported \(exportedAt ?? "?"))")]
        if let database { lines.append("  \(database)") }
        lines.append(l.pick("  记录 \(records)   导入 \(imported)   拒收 \(rejected)   警告 \(warnings)",
                            "  records \(records)   imported \(imported)   rejected \(rejected)   warnings \(warnings)"))
        let kindNames = l == .zh ? ["企业", "平台", "技术合同", "技术经纪人"] : ["enterprises", "platforms", "contracts", "brokers"]
        let kindText = zip(["enterprise", "platform", "contract", "broker"], kindNames).map { "\($1) \(kinds[$0] ?? 0)" }
        lines.append("  " + kindText.joined(separator: "   "))
        lines.append(String(format: l.pick("  %.2f 秒，%.1f MB/s", "  %.2f s, %.1f MB/s"), seconds, mbPerSecond))
        if !districts.isEmpty {
            var table = TextTable(headers: l == .zh ? ["区市", "代码", "企业数"] : ["District", "Code", "Firms"], rightAligned: [2])
            for code in districts.keys.sorted() {
                table.add([District.name(of: code) ?? "?", code, String(districts[code] ?? 0)])
            }
            lines.append(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        if !rejects.isEmpty {
            lines.append(l.pick("  拒收的记录（前 \(rejects.count) 条，共 \(rejected) 条）：", "  rejected (first \(rejects.count) of \(rejected)):"))
            lines += rejects.map { "    \(file):\($0.line):\($0.column) \($0.id.map { "[\($0)] " } ?? "")\($0.reason(l))" }
        }
        if !warningList.isEmpty {
            lines.append(l.pick("  警告（前 \(warningList.count) 条，共 \(warnings) 条）：", "  warnings (first \(warningList.count) of \(warnings)):"))
            lines += warningList.map { "    \(file):\($0.line):\($0.column) \($0.id.map { "[\($0)] " } ?? "")\($0.reason(l))" }
        }
        return lines.joined(separator: "\n")
    }
}

extension StoreImportResult {
    /// The summary's database line in `language` (English: the store's own words).
    func line(database: String, language: Language) -> String {
        guard language == .zh else { return line(database: database) }
        switch outcome {
        case .imported(let part):
            return "已存入 \(database) 中 \(part.exportedAt) 的快照"
        case .replaced(let part, let previous):
            return "已存入 \(database) 中 \(part.exportedAt) 的快照，替换了 "
                + previous.map { "\($0.fileName)（同一来源 \($0.source ?? "")）" }.joined(separator: "、")
        case .alreadyImported(let part):
            return "已导入过（文件 \(part.fileName)，\(part.exportedAt) 的快照），未新增内容"
        }
    }
}

extension XMLError {
    /// The error with the offending line of `path` and a caret aligned by display width (Chinese text
    /// takes two columns); the line is left out when it is not UTF-8 (e.g. a GB18030 file).
    /// A directory, a missing file and a file cut short are said in plain words.
    func renderedForTerminal(of path: String) -> String {
        if FileManager.default.isDirectory(path) { return "\(path): is a directory, not a registry file" }
        if !FileManager.default.fileExists(atPath: path) { return "\(path): no such file" }
        if kind == .notWellFormed, line > 0, SourceLines.endsAt(line: line, of: path) {
            var cut = self
            cut.message = "the file ends early at line \(line) (truncated?): \(message)"
            return cut.rendered(sourceLine: SourceLines.line(line, of: path)) { DisplayWidth.of($0) }
        }
        return rendered(sourceLine: SourceLines.line(line, of: path)) { DisplayWidth.of($0) }
    }
}

/// Reads one line of a file for error rendering, without loading the file: stops at that line.
enum SourceLines {
    /// Whether `line` is the file's last line (or past it): where a parser stops on a cut-off file.
    static func endsAt(line: Int, of path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var newlines = 0
        var last: UInt8 = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for byte in chunk where byte == UInt8(ascii: "\n") { newlines += 1 }
            last = chunk.last ?? last
            if newlines > line + 1 { return false }
        }
        let lines = last == UInt8(ascii: "\n") ? newlines : newlines + 1
        return line >= lines
    }

    static func line(_ number: Int, of path: String) -> String? {
        guard number > 0, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var current = 1
        var line = Data()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    if current == number { return String(decoding: line, as: UTF8.self) }
                    current += 1
                    line.removeAll(keepingCapacity: true)
                } else if current == number {
                    line.append(byte)
                    if line.count > 4096 { return String(decoding: line, as: UTF8.self) }
                }
            }
        }
        return current == number ? String(decoding: line, as: UTF8.self) : nil
    }
}
