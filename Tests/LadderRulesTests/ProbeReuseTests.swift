import LadderCore
import LadderImport
import LadderRules
import Testing

/// A probe of a firm with some figures changed, re-evaluating only the steps that read them
/// (`Ladder.probe(from:editing:)`), decides the rung as a probe of every step does.
@Suite("Probes that keep unchanged steps' results")
struct ProbeReuseTests {
    /// The firm with `amount` added to `fields` of `year` (a field not recorded stays so), or with
    /// `amount` Class I patents more.
    static func changed(_ firm: Enterprise, fields: [FinanceField], ip: Bool, amount: Int64, year: Int) -> Enterprise {
        var copy = firm
        if ip { copy.ip.append(IPHolding(ipClass: .one, kind: .inventionPatent, count: Int(amount), acquired: .own)) }
        if let index = copy.finance.firstIndex(where: { $0.year == year }) {
            for field in fields {
                guard let raw = copy.finance[index][field] else { continue }
                copy.finance[index][field] = raw + (field.isMoney ? amount * 100 : amount)
            }
        }
        return copy
    }

    /// The shipped rules and the firms of SampleData's 2025 registry, with its export date.
    static func sample() throws -> (Ladder, [Enterprise], Day) {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        var firms: [Enterprise] = []
        var date: Day?
        _ = try RegistryImporter().importFile(root + "/SampleData/registry-2025.xml", onHeader: { date = $0.exportedAt }) {
            if case .enterprise(let firm) = $0 { firms.append(firm) }
        }
        return (try Ladder.load(directory: root + "/Rules"), firms, try #require(date))
    }

    @Test("on every rung of 700 SampleData firms, for changes of each figure (and IP) by small to large amounts in two years, the probe equals a full one",
          arguments: [[FinanceField.rdExpense, .rdExpenseDomestic, .totalCost], [.techStaff, .employees],
                      [.highTechRevenue, .revenue, .totalIncome], [.revenue, .totalIncome], [.conversions], [.netAssets], []])
    func reusedProbeMatchesFullProbe(fields: [FinanceField]) throws {
        let (ladder, firms, day) = try Self.sample()
        let full = ladder.copy()
        let ip = fields.isEmpty
        var compared = 0, verdictChanged = 0
        for firm in firms.prefix(700) {
            for tier in Tier.allCases {
                let base = ladder.probeBase(firm, asOf: day, tier: tier)
                #expect(base.probe == full.probe(firm, asOf: day, tier: tier), "\(firm.id) \(tier) base")
                for amount: Int64 in [1, 7, 60, 1_000, 250_000, 40_000_000] {
                    for year in [day.year - 1, day.year - 2] {
                        let firmChanged = Self.changed(firm, fields: fields, ip: ip, amount: amount, year: year)
                        let edit: FirmEdit? = ip ? .ip(try #require(firmChanged.ip.last))
                            : firmChanged.finance.first { $0.year == year }.map { .year($0) }
                        guard let edit else { continue }
                        #expect(edit.applied(to: firm) == firmChanged)
                        let reused = ladder.probe(from: base, editing: edit)
                        let expected = full.probe(firmChanged, asOf: day, tier: tier)
                        #expect(reused == expected, "\(firm.id) \(tier) \(fields) +\(amount) in \(year)")
                        compared += 1
                        if reused?.verdict != base.probe?.verdict { verdictChanged += 1 }
                        // Another firm probed in between: the next edit must start from the base firm again.
                        if amount == 60 { _ = ladder.probe(firms[0], asOf: day, tier: tier) }
                    }
                }
            }
        }
        #expect(compared > 700 * 3 * 6)
        // The changes matter: some probes differ from the firm's own.
        if !fields.isEmpty && fields != [.netAssets] { #expect(verdictChanged > 0) }
    }
}

extension ProbeReuseTests {
    @Test("a certificate added, the tax method set or the registration date moved back: the probe equals a full one on every rung of every SampleData firm")
    func reusedProbeMatchesFullProbeForFacts() throws {
        let (ladder, firms, day) = try Self.sample()
        let full = ladder.copy()
        let issued = try #require(Day(year: day.year, month: 1, day: 1))
        var compared = 0, verdictChanged = 0
        for firm in firms {
            var edits: [FirmEdit] = [.certification(Certification(kind: .highTech, number: nil, issued: issued)),
                                     .taxAssessment(.actualProfit)]
            if let registered = firm.registeredOn {
                edits += [30, 200, 800].map { .registeredOn(registered.adding(days: -$0)) }
            }
            for tier in Tier.allCases {
                let base = ladder.probeBase(firm, asOf: day, tier: tier)
                for edit in edits {
                    let changed = try #require(edit.applied(to: firm))
                    let reused = ladder.probe(from: base, editing: edit)
                    #expect(reused == full.probe(changed, asOf: day, tier: tier), "\(firm.id) \(tier) \(edit)")
                    if reused?.verdict != base.probe?.verdict { verdictChanged += 1 }
                    compared += 1
                }
            }
        }
        #expect(compared > firms.count * 3 * 2 && verdictChanged > 0)
    }
}
