import LadderCore
import LadderReports
import Testing

@Suite("Tally of the golden registry")
struct TallyGoldenTests {
    @Test("the golden registry imports without rejects")
    func importsCleanly() throws {
        let (tally, report) = try GoldenRegistry.tally()
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        #expect(tally.firmsRead == 14)
        #expect(tally.deregistered == 1)
    }

    @Test("certified counts per district: once per firm at its highest valid rung")
    func certifiedPerDistrict() throws {
        let (tally, _) = try GoldenRegistry.tally()
        #expect(tally.group("370212").certified == RungCounts(techSME: 1, highTech: 3, leading: 1))
        #expect(tally.group("370203").certified == RungCounts(techSME: 1, highTech: 0, leading: 1))
        #expect(tally.group("370215").certified == RungCounts(techSME: 1, highTech: 0, leading: 0))
        #expect(tally.group("370282").certified.total == 0, "retired codes count under their successor")
        #expect(tally.group("370202").certified.total == 0)
        #expect(tally.total.certified == RungCounts(techSME: 3, highTech: 3, leading: 2))
        #expect(tally.total.certified.total == 8)
    }

    @Test("expired, revoked and not-yet-issued certificates leave active firms lapsed; deregistered firms never count")
    func exclusions() throws {
        let (tally, _) = try GoldenRegistry.tally()
        #expect(tally.group("370212").lapsed == 3)
        #expect(tally.group("370203").lapsed == 1)
        #expect(tally.group("370212").deregisteredCertified == 1)
        #expect(tally.group("370212").activeFirms == 9)
        #expect(tally.total.activeFirms == 13)
    }

    @Test("eligible, pipeline and audit risk per district")
    func eligibilityFigures() throws {
        let (tally, _) = try GoldenRegistry.tally()
        let laoshan = tally.group("370212")
        #expect(laoshan.eligible == RungCounts(techSME: 1, highTech: 3, leading: 1))
        #expect(laoshan.pipeline == RungCounts(techSME: 1, highTech: 2, leading: 0))
        #expect(laoshan.pipelineUncertified == 2)
        #expect(laoshan.auditRisk == RungCounts(techSME: 0, highTech: 1, leading: 0))
        #expect(laoshan.undeterminedCertified == 1)
        let shibei = tally.group("370203")
        #expect(shibei.eligible == RungCounts(techSME: 1, highTech: 1, leading: 0))
        #expect(shibei.pipeline.total == 0)
        #expect(shibei.auditRisk == RungCounts(techSME: 0, highTech: 0, leading: 1))
        #expect(tally.group("370215").undeterminedCertified == 1)
        #expect(tally.group("370215").auditRisk.total == 0)
        #expect(tally.total.eligible == RungCounts(techSME: 2, highTech: 4, leading: 1))
        #expect(tally.total.auditRisk.total == 2)
    }

    @Test("without a rules engine, eligibility is ignored")
    func notComputed() throws {
        let (tally, _) = try GoldenRegistry.tally(eligibility: false)
        #expect(!tally.eligibilityComputed)
        #expect(tally.total.eligible.total == 0)
        #expect(tally.total.auditRisk.total == 0)
        #expect(tally.total.certified.total == 8)
    }

    @Test("platforms, contracts, brokers and R&D on the date")
    func otherIndicators() throws {
        let (tally, _) = try GoldenRegistry.tally()
        #expect(tally.platforms.counted == 2)
        #expect(tally.platforms.belowLevel == 1)
        #expect(tally.platforms.later == 1)
        #expect(tally.contracts[2025] == ContractYearExpect.make(fen: 125_000_050, contracts: 2))
        #expect(tally.contracts[2024]?.turnover == Money(yuan: 1000))
        #expect(tally.contractsLater == 1)
        #expect(tally.brokers.counted == 2)
        #expect(tally.brokers.later == 1)
        #expect(tally.rd[2025]?.sum == Money(fen: 130_050))
        #expect(tally.rd[2025]?.firms == 3)
        #expect(tally.rd[2024]?.sum == Money(yuan: 30_000))
        let snapshot = tally.snapshot
        #expect(snapshot.readings[.techEnterprises]?.value == .count(8))
        #expect(snapshot.readings[.rdExpense]?.value == .money(Money(fen: 130_050)))
        #expect(snapshot.readings[.rdExpense]?.year == 2025)
        #expect(snapshot.readings[.platforms]?.value == .count(2))
        #expect(snapshot.readings[.contractTurnover]?.value == .money(Money(fen: 125_000_050)))
        #expect(snapshot.readings[.brokers]?.value == .count(2))
    }

    @Test("grouping by zone, industry and domain keeps the same total")
    func otherGroupings() throws {
        for grouping in [Grouping.zone, .industry, .domain] {
            let (tally, _) = try GoldenRegistry.tally(by: grouping)
            #expect(tally.total.certified.total == 8)
        }
    }

    @Test("merging two halves gives the same tally")
    func merge() throws {
        let (whole, _) = try GoldenRegistry.tally()
        var left = Tally(asOf: GoldenRegistry.asOf)
        var right = Tally(asOf: GoldenRegistry.asOf)
        var index = 0
        _ = try LadderImportBridge.records { record in
            if index % 2 == 0 {
                left.add(record, eligibility: GoldenRegistry.eligibility(of:))
            } else {
                right.add(record, eligibility: GoldenRegistry.eligibility(of:))
            }
            index += 1
        }
        left.merge(right)
        #expect(left.groups == whole.groups)
        #expect(left.rd == whole.rd)
        #expect(left.contracts == whole.contracts)
    }
}

enum ContractYearExpect {
    static func make(fen: Int64, contracts: Int) -> ContractYear {
        var year = ContractYear()
        year.turnover = Money(fen: fen)
        year.contracts = contracts
        return year
    }
}
