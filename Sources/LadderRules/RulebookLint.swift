import LadderCore

/// A problem `rules lint` found in a rulebook.
public struct LintFinding: Sendable, CustomStringConvertible {
    /// Where: file:line:column.
    public var position: SourcePosition
    /// The rulebook id.
    public var rulebook: String
    /// What is wrong.
    public var message: String

    public var description: String { "\(position): [\(rulebook)] \(message)" }
}

extension Ladder {
    /// Checks every rulebook: band gaps and overlaps, version date gaps and overlaps, criteria without a
    /// citation, and examples that no longer hold (their fragments read with `reader`).
    public func lint(readingExamples reader: ExampleFragmentReader) -> [LintFinding] {
        var findings: [LintFinding] = []
        for book in rulebooks {
            findings += Ladder.lintVersions(book)
            for version in book.versions {
                for criterion in version.criteria where criterion.kind != .measure {
                    if criterion.cite.allSatisfy({ $0 == " " }) {
                        findings.append(LintFinding(position: criterion.position, rulebook: book.id,
                                                    message: "\(version.id)/\(criterion.id) has no citation"))
                    }
                    findings += Ladder.lintBands(criterion, book: book, version: version)
                }
            }
        }
        for outcome in runExamples(reading: reader) where !outcome.holds {
            findings.append(LintFinding(position: outcome.example.position, rulebook: outcome.rulebook,
                                        message: "example \"\(outcome.example.name)\" no longer holds: "
                                            + outcome.problems.joined(separator: "; ")))
        }
        return findings
    }

    static func lintVersions(_ book: Rulebook) -> [LintFinding] {
        var findings: [LintFinding] = []
        let position = SourcePosition(file: book.file, line: 1, column: 1)
        for (previous, next) in zip(book.versions, book.versions.dropFirst()) {
            guard let end = previous.to else {
                findings.append(LintFinding(position: position, rulebook: book.id,
                                            message: "version \(previous.id) is open-ended but \(next.id) starts \(next.from): overlap"))
                continue
            }
            if end >= next.from {
                findings.append(LintFinding(position: position, rulebook: book.id,
                                            message: "versions \(previous.id) and \(next.id) overlap (\(end) ≥ \(next.from))"))
            } else if end.adding(days: 1) != next.from {
                findings.append(LintFinding(position: position, rulebook: book.id,
                                            message: "gap between versions \(previous.id) (to \(end)) and \(next.id) (from \(next.from))"))
            }
        }
        return findings
    }

    /// Range bands must tile the line: sorted by lower bound, each upper bound equal to the next lower
    /// bound with exactly one of the two including it, unbounded at both ends.
    static func lintBands(_ criterion: Criterion, book: Rulebook, version: RuleVersion) -> [LintFinding] {
        let ranged = criterion.bands.filter { $0.whenText == nil }
        guard !ranged.isEmpty else {
            if let last = criterion.bands.last, last.whenText != "true" {
                return [LintFinding(position: last.position, rulebook: book.id,
                                    message: "\(version.id)/\(criterion.id): the last when-band should be when=\"true\" so every firm gets points")]
            }
            return []
        }
        var findings: [LintFinding] = []
        func report(_ band: Band, _ message: String) {
            findings.append(LintFinding(position: band.position, rulebook: book.id,
                                        message: "\(version.id)/\(criterion.id): \(message)"))
        }
        let sorted = ranged.sorted { ($0.from ?? -.infinity) < ($1.from ?? -.infinity) }
        if let first = sorted.first, first.from != nil { report(first, "no band below \(first.describe(unit: criterion.unit))") }
        if let last = sorted.last, last.to != nil { report(last, "no band above \(last.describe(unit: criterion.unit))") }
        for (low, high) in zip(sorted, sorted.dropFirst()) {
            let top = low.to ?? .infinity
            let bottom = high.from ?? -.infinity
            if top < bottom {
                report(high, "gap between \(low.describe(unit: criterion.unit)) and \(high.describe(unit: criterion.unit))")
            } else if top > bottom {
                report(high, "\(low.describe(unit: criterion.unit)) overlaps \(high.describe(unit: criterion.unit))")
            } else if low.includesUpper == high.includesLower {
                report(high, low.includesUpper
                    ? "\(ValueFormat.text(top, unit: criterion.unit)) is in two bands"
                    : "\(ValueFormat.text(top, unit: criterion.unit)) is in no band")
            }
        }
        return findings
    }
}
