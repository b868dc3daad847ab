import ArgumentParser

@main
struct TechLadder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "techladder",
        abstract: "Import registry exports, classify firms on the ladder, audit and tally them.",
        discussion: ExitStatus.helpTable,
        subcommands: [
            Import.self, Validate.self, Audit.self, Tally.self, Firms.self, Progress.self, Report.self, Assess.self,
            Snapshots.self, Firm.self, DiffRules.self, Rules.self, ProfileCommand.self, Export.self, Generate.self,
            Serve.self, Users.self, Log.self,
        ]
    )

    /// Runs the command and maps every failure to one exit code (see `ExitStatus`).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: Failures.translate(error))
        }
    }
}
