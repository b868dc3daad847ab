import LadderCore

extension TallyRows {
    /// The tally as CSV: a header row, one row per group, the total row; UTF-8 with BOM, CRLF lines.
    /// Eligible columns are empty when eligibility was not computed.
    public func csv() -> String {
        let header = ["code", "name", "certified", "tech-sme", "high-tech", "leading", "eligible", "eligible-tech-sme",
                      "eligible-high-tech", "eligible-leading", "pipeline", "pipeline-uncertified", "audit-risk",
                      "target", "share", "gap", "as-of", "by"]
        var lines = [header]
        let computed = tally.eligibilityComputed
        for row in all {
            let f = row.figures
            func eligible(_ value: Int) -> String { computed ? CSV.number(value) : "" }
            lines.append([
                CSV.cell(row.code), CSV.cell(row.name),
                CSV.number(f.certified.total), CSV.number(f.certified.techSME), CSV.number(f.certified.highTech),
                CSV.number(f.certified.leading),
                eligible(f.eligible.total), eligible(f.eligible.techSME), eligible(f.eligible.highTech),
                eligible(f.eligible.leading), eligible(f.pipeline.total), eligible(f.pipelineUncertified),
                eligible(f.auditRisk.total),
                row.target.map { CSV.number($0.units) } ?? "",
                row.share.map { Format.fixed($0, decimals: 4) } ?? "",
                row.gap.map { CSV.number($0) } ?? "",
                tally.asOf.description, tally.grouping.rawValue,
            ])
        }
        return CSV.document(lines)
    }
}
