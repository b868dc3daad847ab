import LadderCore

/// Writes the records of one export (a year, or one district's part of it) into an `OutputBuffer`,
/// counting what it writes.
struct Emitter {
    let part: RegistryGenerator.Part
    let exportedAt: Day
    var out: OutputBuffer
    var summary = RegistryGenerator.Summary()

    init(part: RegistryGenerator.Part, capacity: Int) {
        self.part = part
        exportedAt = part.exportedAt
        out = OutputBuffer(capacity: capacity)
    }

    mutating func header(_ generator: RegistryGenerator) {
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        // A comment may not contain "--", so the options are spelled without their dashes.
        out.raw("<!-- Synthetic registry export (techladder generate: calibration ")
        out.raw(generator.calibration.id)
        out.raw(", firms ")
        out.int(generator.firms)
        out.raw(", seed ")
        out.raw(String(generator.seed))
        out.raw(", year ")
        out.int(part.year)
        if let district = part.district {
            out.raw(", district ")
            out.raw(district)
        }
        out.raw("). Every firm in it is invented. -->\n")
        out.raw("<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"")
        out.day(exportedAt)
        out.raw("\" source=\"")
        out.raw(part.source)
        out.raw("\" region=\"370200\">\n")
    }

    mutating func footer() { out.raw("</Registry>\n") }

    /// Moves another emitter's bytes and counts (a worker's, for the same part) to the end of this one.
    mutating func take(_ other: inout Emitter) {
        out.raw(other.out.bytes)
        other.out.removeAll()
        summary.firms += other.summary.firms
        for (kind, count) in other.summary.planted { summary.planted[kind, default: 0] += count }
        other.summary = RegistryGenerator.Summary()
    }

    /// Writes the firm as it stands on the export date.
    mutating func firm(_ firm: FirmHistory) {
        let identity = firm.identity
        let date = exportedAt
        summary.firms += 1
        if identity.badCheckDigit { summary.planted[.badCheckDigit, default: 0] += 1 }
        let code = firm.districtCode(on: date)
        if identity.retiredDistrict && code == identity.districtCode {
            summary.planted[.retiredDistrictCode, default: 0] += 1
        }
        let window = firm.financeWindow(on: date)
        if let year = firm.plantedTechStaff, window.contains(where: { $0.year == year }) {
            summary.planted[.techStaffExceedsEmployees, default: 0] += 1
        }
        if let year = firm.plantedDomesticRD, window.contains(where: { $0.year == year }) {
            summary.planted[.domesticRDExceedsRD, default: 0] += 1
        }

        out.raw("  <Enterprise id=\"")
        out.raw(identity.creditCode)
        out.raw("\">\n")
        if firm.districtFirst {
            district(code, zone: identity.inHighTechZone && code == identity.districtCode)
            name(firm.name)
        } else {
            name(firm.name)
            district(code, zone: identity.inHighTechZone && code == identity.districtCode)
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
        out.day(firm.plan.founded)
        out.raw("</RegisteredOn>\n")
        out.raw(firm.deregistered(on: date) ? "    <Status>deregistered</Status>\n" : "    <Status>active</Status>\n")
        if let resident = firm.resident {
            out.raw(resident ? "    <Resident>true</Resident>\n" : "    <Resident>false</Resident>\n")
        }
        if let deemed = firm.deemedTax {
            out.raw(deemed ? "    <TaxAssessment>deemed</TaxAssessment>\n"
                : "    <TaxAssessment>actual-profit</TaxAssessment>\n")
        }
        for figures in window { finance(figures, of: firm) }
        holdings(firm)
        out.raw("  </Enterprise>\n")
    }

    mutating func name(_ name: [UInt8]) {
        out.raw("    <Name>")
        out.escaped(name)
        out.raw("</Name>\n")
    }

    mutating func district(_ code: [UInt8], zone: Bool) {
        out.raw("    <District code=\"")
        out.raw(code)
        out.raw(zone ? "\" zone=\"370271\"/>\n" : "\"/>\n")
    }

    mutating func finance(_ f: FinanceFigures, of firm: FirmHistory) {
        out.raw("    <Finance year=\"")
        out.int(f.year)
        out.raw(firm.wanYuan ? "\" unit=\"wan-yuan\">\n" : firm.explicitYuan ? "\" unit=\"yuan\">\n" : "\">\n")
        for field in FinanceField.all {
            guard let value = f[field] else { continue }
            let tags = Self.financeTags[field.rawValue]
            out.raw(tags.open)
            if !field.isMoney { out.int(value) } else if firm.wanYuan { out.wanYuan(fen: value) } else { out.yuan(fen: value) }
            out.raw(tags.close)
        }
        out.raw("    </Finance>\n")
    }

    /// `      <Employees>` and `</Employees>\n` for each finance figure of the vocabulary, by raw value.
    static let financeTags: [(open: [UInt8], close: [UInt8])] = FinanceField.all.map {
        (Array("      <\($0.name)>".utf8), Array("</\($0.name)>\n".utf8))
    }

    mutating func holdings(_ h: FirmHistory) {
        let date = exportedAt
        for line in h.ip {
            let count = line.count(in: date.year)
            guard count > 0 else { continue }
            out.raw(line.classOne ? "    <IP class=\"I\" kind=\"" : "    <IP class=\"II\" kind=\"")
            out.raw(line.kind.rawValue)
            out.raw("\" count=\"")
            out.int(count)
            out.raw(line.transfer ? "\" acquired=\"transfer\"/>\n" : "\" acquired=\"own\"/>\n")
        }
        for certificate in h.certificates where certificate.issued <= date {
            if certificate.malformed { summary.planted[.malformedCertificateNumber, default: 0] += 1 }
            out.raw("    <Certification kind=\"")
            out.raw(certificate.kind.rawValue)
            out.raw("\" number=\"")
            out.escaped(certificate.number)
            out.raw("\" issued=\"")
            out.day(certificate.issued)
            out.raw("\"")
            optionalDay(" expires=\"", certificate.expires)
            optionalDay(" revoked=\"", certificate.revoked.flatMap { $0 <= date ? $0 : nil })
            out.raw("/>\n")
        }
        for award in h.awards where award.year <= date.year {
            out.raw("    <Award level=\"")
            out.raw(award.level.rawValue)
            out.raw("\" year=\"")
            out.int(award.year)
            out.raw("\" rank=\"")
            out.int(award.rank)
            out.raw("\"/>\n")
        }
        for institution in h.institutions where institution.since <= date {
            out.raw("    <RDInstitution level=\"")
            out.raw(institution.level.rawValue)
            out.raw("\" since=\"")
            out.day(institution.since)
            out.raw("\"/>\n")
        }
        for standard in h.standards where standard.year <= date.year {
            out.raw("    <Standard level=\"")
            out.raw(standard.level.rawValue)
            out.raw(standard.lead ? "\" role=\"lead\" year=\"" : "\" role=\"participant\" year=\"")
            out.int(standard.year)
            out.raw("\"/>\n")
        }
        for incident in h.incidents where incident.date <= date {
            out.raw("    <Incident kind=\"")
            out.raw(incident.kind.rawValue)
            out.raw("\" date=\"")
            out.day(incident.date)
            out.raw("\"/>\n")
        }
        for (item, points) in zip(Catalog.expertItems, h.scores(on: date)) where points >= 0 {
            out.raw("    <ExpertScore item=\"")
            out.raw(item.rawValue)
            out.raw("\" points=\"")
            out.int(points)
            out.raw("\"/>\n")
        }
        for consortium in h.consortia {
            out.raw(consortium.lead ? "    <Consortium role=\"lead\" level=\"" : "    <Consortium role=\"member\" level=\"")
            out.raw(consortium.level.rawValue)
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
