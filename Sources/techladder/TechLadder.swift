import ArgumentParser

@main
struct TechLadder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "techladder",
        abstract: "Import registry exports, classify firms on the ladder, audit and tally them.",
        subcommands: [Import.self, Validate.self, Generate.self, Audit.self, Rules.self, Tally.self, Progress.self, Report.self, ProfileCommand.self, Export.self, Snapshots.self, Firm.self, Assess.self]
    )
}
