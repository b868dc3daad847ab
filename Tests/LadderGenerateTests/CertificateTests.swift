import LadderCore
import LadderRules
import Testing

@testable import LadderGenerate

/// Certificates are earned: each one was issued only when the shipped rulebooks, loaded afresh here,
/// say the firm met the rung on the data of its application date.
@Suite("Generated certificates")
struct CertificateTests {
    @Test("every certificate in a firm's history was earned on its application date's data under the shipped rulebooks")
    func everyCertificateEarned() throws {
        let generator = try Shipped.generator(firms: 800, seed: 17)
        let ladder = try Ladder.load(directory: try #require(ProjectFiles.locate("Rules")))
        var record = Enterprise(id: "x", name: "x", district: "370202")
        var checked: [Tier: Int] = [:]
        for index in 0..<generator.firms {
            let firm = generator.history(of: index)
            for certificate in firm.certificates {
                let scores = certificate.kind == .highTech ? certificate.scores : nil
                firm.fill(&record, asOf: certificate.issued, before: true, scores: scores)
                let verdict = ladder.assess(record, asOf: certificate.issued, tiers: [certificate.kind])[certificate.kind]?.verdict
                #expect(verdict == .qualified, "firm \(index): \(certificate.kind) issued \(certificate.issued)")
                checked[certificate.kind, default: 0] += 1
            }
        }
        // Enough of each rung to mean something, renewals and older certificates included.
        #expect(checked[.highTech, default: 0] > 200)
        #expect(checked[.techSME, default: 0] > 300)
    }

    @Test("the export's own figures earn the certificates issued in its year: imported, judged on the issue date")
    func exportedCertificatesEarned() throws {
        let generator = try Shipped.generator(firms: 800, seed: 23)
        let ladder = try Ladder.load(directory: try #require(ProjectFiles.locate("Rules")))
        var checked = 0
        for var firm in try firms(of: text(of: generator)) {
            let all = firm.certifications
            let institutions = firm.rdInstitutions, incidents = firm.incidents
            for certificate in all where certificate.issued.year == generator.year && certificate.kind != .leading {
                // The firm as it stood when it applied: what was on record before the issue date.
                firm.certifications = all.filter { $0.issued < certificate.issued }.map {
                    var earlier = $0
                    if let revoked = earlier.revoked, revoked > certificate.issued { earlier.revoked = nil }
                    return earlier
                }
                firm.rdInstitutions = institutions.filter { ($0.since ?? certificate.issued) <= certificate.issued }
                firm.incidents = incidents.filter { $0.date <= certificate.issued }
                let verdict = ladder.assess(firm, asOf: certificate.issued, tiers: [certificate.kind])[certificate.kind]?.verdict
                #expect(verdict == .qualified, "\(firm.id): \(certificate.kind) issued \(certificate.issued)")
                checked += 1
            }
        }
        #expect(checked > 150)
    }

    @Test("the rules judge every application and turn some down: more applications than certificates")
    func applicationsJudged() throws {
        let generator = try Shipped.generator(firms: 400, seed: 31)
        let assessor = Assessor(rulebooks: try #require(Shipped.rulebooks))
        var certificates = 0
        for index in 0..<generator.firms {
            let firm = FirmHistory.make(seed: generator.seed, index: index, rates: generator.rates, assessor: assessor)
            certificates += firm.certificates.count
        }
        #expect(certificates > 200)
        #expect(assessor.applications > certificates, "\(assessor.applications) applications, \(certificates) certificates")
    }
}
