import LadderCore
import Testing

@Suite("Dates")
struct DayTests {
    @Test("impossible dates are refused", arguments: ["2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20251231", ""])
    func impossible(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test("leap days exist in leap years")
    func leap() {
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2000-02-29") != nil)
        #expect(Day("1900-02-29") == nil)
    }

    @Test("ordinals round-trip and count days")
    func ordinals() throws {
        let day = try #require(Day("2023-11-01"))
        #expect(Day(ordinal: day.ordinal) == day)
        #expect(Day("1970-01-01")?.ordinal == 0)
        #expect(day.adding(days: 61).description == "2024-01-01")
        #expect(Day("2024-02-29")?.adding(years: 1).description == "2025-02-28")
    }
}

@Suite("Certificate validity")
struct ValidityTests {
    @Test("a high-tech certificate lasts three years from issue: expired 3 years and a day later")
    func highTech() throws {
        let certificate = Certification(kind: .highTech, issued: try #require(Day("2022-11-01")))
        #expect(certificate.lastValidDay.description == "2025-10-31")
        #expect(certificate.isValid(on: Day("2025-10-31")!))
        #expect(!certificate.isValid(on: Day("2025-11-01")!))
        #expect(!certificate.isValid(on: Day("2022-10-31")!), "not valid before issue")
    }

    @Test("tech-SME registrations and leading listings end on 31 December of the issue year")
    func annual() throws {
        for kind in [Tier.techSME, .leading] {
            let certificate = Certification(kind: kind, issued: try #require(Day("2025-04-10")))
            #expect(certificate.isValid(on: Day("2025-12-31")!))
            #expect(!certificate.isValid(on: Day("2026-01-01")!))
        }
    }

    @Test("a revocation ends validity on its day; an explicit expiry wins")
    func revokedAndExpires() throws {
        let revoked = Certification(kind: .highTech, issued: Day("2024-01-01")!, revoked: Day("2025-06-01")!)
        #expect(revoked.isValid(on: Day("2025-05-31")!))
        #expect(!revoked.isValid(on: Day("2025-06-01")!))
        let explicit = Certification(kind: .techSME, issued: Day("2025-04-10")!, expires: Day("2026-04-09")!)
        #expect(explicit.isValid(on: Day("2026-04-09")!))
    }

    @Test("the certified rung is the highest valid one")
    func highestRung() {
        var firm = Enterprise(id: "x", name: "x", district: "370212")
        firm.certifications = [
            Certification(kind: .techSME, issued: Day("2025-03-01")!),
            Certification(kind: .highTech, issued: Day("2020-01-01")!),
        ]
        #expect(firm.certifiedTier(on: Day("2025-12-31")!) == .techSME)
        firm.certifications.append(Certification(kind: .highTech, issued: Day("2024-01-01")!))
        #expect(firm.certifiedTier(on: Day("2025-12-31")!) == .highTech)
    }
}

@Suite("Credit codes (GB 32100-2015)")
struct CreditCodeTests {
    @Test("valid codes pass", arguments: ["91370212MA3C4L0X5W", "91370200163562681G", "914403001922038216", "9144030071526726XG"])
    func valid(_ code: String) {
        #expect(CreditCode.problem(in: code) == nil)
    }

    @Test("a wrong check character is named")
    func wrong() {
        #expect(CreditCode.problem(in: "91370212MA3C4L0X5A") == .checkDigit(expected: "W", found: "A"))
        #expect(CreditCode.problem(in: "9137") == .length(4))
        #expect(CreditCode.problem(in: "91370212MA3C4L0I5W") == .character("I", position: 16))
    }

    @Test("completing 17 characters gives a valid code, and the admin code is read")
    func complete() throws {
        let code = try #require(CreditCode.complete("91370212MA3C4L0X5"))
        #expect(code == "91370212MA3C4L0X5W")
        #expect(CreditCode.adminCode(in: code) == "370212")
    }
}

@Suite("Money and display width")
struct TextTests {
    @Test("money keeps fen exactly and prints in Chinese units")
    func money() {
        #expect(Money(fen: 125_000_050).decimalText == "1250000.50")
        #expect(Money(fen: -5).decimalText == "-0.05")
        #expect(Money(yuan: 80_000_000_000).description == "800亿元")
        #expect(Money(yuan: 1_250_000).description == "125万元")
    }

    @Test("Chinese characters take two columns")
    func width() {
        #expect(DisplayWidth.of("崂山区") == 6)
        #expect(DisplayWidth.of("ab崂") == 4)
        #expect(DisplayWidth.pad("崂山区", to: 8) == "崂山区  ")
    }

    @Test("table columns line up by display width")
    func table() {
        var table = TextTable(headers: ["区市", "n"], rightAligned: [1])
        table.add(["崂山区", "12"])
        table.add(["ab", "3"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines == ["区市     n", "──────  ──", "崂山区  12", "ab       3"])
    }
}
