import ArgumentParser
import Foundation
import LadderAccounts
import LadderCore
import LadderStore

/// `techladder users`: the accounts of the web application, kept in the registry database.
struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the accounts of the web application (techladder serve).",
        discussion: """
            Roles: city (every district, user management), district (its own districts' firms and uploads; \
            city-wide aggregates only), viewer (aggregates only, no firm-level data). Passwords are read from \
            standard input (asked for twice on a terminal) or from --password-file, never from an argument, \
            and stored only as bcrypt hashes. Every change is written to the audit trail (techladder log).
            """,
        subcommands: [Add.self, List.self, Disable.self, Passwd.self, Token.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")
        @Argument(help: "The log-in name.") var name: String
        @Option(help: "city, district or viewer.") var role: AccountRole
        @Option(name: .customLong("district"), parsing: .singleValue,
                help: "A district the account covers, by code or name (repeat for several; district role only).")
        var districts: [String] = []
        @OptionGroup var options: AccountOptions

        func run() throws {
            let accounts = try options.accounts()
            let password = try options.password(confirm: true)
            let account = try options.refusingBadInput { try accounts.add(name: name, role: role, districts: districts, password: password, actor: options.actor) }
            print("added \(account.name): \(account.role.rawValue)\(Users.scope(account))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
        var db = RegistryStore.defaultPath
        @Option(help: "Output format: text or json.") var format: SummaryFormat = .text

        func run() throws {
            let accounts = try RegistryStore.openExisting(db).accounts()
            switch format {
            case .json:
                print(try JSONOutput.encode(accounts.map(AccountRow.init)))
            case .text:
                guard !accounts.isEmpty else {
                    print("No accounts in \(db): techladder serve runs as a single-user tool on loopback. Add one with: techladder users add NAME --role city --db \(db)")
                    return
                }
                var table = TextTable(headers: ["账户 account", "角色 role", "区市 districts", "状态 status", "创建 created (UTC)"])
                for row in accounts.map(AccountRow.init) {
                    table.add([row.name, row.role, row.districtNames.joined(separator: "、"), row.status, row.createdAt])
                }
                print(table.render())
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (ends its sessions and revokes its tokens).")
        @Argument(help: "The log-in name.") var name: String
        @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
        var db = RegistryStore.defaultPath

        func run() throws {
            let store = try RegistryStore.openExisting(db)
            try AccountOptions.refusingBadInput { try store.setAccount(name, disabled: true, actor: AccountOptions.cliActor) }
            print("disabled \(name)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (ends its sessions).")
        @Argument(help: "The log-in name.") var name: String
        @OptionGroup var options: AccountOptions

        func run() throws {
            let accounts = try options.accounts()
            let password = try options.password(confirm: true)
            try options.refusingBadInput { try accounts.changePassword(of: name, to: password, actor: options.actor) }
            print("password changed for \(name)")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API token for an account (sent as 'Authorization: Bearer TOKEN'; shown once).")
        @Argument(help: "The log-in name.") var name: String
        @Option(help: "The registry database.", completion: .file(extensions: ["sqlite"]))
        var db = RegistryStore.defaultPath

        func run() throws {
            let accounts = Accounts(store: try RegistryStore.openExisting(db))
            print(try AccountOptions.refusingBadInput { try accounts.issueToken(for: name, actor: AccountOptions.cliActor) })
        }
    }

    static func scope(_ account: Account) -> String {
        account.districts.isEmpty ? "" : " (" + account.districts.map { District.name(of: $0) ?? $0 }.joined(separator: "、") + ")"
    }
}

extension AccountRole: ExpressibleByArgument {}

/// One account as listed (never its password hash).
struct AccountRow: Encodable {
    var name: String
    var role: String
    var districts: [String]
    var districtNames: [String]
    var status: String
    var createdAt: String

    init(_ account: Account) {
        name = account.name
        role = account.role.rawValue
        districts = account.districts
        districtNames = account.districts.map { District.name(of: $0) ?? $0 }
        if account.disabled {
            status = "disabled"
        } else if let until = account.lockedUntil, until > Date() {
            status = "locked"
        } else {
            status = "active"
        }
        createdAt = ISO8601DateFormatter().string(from: account.createdAt)
    }
}
