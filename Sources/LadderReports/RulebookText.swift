import LadderCore
import LadderRules

/// Renders a rulebook for `rules show`: versions, settings, criteria with citations and bands.
public enum RulebookText {
    /// The whole rulebook as text.
    public static func render(_ book: Rulebook) -> String {
        var lines = ["\(book.id): \(book.name) / \(book.nameEn)  rung \(book.tier.rung)  [\(book.status)]  \(book.file)"]
        if let notice = book.notice { lines.append("NOTICE: \(notice)") }
        for version in book.versions {
            lines.append("")
            lines.append("version \(version.id)  \(version.from) – \(version.to?.description ?? "open")  basis: \(version.basis)")
            if let note = version.note { lines.append("  note: \(note)") }
            for setting in version.settings {
                lines.append("  setting \(setting.id) = \(setting.value)  [\(setting.status)]  \(setting.note)")
            }
            for criterion in version.criteria {
                let head = cell("\(criterion.kind.rawValue) \(criterion.id)", 26)
                // Measures often carry only a Chinese name; do not print it twice.
                let english = criterion.nameEn == criterion.name ? "" : criterion.nameEn
                var line = "  \(head) \(cell(criterion.name, 36)) \(english)"
                if !criterion.cite.isEmpty { line += "  〔\(criterion.cite)〕" }
                while line.last == " " { line.removeLast() }
                lines.append(line)
                if !criterion.expression.isEmpty { lines.append("      \(criterion.expression)") }
                for band in criterion.bands {
                    let points = ValueFormat.text(band.points, unit: .number)
                    lines.append("      band \(band.describe(unit: criterion.unit)) → \(points)")
                }
                if let rationale = criterion.rationale { lines.append("      why: \(rationale)") }
                for lever in criterion.levers { lines.append("      lever: \(lever.direction) \(lever.field)") }
            }
        }
        lines.append("")
        lines.append("\(book.examples.count) examples")
        for example in book.examples { lines.append("  - \(example.name) → \(example.expect.rawValue)") }
        return lines.joined(separator: "\n")
    }

    /// The text padded to a display width, or cut with `…` when wider.
    private static func cell(_ text: String, _ width: Int) -> String {
        DisplayWidth.pad(DisplayWidth.clip(text, to: width), to: width)
    }
}
