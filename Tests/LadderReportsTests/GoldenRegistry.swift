import LadderCore
import LadderImport
import LadderReports

/// A hand-built registry whose tally is known number by number (as of 2025-12-31).
///
/// 崂山区 370212                                       certified      eligible (given)
///   F01 tech-sme valid                                tech-sme       high-tech   → pipeline high-tech
///   F02 tech-sme + high-tech both valid               high-tech      none        → audit risk high-tech
///   F03 high-tech expired 2024-10-31                  — (lapsed)     high-tech   → pipeline, uncertified
///   F04 high-tech revoked 2025-06-01                  — (lapsed)     none
///   F05 tech-sme issued 2026-03-01 (not yet)          — (lapsed)     none
///   F06 deregistered, high-tech valid                 not counted    (ignored)
///   F07 leading + high-tech valid                     leading        leading
///   F08 no certificate                                —              tech-sme    → pipeline, uncertified
///   F09 high-tech with expires=2025-12-31             high-tech      none, high-tech undetermined
///   F10 tech-sme 2024 (ended) + high-tech 2024 valid  high-tech      high-tech
/// 市北区 370203
///   G01 high-tech revoked on 2025-12-31               — (lapsed)     none
///   G02 tech-sme valid                                tech-sme       tech-sme
///   G03 leading only                                  leading        high-tech   → audit risk leading
/// 即墨区 370215 (exported under retired code 370282)
///   H01 tech-sme valid                                tech-sme       none, tech-sme undetermined
enum GoldenRegistry {
    static let asOf = Day(year: 2025, month: 12, day: 31) ?? Day(ordinal: 0)

    /// A valid credit code for a small index.
    static func id(_ index: Int) -> String {
        let digits = String(index)
        let first17 = "913702120000" + String(repeating: "0", count: 5 - digits.count) + digits
        return CreditCode.complete(first17) ?? first17 + "0"
    }

    static let ids: [String: String] = [
        "F01": id(1), "F02": id(2), "F03": id(3), "F04": id(4), "F05": id(5), "F06": id(6), "F07": id(7),
        "F08": id(8), "F09": id(9), "F10": id(10), "G01": id(11), "G02": id(12), "G03": id(13), "H01": id(14),
    ]

    static func firm(_ key: String, district: String, status: String = "active", body: String = "") -> String {
        """
        <Enterprise id="\(ids[key] ?? key)"><Name>\(key) 测试科技有限公司</Name><District code="\(district)"/>
          <RegisteredOn>2015-01-01</RegisteredOn><Status>\(status)</Status>\(body)</Enterprise>
        """
    }

    static func cert(_ kind: String, _ issued: String, expires: String? = nil, revoked: String? = nil) -> String {
        let number = kind == "high-tech" ? "GR\(issued.prefix(4))37100123" : kind == "tech-sme" ? "\(issued.prefix(4))370212A0001234" : "L-1"
        return "<Certification kind=\"\(kind)\" number=\"\(number)\" issued=\"\(issued)\""
            + (expires.map { " expires=\"\($0)\"" } ?? "") + (revoked.map { " revoked=\"\($0)\"" } ?? "") + "/>"
    }

    static let document: String = {
        let firms = [
            firm("F01", district: "370212", body: cert("tech-sme", "2025-04-10")
                + "<Finance year=\"2025\"><RDExpense>100.50</RDExpense></Finance>"),
            firm("F02", district: "370212", body: cert("tech-sme", "2025-05-01") + cert("high-tech", "2023-11-01")
                + "<Finance year=\"2024\" unit=\"wan-yuan\"><RDExpense>3</RDExpense></Finance>"
                + "<Finance year=\"2025\"><RDExpense>200</RDExpense></Finance>"),
            firm("F03", district: "370212", body: cert("high-tech", "2021-11-01")),
            firm("F04", district: "370212", body: cert("high-tech", "2024-01-10", revoked: "2025-06-01")),
            firm("F05", district: "370212", body: cert("tech-sme", "2026-03-01")),
            firm("F06", district: "370212", status: "deregistered", body: cert("high-tech", "2024-02-01")
                + "<Finance year=\"2025\"><RDExpense>1000</RDExpense></Finance>"),
            firm("F07", district: "370212", body: cert("high-tech", "2023-12-01") + cert("leading", "2025-03-01")),
            firm("F08", district: "370212"),
            firm("F09", district: "370212", body: cert("high-tech", "2022-06-01", expires: "2025-12-31")),
            firm("F10", district: "370212", body: cert("tech-sme", "2024-04-01") + cert("high-tech", "2024-08-01")),
            firm("G01", district: "370203", body: cert("high-tech", "2024-03-01", revoked: "2025-12-31")),
            firm("G02", district: "370203", body: cert("tech-sme", "2025-02-01")),
            firm("G03", district: "370203", body: cert("leading", "2025-07-01")),
            firm("H01", district: "370282", body: cert("tech-sme", "2025-09-09")),
        ]
        let others = """
            <Platform id="P1" level="provincial" kind="key-lab" district="370212" approved="2023-06-30"/>
            <Platform id="P2" level="national" district="370203" approved="2025-12-31"/>
            <Platform id="P3" level="municipal" district="370203" approved="2022-01-01"/>
            <Platform id="P4" level="provincial" district="370212" approved="2026-01-05"/>
            <TechContract id="C1" amount="1250000.00" signed="2025-05-20" registered="2025-06-03"/>
            <TechContract id="C2" amount="0.50" signed="2025-11-01"/>
            <TechContract id="C3" amount="1000" signed="2024-03-01"/>
            <TechContract id="C4" amount="99" signed="2026-01-02"/>
            <Broker id="B1" district="370203" certified="2023-09-15"/>
            <Broker id="B2" district="370203" certified="2026-01-01"/>
            <Broker id="B3" district="370212" certified="2025-12-31"/>
            """
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Registry xmlns="urn:techladder:registry:1" exportedAt="2025-12-31" region="370200">
            \(firms.joined(separator: "\n"))
            \(others)
            </Registry>
            """
    }()

    /// What the rules say about each firm (given, so the test does not depend on the rules engine).
    static let eligibility: [String: Eligibility] = [
        "F01": Eligibility(.highTech), "F02": .none, "F03": Eligibility(.highTech), "F07": Eligibility(.leading),
        "F08": Eligibility(.techSME), "F09": Eligibility(nil, undetermined: [.highTech]), "F10": Eligibility(.highTech),
        "G02": Eligibility(.techSME), "G03": Eligibility(.highTech), "H01": Eligibility(nil, undetermined: [.techSME]),
    ]

    static func eligibility(of firm: Enterprise) -> Eligibility {
        guard let key = ids.first(where: { $0.value == firm.id })?.key else { return .none }
        return eligibility[key] ?? .none
    }

    /// Streams the document through the importer into a tally.
    static func tally(by grouping: Grouping = .district, eligibility computed: Bool = true) throws -> (Tally, ImportReport) {
        var tally = Tally(asOf: asOf, by: grouping, eligibilityComputed: computed)
        let report = try RegistryImporter().importDocument(document, name: "golden.xml") { record in
            tally.add(record, eligibility: eligibility(of:))
        }
        return (tally, report)
    }

    /// The shipped targets file.
    static func targets() throws -> Targets {
        guard let path = Targets.locateDefault() else { throw LookupError() }
        return try Targets.load(file: path)
    }

    struct LookupError: Error {}
}
