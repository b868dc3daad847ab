import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import Testing

/// The counts several commands show, read from each command's own output.
struct CommandCounts {
    /// Per tally status, what `tally --format json` says for the whole registry (or one district).
    var tally: [TallyStatus: Int] = [:]
    /// Per status, how many firms `firms --status S --format json` lists.
    var firms: [TallyStatus: Int] = [:]
    var progressTechEnterprises = 0
    var reportTotal: [String] = []
    var discrepancyFirms: [String: Int] = [:]
    var discrepancyUncheckable = 0
}

/// Runs the built binary and returns its standard output, expecting it to succeed.
func techladderOutput(_ arguments: [String]) throws -> String {
    let (text, status) = try runCapturing(arguments)
    #expect(status == 0, "techladder \(arguments.joined(separator: " "))")
    return text
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// Each command's figures for one file, from the commands as a user runs them.
func commandCounts(_ file: String, district: String? = nil) throws -> CommandCounts {
    let scope = district.map { ["--district", $0] } ?? []
    var counts = CommandCounts()
    let tally = try jsonObject(try techladderOutput(["tally", file, "--format", "json", "--no-progress"] + scope))
    let total = try #require(tally["total"] as? [String: Any])
    func rungTotal(_ key: String) -> Int { ((total[key] as? [String: Any])?["total"] as? Int) ?? -1 }
    counts.tally = [
        .certified: rungTotal("certified"), .eligible: rungTotal("eligible"), .pipeline: rungTotal("pipeline"),
        .risk: rungTotal("auditRisk"), .undetermined: total["undetermined"] as? Int ?? -1,
        .lapsed: total["lapsed"] as? Int ?? -1, .deregistered: tally["deregistered"] as? Int ?? -1,
    ]
    for status in TallyStatus.allCases {
        let listed = try jsonObject(try techladderOutput(["firms", file, "--status", status.rawValue, "--format", "json"] + scope))
        counts.firms[status] = (listed["firms"] as? [Any])?.count
    }
    let progress = try jsonObject(try techladderOutput(["progress", file, "--format", "json", "--no-progress"] + scope))
    let indicators = try #require(progress["indicators"] as? [[String: Any]])
    let techEnterprises = try #require(indicators.first { $0["indicator"] as? String == "tech-enterprises" })
    counts.progressTechEnterprises = Int(((techEnterprises["current"] as? [String: Any])?["value"] as? String) ?? "") ?? -1
    let html = FileManager.default.temporaryDirectory.appendingPathComponent("counts-\(getpid()).html").path
    defer { try? FileManager.default.removeItem(atPath: html) }
    _ = try techladderOutput(["report", file, "--output", html, "--no-progress"] + scope)
    let page = try String(contentsOfFile: html, encoding: .utf8)
    let row = try #require(page.range(of: #"<tr class="total">.*?</tr>"#, options: .regularExpression))
    counts.reportTotal = page[row].components(separatedBy: "<td>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    let discrepancies = try jsonObject(try techladderOutput(["audit", "--discrepancies", "--format", "json", file] + scope))
    counts.discrepancyFirms = try #require(discrepancies["firmsByKind"] as? [String: Int])
    counts.discrepancyUncheckable = (discrepancies["uncheckable"] as? [String: Int])?.values.reduce(0, +) ?? -1
    return counts
}

/// Checks that every command's figure is the tally's.
func expectAgreement(_ counts: CommandCounts) {
    for status in TallyStatus.allCases {
        #expect(counts.firms[status] == counts.tally[status], "firms --status \(status.rawValue) vs tally")
    }
    #expect(counts.progressTechEnterprises == counts.tally[.certified])
    // The report's total row: name, code, certified, tech-sme, high-tech, leading, eligible, pipeline, risk, ...
    #expect(counts.reportTotal.count >= 9)
    if counts.reportTotal.count >= 9 {
        let figures = [2, 6, 7, 8].map { Int(counts.reportTotal[$0].replacingOccurrences(of: ",", with: "")) }
        #expect(figures == [counts.tally[.certified], counts.tally[.eligible], counts.tally[.pipeline], counts.tally[.risk]])
    }
    #expect(counts.discrepancyFirms["certified-failing"] == counts.tally[.risk])
    #expect(counts.discrepancyFirms["qualified-uncertified"] == counts.tally[.pipeline])
    #expect(counts.discrepancyUncheckable == counts.tally[.undetermined])
}

/// The figures the library computes for a file, firm by firm: the tally, the statuses `firms` lists,
/// the discrepancy audit and the near-miss summary (the summary's counts do not depend on the plans,
/// so none are searched: a search over 50,000 firms in a debug build would take many minutes).
func libraryCounts(_ path: String) throws -> (tally: Tally, listed: [TallyStatus: Int], audit: DiscrepancyAudit, nearMiss: NearMissReport) {
    let ladder = try Ladder.load(directory: repositoryRoot + "/Rules")
    var tally: Tally?
    var listed: [TallyStatus: Int] = [:]
    var audit = DiscrepancyAudit()
    var nearMiss = NearMissReport()
    _ = try RegistryImporter().importFile(path, onHeader: { tally = Tally(asOf: $0.exportedAt) }) { record in
        guard case .enterprise(let firm) = record, let day = tally?.asOf else { return }
        let eligibility = Eligibility(ladder.verdicts(firm, asOf: day))
        tally?.add(firm, eligibility: eligibility)
        let standing = FirmStanding(firm, asOf: day, eligibility: eligibility)
        for status in TallyStatus.allCases where standing.isCounted(as: status) { listed[status, default: 0] += 1 }
        let assessment = ladder.assess(firm, asOf: day)
        audit.add(firm, assessment)
        nearMiss.add(firm, assessment, [])
    }
    return (try #require(tally), listed, audit, nearMiss)
}

func expectLibraryAgreement(_ path: String) throws {
    let (tally, listed, audit, nearMiss) = try libraryCounts(path)
    let total = tally.total
    for status in TallyStatus.allCases {
        #expect(listed[status, default: 0] == status.count(in: total, deregistered: tally.deregistered), "\(status)")
    }
    #expect(audit.firmsByKind[.certifiedFailing, default: 0] == total.auditRisk.total)
    #expect(audit.firmsByKind[.qualifiedUncertified, default: 0] == total.pipeline.total)
    #expect(audit.uncheckable.values.reduce(0, +) == total.undeterminedCertified)
    #expect(nearMiss.total.onLadder == total.certified.total)
    #expect(nearMiss.total.qualifiedUnregistered == total.pipelineUncertified)
    #expect(nearMiss.total.firms == tally.firmsRead)
    #expect(total.auditRisk.total > 0 && total.pipeline.total > 0 && tally.deregistered > 0)
}

@Suite("One definition per count")
struct SharedCountTests {
    static let sample = repositoryRoot + "/SampleData/registry-2025.xml"

    @Test("tally, firms, progress, report and the discrepancy summary give the same figures on SampleData")
    func commandsAgreeOnSampleData() throws {
        let counts = try commandCounts(Self.sample)
        expectAgreement(counts)
        #expect((counts.tally[.certified] ?? 0) > 0 && (counts.tally[.risk] ?? 0) > 0)
    }

    @Test("progress of one district names it in the title, against the city's targets")
    func progressNamesTheDistrict() throws {
        let zh = try techladderOutput(["progress", Self.sample, "--district", "崂山", "--no-progress"])
        #expect(zh.hasPrefix("2028年目标进展（截至 2025-12-31；仅崂山区 370212，对照全市目标）"))
        let en = try techladderOutput(["progress", Self.sample, "--district", "370212", "--no-progress", "--lang", "en"])
        #expect(en.hasPrefix("Progress to the 2028 targets (as of 2025-12-31), 崂山区 370212 only, against the city's targets"))
        #expect(!(try techladderOutput(["progress", Self.sample, "--no-progress"])).contains("，对照全市目标）"))
    }

    @Test("the firms table shows every count a firm is in, and the score it was sorted by")
    func tableShowsCountsAndScore() throws {
        let lapsed = try techladderOutput(["firms", Self.sample, "--status", "lapsed"])
        let rows = lapsed.split(separator: "\n").filter { $0.hasPrefix("91") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains("证书失效") }, "each row says why it is listed")
        let scored = try techladderOutput(["firms", Self.sample, "--status", "pipeline", "--sort", "score"])
        #expect(scored.contains("评价得分 score"))
        #expect(!lapsed.contains("评价得分 score"))
    }

    @Test("in English, firms' CSV header is its JSON keys, as the tally's is; in Chinese the cells are Chinese")
    func englishCSVHeaderIsTheKeys() throws {
        let csv = try techladderOutput(["firms", Self.sample, "--status", "pipeline", "--format", "csv", "--lang", "en"])
        let header = csv.split(whereSeparator: \.isNewline).first.map { String($0).replacingOccurrences(of: "\u{FEFF}", with: "") }
        let listed = try jsonObject(try techladderOutput(["firms", Self.sample, "--status", "pipeline", "--format", "json"]))
        let first = try #require((listed["firms"] as? [[String: Any]])?.first)
        let columns = try #require(header).split(separator: ",").map(String.init)
        #expect(Set(columns) == Set(first.keys))
        #expect(columns.first == "id")
        #expect(csv.contains(",pipeline,") && !csv.contains("符合未认定"))
        // In Chinese, the cells name rungs and statuses in Chinese too; JSON keeps the codes.
        let chinese = try techladderOutput(["firms", Self.sample, "--status", "pipeline", "--format", "csv"])
        #expect(chinese.contains(",符合未认定,") && !chinese.contains(",pipeline,") && !chinese.contains(",tech-sme,"))
        #expect(first["status"] as? String == "pipeline")
    }

    @Test("firms --status pipeline --district 崂山区 lists exactly tally's 符合未认定 for 崂山区, and so for every status")
    func oneDistrictAgrees() throws {
        let counts = try commandCounts(Self.sample, district: "崂山区")
        expectAgreement(counts)
        let city = try jsonObject(try techladderOutput(["tally", Self.sample, "--format", "json", "--no-progress"]))
        let laoshan = try #require((city["districts"] as? [[String: Any]])?.first { $0["code"] as? String == "370212" })
        #expect(counts.firms[.pipeline] == (laoshan["pipeline"] as? [String: Any])?["total"] as? Int)
        #expect(counts.tally[.certified] == (laoshan["certified"] as? [String: Any])?["total"] as? Int)
    }

    @Test("the library's tally, firm statuses, discrepancy and near-miss summaries agree on SampleData")
    func libraryAgreesOnSampleData() throws {
        try expectLibraryAgreement(Self.sample)
    }

    @Test("every command and summary agrees on 50,000 generated firms")
    func agreeOnGeneratedRegistry() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("counts-50000-\(getpid()).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try techladderOutput(["generate", "--firms", "50000", "--seed", "1", "--output", path])
        try expectLibraryAgreement(path)
        expectAgreement(try commandCounts(path))
    }

    @Test("from a database, firms lists what tally --db counts, city-wide and for one district")
    func databaseAgrees() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("counts-\(getpid()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        _ = try techladderOutput(["import", "--db", db, Self.sample, "--no-progress"])
        // Before assess, tally --db counts certified firms in SQL; firms assesses the rest on the fly.
        let before = try jsonObject(try techladderOutput(["firms", "--db", db, "--status", "certified", "--format", "json"]))
        let sql = try jsonObject(try techladderOutput(["tally", "--db", db, "--format", "json"]))
        let certified = ((sql["total"] as? [String: Any])?["certified"] as? [String: Any])?["total"] as? Int
        #expect(certified != nil && (before["firms"] as? [Any])?.count == certified)
        _ = try techladderOutput(["assess", "--db", db])
        for scope in [[], ["--district", "370212"]] {
            let tally = try jsonObject(try techladderOutput(["tally", "--db", db, "--format", "json"] + scope))
            let total = try #require(tally["total"] as? [String: Any])
            let expected: [TallyStatus: Int?] = [
                .certified: (total["certified"] as? [String: Any])?["total"] as? Int,
                .pipeline: (total["pipeline"] as? [String: Any])?["total"] as? Int,
                .risk: (total["auditRisk"] as? [String: Any])?["total"] as? Int,
                .undetermined: total["undetermined"] as? Int,
            ]
            let files = try commandCounts(Self.sample, district: scope.last)
            for (status, count) in expected {
                let listed = try jsonObject(try techladderOutput(["firms", "--db", db, "--status", status.rawValue, "--format", "json"] + scope))
                #expect((listed["firms"] as? [Any])?.count == count, "\(status) \(scope)")
                #expect(files.tally[status] == count, "\(status) \(scope): database and files")
            }
        }
    }

    @Test("a district is named by code, retired code, full name or the start of its name (or of a retired one); others are refused")
    func districtNames() {
        #expect(DistrictFilter("370212")?.code == "370212")
        #expect(DistrictFilter("崂山区")?.code == "370212")
        #expect(DistrictFilter("崂山")?.code == "370212")
        #expect(DistrictFilter("370282")?.code == "370215")
        #expect(DistrictFilter("即墨市")?.code == "370215")
        #expect(DistrictFilter("370282")?.contains("370282") == true)
        #expect(DistrictFilter("999") == nil)
        #expect(DistrictFilter("青岛") == nil)
        #expect(DistrictFilter("370271") == nil)  // a functional zone, not a district
        #expect(DistrictFilter.unknown("x").contains("370212 崂山区"))
        // The start of a retired name means its successor; a start two districts share is ambiguous.
        #expect(DistrictFilter("胶南")?.code == "370211")
        #expect(DistrictFilter("市") == nil)
        #expect(DistrictFilter.unknown("市").hasPrefix("ambiguous district '市': it starts 370202 市南区, 370203 市北区"))
    }
}
