import LadderCore
import LadderReports
import Testing

@Suite("Targets file")
struct TargetsTests {
    @Test("the shipped file has the five 2028 targets and the known baselines")
    func shipped() throws {
        let targets = try GoldenRegistry.targets()
        #expect(targets.year == 2028)
        #expect(targets.baselineYear == 2023)
        #expect(targets.plan == "《青岛市深入推进科技创新 加快建设科技强市行动计划(2024—2028年)》")
        #expect(targets.target(for: .techEnterprises)?.value == .count(22_000))
        #expect(targets.target(for: .rdExpense)?.value == .money(Money(yuan: 80_000_000_000)))
        #expect(targets.target(for: .rdExpense)?.name.contains("登记口径") == true)
        #expect(targets.target(for: .platforms)?.value == .count(200))
        #expect(targets.target(for: .contractTurnover)?.value == .money(Money(yuan: 120_000_000_000)))
        #expect(targets.target(for: .brokers)?.value == .count(3_400))
        let contracts = try #require(targets.target(for: .contractTurnover))
        #expect(contracts.baseline.status == .derived)
        #expect(contracts.baseline.value == .money(Money(yuan: 63_200_000_000)))
        #expect(contracts.references.first?.value == .money(Money(yuan: 70_958_000_000)))
        #expect(targets.target(for: .techEnterprises)?.baseline.status == .unknown)
        #expect(targets.target(for: .techEnterprises)?.baseline.value == nil)
        #expect(targets.target(for: .techEnterprises)?.references.first?.part == .highTech)
        #expect(targets.target(for: .brokers)?.references.first?.moreThan == true)
        #expect(targets.districtTargets.isEmpty)
    }

    static let head = "<Targets xmlns=\"urn:techladder:targets:1\" year=\"2028\" baselineYear=\"2023\" plan=\"P\">"

    static func all(except skipped: String = "", extra: String = "") -> String {
        let units = ["tech-enterprises": "", "rd-expense": " unit=\"亿元\"", "platforms": "", "contract-turnover": "",
                     "brokers": ""]
        let targets = units.keys.sorted().filter { $0 != skipped }.map {
            "<Target indicator=\"\($0)\" value=\"10\"\(units[$0] ?? "")/>"
        }
        return head + "\n" + targets.joined(separator: "\n") + "\n" + extra + "\n</Targets>"
    }

    @Test("district targets are read and used for share and gap")
    func districtTargets() throws {
        let targets = try Targets.parse(Self.all(extra: "<DistrictTarget indicator=\"tech-enterprises\" district=\"370212\" value=\"4\"/>"),
                                        name: "t.xml")
        #expect(targets.districtTarget(.techEnterprises, district: "370212") == .count(4))
        let (tally, _) = try GoldenRegistry.tally()
        let rows = TallyRows(tally, targets: targets)
        let laoshan = try #require(rows.rows.first { $0.code == "370212" })
        #expect(laoshan.gap == -1)
        #expect(laoshan.share == 1.25)
        #expect(rows.rows.first { $0.code == "370203" }?.gap == nil)
    }

    @Test("errors name the file, line and column", arguments: [
        (all(except: "brokers"), "t.xml:1:", "no <Target indicator=\"brokers\">"),
        (all(extra: "<Target indicator=\"patents\" value=\"1\"/>"), "t.xml:7:", "unknown indicator 'patents'"),
        (all(extra: "<Oops/>"), "t.xml:7:", "unknown element <Oops>"),
        (head + "<Target indicator=\"rd-expense\" value=\"1.234\" unit=\"元\"/></Targets>", "t.xml:1:",
         "value must be a non-negative decimal amount in 元"),
        (head + "<Target indicator=\"platforms\" value=\"2.5\"/></Targets>", "t.xml:1:", "whole non-negative count"),
        (head + "<Target indicator=\"platforms\" value=\"2\"><Baseline status=\"unknown\" value=\"1\"/></Target></Targets>",
         "t.xml:1:", "an unknown baseline has no value"),
        ("<Targets xmlns=\"urn:x\"/>", "t.xml:1:", "the root must be <Targets"),
        ("<Targets", "t.xml:1:", "Start Tag"),
    ])
    func errors(text: String, position: String, message: String) throws {
        let error = try #require(throws: TargetsError.self) { try Targets.parse(text, name: "t.xml") }
        #expect(error.description.hasPrefix(position), "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }
}
