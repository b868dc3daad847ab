import ArgumentParser
import Foundation
import LadderCore
import LadderRules

/// Where the data folders are when a command is not told: see `ProjectFiles.locate`.
enum DataFolders {
    /// The rulebook folder: `--rules` when given, else `Rules/` found from the working directory,
    /// `$TECHLADDER_HOME`, the executable's location or the source checkout.
    static func rules(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        guard let found = ProjectFiles.locate("Rules") else {
            throw ValidationError("cannot find the Rules/ folder; pass --rules DIR or set TECHLADDER_HOME")
        }
        return found
    }

    /// The rulebooks of a folder (see `rules(_:)`); a broken rulebook is printed with its position and
    /// ends the command with exit code 2.
    static func ladder(_ explicit: String?) throws -> Ladder {
        do {
            return try Ladder.load(directory: try rules(explicit))
        } catch let error as RulebookError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
