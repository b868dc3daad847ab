/// What can go wrong in the registry store beyond SQLite's own errors (which surface as GRDB's
/// `DatabaseError`).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A record was added before the export header was given.
    case recordBeforeHeader
    /// The header was given twice for one file.
    case headerTwice
    /// The import finished without a header, so there is no export date to file the snapshot under.
    case missingHeader(file: String)
    /// A stored value does not decode into the model (the database was edited by hand or is damaged).
    case corruptValue(table: String, column: String, value: String)
    /// No snapshot matches a request.
    case noSnapshot(String)
    /// An account name is taken.
    case accountExists(String)
    /// No account has the name.
    case noAccount(String)

    public var description: String {
        switch self {
        case .recordBeforeHeader: "a record was added before the export header"
        case .headerTwice: "the export header was given twice"
        case .missingHeader(let file): "\(file): no export header (exportedAt) was read; nothing was stored"
        case .corruptValue(let table, let column, let value):
            "the database holds '\(value)' in \(table).\(column), which the model does not know"
        case .noSnapshot(let what): "no snapshot \(what) in the database"
        case .accountExists(let name): "an account named '\(name)' exists already"
        case .noAccount(let name): "no account named '\(name)'"
        }
    }
}
