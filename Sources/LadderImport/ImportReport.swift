import LadderCore

/// A record-level finding: a reject (the record was not imported) or a warning (it was, with a note).
public struct RecordIssue: Hashable, Sendable, CustomStringConvertible {
    /// Where the offending element or value is.
    public var position: SourcePosition
    /// The record's id (credit code, platform id, ...) when it has one.
    public var recordID: String?
    /// The element the problem is in, e.g. `Finance/Revenue`.
    public var element: String?
    /// Why, in one English sentence (what the database stores and audits read).
    public var reason: String
    /// Why, in Chinese (what `import --lang zh` prints); the English sentence when none was given.
    public var reasonZh: String

    public init(position: SourcePosition, recordID: String?, element: String?, reason: String, reasonZh: String? = nil) {
        self.position = position
        self.recordID = recordID
        self.element = element
        self.reason = reason
        self.reasonZh = reasonZh ?? reason
    }

    public var description: String {
        let id = recordID.map { " [\($0)]" } ?? ""
        let element = element.map { " <\($0)>" } ?? ""
        return "\(position)\(id)\(element): \(reason)"
    }
}

/// What an import read: counts, rejects and warnings, firms per district.
public struct ImportReport: Sendable {
    /// The file name as given.
    public var file: String
    public var header: RegistryHeader?
    /// Top-level records seen (enterprises, platforms, contracts, brokers).
    public var records = 0
    /// Records accepted.
    public var imported = 0
    /// Records not imported, in file order: the first `keep` of them (`rejected` counts all).
    public var rejects: [RecordIssue] = []
    /// Notes on records that were imported: the first `keep` of them (`warningCount` counts all).
    public var warnings: [RecordIssue] = []
    /// All rejected records.
    public var rejected = 0
    /// All warnings.
    public var warningCount = 0
    /// How many rejects and warnings are kept in the lists; memory stays bounded whatever the file.
    public var keep = 10_000
    /// Imported enterprises per district code.
    public var districts: [String: Int] = [:]
    /// Imported records by kind: enterprise, platform, contract, broker.
    public var kinds: [String: Int] = [:]
    /// Bytes of the file read.
    public var bytes: Int64 = 0

    public init(file: String) { self.file = file }

    /// Files a reject, keeping it if there is room.
    public mutating func addReject(_ issue: RecordIssue) {
        rejected += 1
        if rejects.count < keep { rejects.append(issue) }
    }

    /// Files warnings, keeping them if there is room.
    public mutating func addWarnings(_ issues: [RecordIssue]) {
        warningCount += issues.count
        let room = keep - warnings.count
        if room > 0 { warnings.append(contentsOf: issues.prefix(room)) }
    }
}
