import ArgumentParser
import LadderCore
import LadderImport

/// `techladder validate`: check files against the format-1 XSD after the secure streaming pass.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate registry XML against the format-1 schema (Schemas/registry-1.xsd).",
        discussion: "Schema violations exit 1.\n\n" + ExitStatus.helpTable
    )

    @Argument(help: "Registry XML files.", completion: .file())
    var files: [String]

    @Option(help: "The XSD to validate against (default: the shipped Schemas/registry-1.xsd).")
    var schema: String?

    @Option(help: "How many errors to show per file.")
    var limit = 20

    func run() throws {
        guard let path = schema ?? ProjectFiles.locate("Schemas/registry-1.xsd") else {
            throw ValidationError("cannot find Schemas/registry-1.xsd; pass --schema or set TECHLADDER_HOME")
        }
        let compiled = try XMLSchema(file: path)
        var worst: Int32 = 0
        for file in files {
            // Files in another layout are checked by their profile, not by the format-1 schema.
            if case .profile(let profile)? = try? RegistryLayout.detect(file: file) {
                print("\(file): not registry format 1 but the layout of profile \(profile.file); check it with `techladder profile check \(profile.file) \(file)` or `techladder import --dry-run \(file)`")
                worst = max(worst, 1)
                continue
            }
            // The secure pass first: entity declarations and resource bombs never reach the validator.
            do {
                _ = try RegistryImporter().importFile(file) { _ in }
            } catch let error as XMLError {
                print("\(file): could not be read\nerror: \(error.renderedForTerminal(of: file))")
                worst = 2
                continue
            }
            let errors = compiled.validate(file: file, limit: limit)
            if errors.isEmpty {
                print("\(file): valid (registry format 1)")
            } else {
                worst = max(worst, 1)
                print("\(file): \(errors.count)\(errors.count == limit ? "+" : "") schema violation(s)")
                for error in errors { print("  \(error)") }
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
