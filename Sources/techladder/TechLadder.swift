import ArgumentParser

@main
struct TechLadder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "techladder",
        abstract: "Import registry exports, classify firms on the ladder, audit and tally them.",
        subcommands: [
            Import.self, Validate.self, Audit.self, Tally.self, Progress.self, Report.self, Assess.self,
            Snapshots.self, Firm.self, DiffRules.self, Rules.self, ProfileCommand.self, Export.self, Generate.self, Serve.self,
            Users.self, Log.self,
        ]
    )
}
