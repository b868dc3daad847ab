import LadderCore

/// Writes the records of one generated registry into an `OutputBuffer`, counting what it writes.
struct Emitter {
    let seed: UInt64
    let year: Int
    let firmCount: Int
    let exportedAt: Day
    var out: OutputBuffer
    var summary = RegistryGenerator.Summary()

    init(generator: RegistryGenerator, capacity: Int) {
        seed = generator.seed
        year = generator.year
        firmCount = generator.firms
        exportedAt = generator.exportedAt
        out = OutputBuffer(capacity: capacity)
    }

    mutating func header() {
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        // A comment may not contain "--", so the options are spelled without their dashes.
        out.raw("<!-- Synthetic registry export (techladder generate: firms ")
        out.int(firmCount)
        out.raw(", seed ")
        out.raw(Array(String(seed).utf8))
        out.raw(", year ")
        out.int(year)
        out.raw("). Every firm in it is invented. -->\n")
        out.raw("<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"")
        out.day(exportedAt)
        out.raw("\" source=\"青岛市科学技术局\" region=\"370200\">\n")
    }

    mutating func footer() { out.raw("</Registry>\n") }

    mutating func firm(_ index: Int) {
        let firm = SyntheticFirm(seed: seed, index: index, year: year, exportedAt: exportedAt)
        let identity = firm.identity
        summary.firms += 1
        if identity.badCheckDigit { summary.planted[.badCheckDigit, default: 0] += 1 }
        if identity.retiredDistrict { summary.planted[.retiredDistrictCode, default: 0] += 1 }
        if firm.plantedTechStaff { summary.planted[.techStaffExceedsEmployees, default: 0] += 1 }
        if firm.plantedDomesticRD { summary.planted[.domesticRDExceedsRD, default: 0] += 1 }

        out.raw("  <Enterprise id=\"")
        out.raw(identity.creditCode)
        out.raw("\">\n")
        if firm.districtFirst {
            district(identity)
            name(firm.name)
        } else {
            name(firm.name)
            district(identity)
        }
        if let industry = firm.industry {
            out.raw("    <Industry code=\"")
            out.raw(industry)
            out.raw("\"/>\n")
        }
        if firm.writesDomain, let domain = Catalog.sectors[firm.sector].domain {
            out.raw("    <TechDomain>")
            out.raw(domain)
            out.raw("</TechDomain>\n")
        }
        out.raw("    <RegisteredOn>")
        out.day(identity.registeredOn)
        out.raw("</RegisteredOn>\n")
        out.raw(firm.deregistered ? "    <Status>deregistered</Status>\n" : "    <Status>active</Status>\n")
        if let resident = firm.resident {
            out.raw(resident ? "    <Resident>true</Resident>\n" : "    <Resident>false</Resident>\n")
        }
        if let deemed = firm.deemedTax {
            out.raw(deemed ? "    <TaxAssessment>deemed</TaxAssessment>\n"
                : "    <TaxAssessment>actual-profit</TaxAssessment>\n")
        }
        for figures in firm.finance { finance(figures, of: firm) }
        holdings(firm.holdings)
        out.raw("  </Enterprise>\n")
    }

    mutating func name(_ name: [UInt8]) {
        out.raw("    <Name>")
        out.escaped(name)
        out.raw("</Name>\n")
    }

    mutating func district(_ identity: FirmIdentity) {
        out.raw("    <District code=\"")
        out.raw(identity.districtCode)
        out.raw(identity.inHighTechZone ? "\" zone=\"370271\"/>\n" : "\"/>\n")
    }

    mutating func finance(_ f: FinanceFigures, of firm: SyntheticFirm) {
        out.raw("    <Finance year=\"")
        out.int(f.year)
        out.raw(firm.wanYuan ? "\" unit=\"wan-yuan\">\n" : firm.explicitYuan ? "\" unit=\"yuan\">\n" : "\">\n")
        count("      <Employees>", f.employees, "</Employees>\n")
        count("      <TechStaff>", f.techStaff, "</TechStaff>\n")
        let wan = firm.wanYuan
        money("      <Revenue>", f.revenue, "</Revenue>\n", wan)
        money("      <TotalIncome>", f.totalIncome, "</TotalIncome>\n", wan)
        money("      <TotalCost>", f.totalCost, "</TotalCost>\n", wan)
        money("      <TotalAssets>", f.totalAssets, "</TotalAssets>\n", wan)
        money("      <NetAssets>", f.netAssets, "</NetAssets>\n", wan)
        money("      <RDExpense>", f.rd, "</RDExpense>\n", wan)
        money("      <RDExpenseDomestic>", f.rdDomestic, "</RDExpenseDomestic>\n", wan)
        money("      <HighTechRevenue>", f.highTech, "</HighTechRevenue>\n", wan)
        count("      <Conversions>", f.conversions, "</Conversions>\n")
        out.raw("    </Finance>\n")
    }

    mutating func count(_ open: StaticString, _ value: Int?, _ close: StaticString) {
        guard let value else { return }
        out.raw(open)
        out.int(value)
        out.raw(close)
    }

    mutating func money(_ open: StaticString, _ fen: Int64?, _ close: StaticString, _ wanYuan: Bool) {
        guard let fen else { return }
        out.raw(open)
        if wanYuan { out.wanYuan(fen: fen) } else { out.yuan(fen: fen) }
        out.raw(close)
    }

    mutating func holdings(_ h: Holdings) {
        for line in h.ip {
            out.raw(line.classOne ? "    <IP class=\"I\" kind=\"" : "    <IP class=\"II\" kind=\"")
            out.raw(line.kind)
            out.raw("\" count=\"")
            out.int(line.count)
            out.raw(line.transfer ? "\" acquired=\"transfer\"/>\n" : "\" acquired=\"own\"/>\n")
        }
        for certificate in h.certificates {
            if certificate.malformed { summary.planted[.malformedCertificateNumber, default: 0] += 1 }
            out.raw("    <Certification kind=\"")
            switch certificate.kind {
            case .techSME: out.raw("tech-sme")
            case .highTech: out.raw("high-tech")
            case .leading: out.raw("leading")
            }
            out.raw("\" number=\"")
            out.escaped(certificate.number)
            out.raw("\" issued=\"")
            out.day(certificate.issued)
            out.raw("\"")
            optionalDay(" expires=\"", certificate.expires)
            optionalDay(" revoked=\"", certificate.revoked)
            out.raw("/>\n")
        }
        for award in h.awards {
            out.raw("    <Award level=\"")
            out.raw(Catalog.levels[award.level])
            out.raw("\" year=\"")
            out.int(award.year)
            out.raw("\" rank=\"")
            out.int(award.rank)
            out.raw("\"/>\n")
        }
        for institution in h.institutions {
            out.raw("    <RDInstitution level=\"")
            out.raw(Catalog.levels[institution.level])
            out.raw("\" since=\"")
            out.day(institution.since)
            out.raw("\"/>\n")
        }
        for standard in h.standards {
            out.raw("    <Standard level=\"")
            out.raw(Catalog.standardLevels[standard.level])
            out.raw(standard.lead ? "\" role=\"lead\" year=\"" : "\" role=\"participant\" year=\"")
            out.int(standard.year)
            out.raw("\"/>\n")
        }
        for incident in h.incidents {
            out.raw("    <Incident kind=\"")
            out.raw(Catalog.incidentKinds[incident.kind])
            out.raw("\" date=\"")
            out.day(incident.date)
            out.raw("\"/>\n")
        }
        for score in h.scores {
            out.raw("    <ExpertScore item=\"")
            out.raw(Catalog.expertItems[score.item].name)
            out.raw("\" points=\"")
            out.int(score.points)
            out.raw("\"/>\n")
        }
        for consortium in h.consortia {
            out.raw(consortium.lead ? "    <Consortium role=\"lead\" level=\""
                : "    <Consortium role=\"member\" level=\"")
            out.raw(Catalog.levels[consortium.level])
            out.raw("\"/>\n")
        }
    }

    /// Writes a date attribute when there is a date (`open` is ` name="`).
    mutating func optionalDay(_ open: StaticString, _ day: Day?) {
        guard let day else { return }
        out.raw(open)
        out.day(day)
        out.raw("\"")
    }
}
