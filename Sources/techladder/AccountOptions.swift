import ArgumentParser
import Foundation
import LadderAccounts
import LadderStore

/// Options shared by the account commands that set a password.
struct AccountOptions: ParsableArguments {
    @Option(help: "The registry database (created if missing).", completion: .file(extensions: ["sqlite"]))
    var db = RegistryStore.defaultPath

    @Option(help: "Read the password from the first line of this file instead of standard input.", completion: .file())
    var passwordFile: String?

    /// Who runs the command, for the audit trail.
    static var cliActor: String { "cli:" + ProcessInfo.processInfo.userName }
    var actor: String { Self.cliActor }

    func accounts() throws -> Accounts { Accounts(store: try RegistryStore(path: db)) }

    /// The new password: the first line of --password-file, else of standard input (asked twice, without
    /// echo, on a terminal).
    func password(confirm: Bool) throws -> String {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw ValidationError("cannot read the password file \(passwordFile)")
            }
            return Self.firstLine(text)
        }
        if isatty(STDIN_FILENO) != 0 {
            let first = Self.ask("Password: ")
            if confirm && Self.ask("Again: ") != first { throw ValidationError("the two passwords differ") }
            return first
        }
        return Self.firstLine(readLine(strippingNewline: true) ?? "")
    }

    static func ask(_ prompt: String) -> String {
        guard let entered = getpass(prompt) else { return "" }
        return String(cString: entered)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    /// Runs an account operation; refusals the user can fix (a bad name, a short password, an unknown
    /// district or account) become usage errors.
    func refusingBadInput<T>(_ body: () throws -> T) throws -> T { try Self.refusingBadInput(body) }

    static func refusingBadInput<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AccountError {
            throw ValidationError(error.description)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
    }
}
