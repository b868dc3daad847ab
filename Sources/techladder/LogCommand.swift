import ArgumentParser
import Foundation
import LadderCore
import LadderStore

/// `techladder log`: the audit trail of the registry database.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the audit trail: who uploaded, replaced or assessed what, changed an account, or opened a firm's page.")

    @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "Only this account's entries (cli:USER for commands run on the server).")
    var user: String?

    @Option(help: "Only entries from this date YYYY-MM-DD (UTC) on.")
    var since: String?

    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    func validate() throws {
        if let since, Day(since) == nil { throw ValidationError("--since must be a date YYYY-MM-DD, not '\(since)'") }
    }

    func run() throws {
        let start = since.flatMap { ISO8601DateFormatter().date(from: $0 + "T00:00:00Z") }
        let events = try RegistryStore.openExisting(db).events(actor: user, since: start)
        let rows = events.map(EventRow.init)
        switch format {
        case .json:
            print(try JSONOutput.encode(rows))
        case .text:
            var table = TextTable(headers: ["时间 time (UTC)", "账户 who", "操作 action", "对象 target", "说明 detail"])
            for row in rows { table.add([row.at, row.actor, row.action, row.target ?? "", row.detail ?? ""]) }
            print(rows.isEmpty ? "No entries." : table.render())
        }
    }
}

/// One audit-trail entry as printed.
struct EventRow: Encodable {
    var at: String
    var actor: String
    var action: String
    var target: String?
    var detail: String?

    init(_ event: AuditEvent) {
        at = ISO8601DateFormatter().string(from: event.at)
        actor = event.actor
        action = event.action
        target = event.target
        detail = event.detail
    }
}
