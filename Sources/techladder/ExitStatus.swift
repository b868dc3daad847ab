import ArgumentParser
import Foundation
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import LadderStore

/// The exit codes every command uses (README "Exit codes"; `techladder --help`).
enum ExitStatus: Int32 {
    /// Done, nothing to report.
    case success = 0
    /// Done, with findings or rejected records (or a firm asked for that is not there).
    case findings = 1
    /// An input file could not be read (missing, a directory, not well-formed, truncated): nothing from it counted.
    case unreadableInput = 2
    /// The command line is wrong (ArgumentParser's usage errors use it too).
    case usage = 64
    /// A bug: an error the tool did not expect.
    case internalError = 70
    /// A database or output file that cannot be opened or written (sysexits' EX_CANTCREAT).
    case cannotOpenOrWrite = 73

    /// The table printed by `--help` and kept in README.
    static let helpTable = """
        Exit codes (every command): 0 done; 1 done, with rejected records stored or written (import, export, \
        validate), a source naming another district (import --db), rules-lint findings or an unknown firm — \
        reading commands count what was read and name rejected records on standard error; \
        2 an input file could not be read, nothing from it counted; 64 usage error; 70 internal error; \
        73 a database or output file cannot be opened or written.
        """
}

/// A failure with a plain message and its exit code; printed as `error: MESSAGE`, without usage text.
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var description: String

    init(_ status: ExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }

    /// A database that cannot be opened: names the path and SQLite's reason.
    static func database(_ path: String, _ error: any Error) -> CommandFailure {
        let cause = (error as? DatabaseError).map { $0.message ?? "\($0.resultCode)" } ?? "\(error)"
        var hint = ""
        if FileManager.default.isDirectory(path) {
            hint = " (it is a directory)"
        } else if !FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (path as NSString).deletingLastPathComponent) {
            hint = " (its folder does not exist)"
        }
        return CommandFailure(.cannotOpenOrWrite, "cannot open database \(path): \(cause)\(hint)")
    }
}

extension FileManager {
    /// Whether the path names a directory.
    func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

/// Maps any error that ends a command to its message and exit code.
enum Failures {
    /// The error as ArgumentParser should end the process: usage errors, clean exits and explicit exit
    /// codes as they are; our failures printed and mapped to their code; the rest by kind.
    static func translate(_ error: any Error) -> any Error {
        switch error {
        case let failure as CommandFailure:
            printError(failure.description)
            return ExitCode(failure.status.rawValue)
        case let failure as OutputFileError:
            printError(failure.description)
            return ExitCode(ExitStatus.cannotOpenOrWrite.rawValue)
        case let failure as StoreCommandError:
            printError(failure.description)
            let status: ExitStatus = failure.description.hasPrefix("no registry database") ? .cannotOpenOrWrite : .usage
            return ExitCode(status.rawValue)
        case let failure as DatabaseError:
            printError("database error: \(failure.message ?? "\(failure.resultCode)")")
            return ExitCode(ExitStatus.cannotOpenOrWrite.rawValue)
        case let failure as XlsxWriter.Failure:
            printError(failure.description)
            return ExitCode(ExitStatus.usage.rawValue)
        case let failure as XMLError:
            printError(failure.renderedForTerminal(of: failure.file))
            return ExitCode(ExitStatus.unreadableInput.rawValue)
        case let failure as ProfileError:
            printError(failure.description)
            return ExitCode(ExitStatus.unreadableInput.rawValue)
        case let failure as RulebookError:
            printError("\(failure)")
            return ExitCode(ExitStatus.unreadableInput.rawValue)
        case let failure as RegistryWriter.Failure:
            printError("cannot write \(failure.description)")
            return ExitCode(ExitStatus.cannotOpenOrWrite.rawValue)
        case let failure as StoreError:
            printError(failure.description)
            if case .noSnapshot = failure { return ExitCode(ExitStatus.usage.rawValue) }
            return ExitCode(ExitStatus.cannotOpenOrWrite.rawValue)
        case let failure as CocoaError:
            let path = (failure.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            printError(path + failure.localizedDescription)
            let writing: Set<CocoaError.Code> = [.fileWriteUnknown, .fileWriteNoPermission, .fileWriteOutOfSpace,
                                                 .fileWriteVolumeReadOnly, .fileWriteInvalidFileName, .fileWriteFileExists]
            return ExitCode((writing.contains(failure.code) ? ExitStatus.cannotOpenOrWrite : .unreadableInput).rawValue)
        case is ExitCode, is CleanExit, is ValidationError:
            return error
        default:
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return error }
            printError("internal error: \(error)")
            return ExitCode(ExitStatus.internalError.rawValue)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
