import LadderCore

extension FirmHistory {
    /// The history as plain text for the `firm` command: per snapshot the firm's facts, finance
    /// years, certificates (marked valid or not on the export date), other facts, verdicts, and the
    /// changes since the previous snapshot.
    public func rendered() -> String {
        var lines: [String] = []
        let name = entries.last(where: { $0.enterprise != nil })?.enterprise?.name ?? ""
        lines.append("Firm \(firmID)  \(name)")
        for entry in entries {
            let s = entry.snapshot
            lines.append("")
            lines.append("Snapshot of \(s.exportedAt) · \(entry.enterprise == nil ? "no file lists it" : s.fileName)")
            if !entry.changes.isEmpty {
                lines.append("  changes since the previous snapshot:")
                lines += entry.changes.map { "    \($0)" }
            }
            guard let firm = entry.enterprise else {
                lines.append("  not listed in the files of this date")
                continue
            }
            lines += Self.facts(firm, on: s.exportedAt)
            if !entry.assessments.isEmpty {
                lines.append("  verdicts:")
                lines += entry.assessments.map {
                    "    \($0.tier.rawValue) (\($0.tier.chineseName)): \($0.verdict.rawValue)  [\($0.ruleVersion)]"
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func facts(_ firm: Enterprise, on date: Day) -> [String] {
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "unknown" }
        let district = District.name(of: firm.district).map { "\(firm.district) \($0)" } ?? firm.district
        var lines = [
            "  district \(district)\(firm.zone.map { ", zone \($0)" } ?? ""); industry \(text(firm.industry)); "
                + "domain \(text(firm.techDomain?.rawValue))",
            "  registered \(text(firm.registeredOn)); status \(text(firm.status?.rawValue)); "
                + "resident \(text(firm.resident)); tax \(text(firm.taxAssessment?.rawValue))",
        ]
        if firm.finance.isEmpty {
            lines.append("  finance: none on record")
        } else {
            let years = firm.finance.sorted { $0.year < $1.year }
            var table = TextTable(headers: ["figure"] + years.map { String($0.year) },
                                  rightAligned: Set(1...years.count))
            let columns = years.map(FirmChange.figures)
            for (index, figure) in columns[0].enumerated() {
                table.add([figure.0] + columns.map { $0[index].1 })
            }
            lines.append("  finance (money in yuan):")
            lines += table.render().split(separator: "\n").map { "    \($0)" }
        }
        lines.append("  certificates on \(date):")
        if firm.certifications.isEmpty { lines.append("    none on record") }
        for certificate in firm.certifications {
            let state = certificate.isValid(on: date) ? "valid" : "not valid"
            lines.append("    \(FactText.certification(certificate))  — \(state)")
        }
        let lists: [(String, [String])] = [
            ("IP", firm.ip.map(FactText.ip)), ("awards", firm.awards.map(FactText.award)),
            ("R&D institutions", firm.rdInstitutions.map(FactText.institution)),
            ("standards", firm.standards.map(FactText.standard)), ("incidents", firm.incidents.map(FactText.incident)),
            ("expert scores", firm.expertScores.map(FactText.score)),
            ("consortia", firm.consortia.map(FactText.consortium)),
        ]
        for (label, items) in lists where !items.isEmpty {
            lines.append("  \(label): \(items.joined(separator: "; "))")
        }
        return lines
    }
}
