import LadderCore

/// Reads an example's `<Enterprise>` fragment (registry format 1) into firms. The rules engine does not
/// read registry XML itself: callers pass the importer's reader (`RegistryImporter.enterprises(fromFragment:name:)`).
public typealias ExampleFragmentReader = (_ fragment: String, _ name: String) throws -> [Enterprise]

/// The outcome of one rulebook example.
public struct ExampleOutcome: Sendable {
    /// The rulebook the example belongs to.
    public var rulebook: String
    /// The example.
    public var example: RuleExample
    /// What went wrong; empty when the example holds.
    public var problems: [String]
    /// The assessment of the example's rung, when the fragment could be read.
    public var assessment: TierAssessment?

    /// Whether the example holds.
    public var holds: Bool { problems.isEmpty }
}

extension Ladder {
    /// Runs every example of every rulebook (or of one) on the whole ladder.
    ///
    /// An example holds when its rung's verdict is the expected one, every criterion in `fails` failed
    /// and every criterion in `unknown` is unknown.
    /// - Parameters:
    ///   - id: one rulebook's examples only; nil for all.
    ///   - reader: reads an example's registry fragment into firms.
    public func runExamples(rulebook id: String? = nil, reading reader: ExampleFragmentReader) -> [ExampleOutcome] {
        var outcomes: [ExampleOutcome] = []
        for book in rulebooks where id == nil || book.id == id {
            for example in book.examples {
                outcomes.append(run(example, in: book, reading: reader))
            }
        }
        return outcomes
    }

    /// Runs one example, reading its fragment with `reader`.
    public func run(_ example: RuleExample, in book: Rulebook, reading reader: ExampleFragmentReader) -> ExampleOutcome {
        var outcome = ExampleOutcome(rulebook: book.id, example: example, problems: [], assessment: nil)
        let firms: [Enterprise]
        do {
            firms = try reader(example.fragment, example.position.description)
        } catch {
            outcome.problems.append("the fragment does not import: \(error)")
            return outcome
        }
        guard let firm = firms.first else {
            outcome.problems.append("the fragment holds no enterprise")
            return outcome
        }
        let asOf = example.asOf ?? Day(year: 2025, month: 6, day: 30) ?? Day(ordinal: 0)
        guard let rung = assess(firm, asOf: asOf)[book.tier] else {
            outcome.problems.append("rung \(book.tier.rawValue) was not assessed")
            return outcome
        }
        outcome.assessment = rung
        if rung.verdict != example.expect {
            outcome.problems.append("expected \(example.expect.rawValue), got \(rung.verdict.rawValue)")
        }
        for id in example.fails + example.unknown {
            guard let result = rung.criteria.first(where: { $0.id == id }) else {
                outcome.problems.append("no criterion '\(id)' in version \(rung.ruleVersion ?? "-")")
                continue
            }
            let wanted: Verdict = example.fails.contains(id) ? .fail : .unknown
            if result.verdict != wanted {
                outcome.problems.append("criterion \(id): expected \(wanted.rawValue), got \(result.verdict.rawValue)")
            }
        }
        return outcome
    }
}
