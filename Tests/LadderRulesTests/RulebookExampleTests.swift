import LadderCore
import LadderImport
import LadderRules
import Testing

/// The repository's `Rules/` directory, found from this source file.
let rulesDirectory: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/LadderRulesTests/File.swift
    return parts.joined(separator: "/") + "/Rules"
}()

/// The shipped ladder, loaded once.
/// The shipped rulebooks, loaded once; a `Ladder` is made per use (it is not shared between threads).
let shippedRulebooks: [Rulebook]? = (try? Ladder.load(directory: rulesDirectory))?.rulebooks
var shippedLadder: Ladder? { shippedRulebooks.map(Ladder.init(rulebooks:)) }

/// Every example of every shipped rulebook, as test arguments.
let shippedExamples: [(String, String)] = (shippedLadder?.rulebooks ?? []).flatMap { book in
    book.examples.map { (book.id, $0.name) }
}

@Suite("Shipped rulebooks")
struct RulebookExampleTests {
    @Test("the shipped rulebooks load")
    func loads() throws {
        let ladder = try Ladder.load(directory: rulesDirectory)
        #expect(ladder.rulebooks.map(\.tier) == [.techSME, .highTech, .leading])
    }

    @Test("every rulebook example holds", arguments: shippedExamples)
    func example(rulebook: String, name: String) throws {
        let ladder = try #require(shippedLadder).copy()
        let book = try #require(ladder.rulebook(id: rulebook))
        let example = try #require(book.examples.first { $0.name == name })
        let outcome = ladder.run(example, in: book, reading: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) })
        #expect(outcome.problems == [], "\(rulebook): \(name)")
    }
}
