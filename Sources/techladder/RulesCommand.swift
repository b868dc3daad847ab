import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules

/// `techladder rules`: list, show, test and lint the rulebooks.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, test and lint the rulebooks in Rules/.",
        discussion: ExitStatus.helpTable,
        subcommands: [List.self, Show.self, Test.self, Lint.self]
    )

    /// The rulebook directory option shared by the subcommands.
    struct Location: ParsableArguments {
        @Option(help: "Directory of rulebooks.", completion: .directory)
        var rules: String?

        func ladder() throws -> Ladder { try DataFolders.ladder(rules) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rulebooks and their versions.")
        @OptionGroup var location: Location

        func run() throws {
            for book in try location.ladder().rulebooks {
                print("\(book.id)  rung \(book.tier.rung)  \(book.name) / \(book.nameEn)  [\(book.status)]  \(book.examples.count) examples")
                for version in book.versions {
                    let count = version.criteria.filter { $0.kind != .measure }.count
                    print("  \(version.id)  \(version.from) – \(version.to?.description ?? "")  \(count) criteria  \(version.basis)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a rulebook's criteria, bands and settings.")
        @OptionGroup var location: Location
        @Argument(help: "Rulebook id: tech-sme, high-tech or leading.")
        var id: String

        func run() throws {
            let ladder = try location.ladder()
            guard let book = ladder.rulebook(id: id) else {
                throw ValidationError("no rulebook '\(id)'; have \(ladder.rulebooks.map(\.id).joined(separator: ", "))")
            }
            print(RulebookText.render(book))
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every example in every rulebook.")
        @OptionGroup var location: Location

        func run() throws {
            let outcomes = try location.ladder().runExamples(reading: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) })
            for outcome in outcomes {
                let mark = outcome.holds ? "ok  " : "FAIL"
                print("\(mark) \(outcome.rulebook): \(outcome.example.name)")
                for problem in outcome.problems { print("       \(outcome.example.position): \(problem)") }
            }
            let failed = outcomes.filter { !$0.holds }.count
            print("\(outcomes.count - failed) passed, \(failed) failed")
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find band gaps or overlaps, version date gaps or overlaps, missing citations, failing examples.")
        @OptionGroup var location: Location

        func run() throws {
            let findings = try location.ladder().lint(readingExamples: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) })
            for finding in findings { print(finding) }
            print(findings.isEmpty ? "no findings" : "\(findings.count) findings")
            if !findings.isEmpty { throw ExitCode(1) }
        }
    }
}
