import ArgumentParser
import LadderCore

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
}
