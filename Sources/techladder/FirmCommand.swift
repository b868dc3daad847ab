import ArgumentParser
import LadderCore
import LadderStore

/// `techladder firm ID`: one firm's history across the snapshots in the registry database.
struct Firm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one firm's history across snapshots: facts, certificates, verdicts and changes.",
        discussion: "A firm in no snapshot exits 1.\n\n" + ExitStatus.helpTable)

    @Argument(help: "The firm's unified social credit code (统一社会信用代码).")
    var id: String

    @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    func run() throws {
        let store = try RegistryStore.openExisting(db)
        guard let history = try store.history(of: id) else {
            var message = "firm \(id) is in no snapshot of \(db)"
            if let problem = CreditCode.problem(in: id) { message += " (the id \(problem))" }
            throw CommandFailure(.findings, message)
        }
        print(history.rendered())
    }
}
