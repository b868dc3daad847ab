import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import LadderStore

/// `techladder firms`: the firms behind each tally figure, one line each.
struct Firms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the firms behind each tally count: credit code, name, district, certified and eligible rung, status.",
        discussion: """
            --status picks one tally figure: certified (科技型企业), eligible (符合条件), pipeline (符合未认定), \
            risk (认定不符), undetermined (待定), lapsed (证书失效) or deregistered (已注销); the firms listed \
            are exactly the firms that figure counts (FirmStanding in LadderReports classifies both). \
            --rung with --status: the rung that figure counts the firm at; alone: its certified or eligible rung. \
            \(ExitStatus.helpTable)
            """
    )

    /// Files or database, snapshot, --as-of, --district, rules: the options every report command reads with.
    @OptionGroup var input: ReportInputOptions

    @Option(help: "Only firms on this rung: tech-sme, high-tech or leading.")
    var rung: String?

    @Option(help: "Only firms counted under this figure: certified, eligible, pipeline, risk, undetermined, lapsed, deregistered.")
    var status: String?

    @Option(help: "Only firms whose name (or credit code) contains this text.")
    var name: String?

    @Option(help: "Order: name, district, rung (highest first) or score (tech-SME evaluation score, highest first).")
    var sort: String = "district"

    @Option(help: "Output format: table, csv, json or xlsx (xlsx needs --output).")
    var format: String = "table"

    @OptionGroup var out: OutputOptions


    func validate() throws {
        if let rung, Tier(rawValue: rung) == nil { throw ValidationError("--rung must be tech-sme, high-tech or leading, not '\(rung)'") }
        if let status, TallyStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(TallyStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(status)'")
        }
        if FirmListSort(rawValue: sort) == nil { throw ValidationError("--sort must be name, district, rung or score, not '\(sort)'") }
        if !["table", "csv", "json", "xlsx"].contains(format) {
            throw ValidationError("--format must be table, csv, json or xlsx, not '\(format)'")
        }
        if format == "xlsx" { _ = try out.binaryPath(format: "xlsx") }
    }

    var filter: FirmListFilter {
        FirmListFilter(district: input.districtFilter, status: status.flatMap(TallyStatus.init),
                       rung: rung.flatMap(Tier.init), name: name)
    }

    func run() throws {
        let ladder = try input.loadLadder()
        let order = FirmListSort(rawValue: sort) ?? .district
        let scoring = order == .score ? try ladder?.copy() ?? DataFolders.ladder(input.rules) : nil
        let filter = filter
        var entries: [FirmListEntry] = []
        var date: Day?
        var computed = true
        func add(_ firm: Enterprise, _ eligibility: Eligibility?, on day: Day) {
            let standing = FirmStanding(firm, asOf: day, eligibility: eligibility)
            var entry = FirmListEntry(id: firm.id, name: firm.name, district: firm.district, standing: standing)
            guard filter.keeps(entry) else { return }
            if let scoring { entry.score = scoring.assess(firm, asOf: day, tiers: [.techSME], evidence: false)[.techSME]?.score?.lo }
            entries.append(entry)
        }
        if let path = input.databasePath {
            let store = try RegistryStore.openExisting(path)
            let chosen = try StoreVerdicts.snapshot(store, on: input.snapshot.flatMap { Day($0) }, path: path)
            let day = input.asOf.flatMap { Day($0) } ?? chosen.exportedAt
            date = day
            let source = try StoreFirms.forEach(store, chosen, on: day, ladder: ladder) { add($0, $1, on: day) }
            computed = source != .none
        } else {
            let fixed = input.asOf.flatMap { Day($0) }
            computed = ladder != nil
            var failed = false
            var overlap = FileOverlap(files: input.files)
            for (_, file) in FileOverlap.order(input.files) {
                do {
                    var day: Day?
                    _ = try RegistryLayout.detect(file: file).importFilePipelined(file, onHeader: { header in
                        let read = fixed ?? header.exportedAt
                        date = read  // read last first: the first file's date, as named
                        if overlap.isReplaced(header, file: file, on: read) { throw FileOverlap.Replaced() }
                        day = read
                    }, onBatch: { batch in
                        guard let day else { return }
                        for record in batch {
                            guard case .enterprise(let firm) = record, overlap.stands(record, on: day) else { continue }
                            add(firm, ladder.map { Eligibility($0.verdicts(firm, asOf: day)) }, on: day)
                        }
                    })
                } catch is FileOverlap.Replaced {
                    continue
                } catch let error as XMLError {
                    FileHandle.standardError.write(Data("\(file): could not be read; nothing from it was listed\nerror: \(error)\n".utf8))
                    failed = true
                }
            }
            if failed { throw ExitCode(2) }
            overlap.report()
        }
        let sorted = order.sorted(entries)
        let day = date ?? Day(ordinal: 0)
        switch format {
        case "csv": try out.emit(FirmListRender.csv(sorted, language: out.language.resolved))
        case "xlsx": try out.emit(Workbook([FirmListRender.reportTable(sorted, language: out.language.resolved)]))
        case "json": try out.emit(FirmListRender.json(sorted, asOf: day, eligibilityComputed: computed))
        default:
            var title = "企业名单 Firms (as of \(day)"
            if let status = filter.status { title += ", \(status.chineseName) \(status.rawValue)" }
            if let district = filter.district { title += ", \(district.code) \(district.name)" }
            if let rung = filter.rung { title += ", \(rung.rawValue)" }
            try out.emit(FirmListRender.table(sorted, eligibilityComputed: computed, title: title + ")"))
        }
    }
}
