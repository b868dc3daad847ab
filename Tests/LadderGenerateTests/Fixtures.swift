import LadderCore
import LadderImport
import LadderRules
import Testing

@testable import LadderGenerate

/// The shipped calibration and rulebooks, loaded once for the generator tests.
enum Shipped {
    static let calibration: Calibration? = Calibration.locate(id: "qingdao-2025").flatMap { try? Calibration.load(file: $0) }
    static let rulebooks: [Rulebook]? = ProjectFiles.locate("Rules").flatMap { try? Ladder.load(directory: $0) }?.rulebooks
    /// A fresh ladder over the shipped rulebooks (a `Ladder` is not shared between threads).
    static var ladder: Ladder? { rulebooks.map(Ladder.init(rulebooks:)) }

    /// A generator over the shipped calibration and rulebooks.
    static func generator(firms: Int, seed: UInt64 = 1, year: Int? = nil) throws -> RegistryGenerator {
        try RegistryGenerator(calibration: try #require(calibration), ladder: try #require(ladder), firms: firms,
                              seed: seed, year: year)
    }

    /// A generator at a scale of the calibration's registry.
    static func generator(scale: Double, seed: UInt64 = 1) throws -> RegistryGenerator {
        try RegistryGenerator(calibration: try #require(calibration), ladder: try #require(ladder), scale: scale,
                              seed: seed)
    }
}

/// The text of a generated export.
func text(of generator: RegistryGenerator) -> String {
    var text = ""
    generator.write { text += $0 }
    return text
}

/// The lines of a generated export.
func lines(of generator: RegistryGenerator) -> [Substring] { text(of: generator).split(separator: "\n") }

/// The value of the first `name="…"` attribute on a line.
func attribute(_ name: String, in line: Substring) -> Substring? {
    guard let start = line.firstRange(of: " \(name)=\"")?.upperBound,
        let end = line[start...].firstIndex(of: "\"")
    else { return nil }
    return line[start..<end]
}

/// Every record of an export as the importer reads it.
func records(of text: String, name: String = "generated.xml") throws -> [RegistryRecord] {
    var out: [RegistryRecord] = []
    _ = try RegistryImporter().importDocument(text, name: name) { out.append($0) }
    return out
}

/// The firms of an export as the importer reads them.
func firms(of text: String) throws -> [Enterprise] {
    try records(of: text).compactMap { if case .enterprise(let firm) = $0 { firm } else { nil } }
}
