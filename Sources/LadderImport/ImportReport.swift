import LadderCore

/// A record-level finding: a reject (the record was not imported) or a warning (it was, with a note).
public struct RecordIssue: Hashable, Sendable, CustomStringConvertible {
    /// Where the offending element or value is.
    public var position: SourcePosition
    /// The record's id (credit code, platform id, ...) when it has one.
    public var recordID: String?
    /// The element the problem is in, e.g. `Finance/Revenue`.
    public var element: String?
    /// Why, in one sentence.
    public var reason: String

    public init(position: SourcePosition, recordID: String?, element: String?, reason: String) {
        self.position = position
        self.recordID = recordID
        self.element = element
        self.reason = reason
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
    /// Records not imported, in file order.
    public var rejects: [RecordIssue] = []
    /// Notes on records that were imported.
    public var warnings: [RecordIssue] = []
    /// Imported enterprises per district code.
    public var districts: [String: Int] = [:]
    /// Imported records by kind: enterprise, platform, contract, broker.
    public var kinds: [String: Int] = [:]
    /// Bytes of the file read.
    public var bytes: Int64 = 0

    public init(file: String) { self.file = file }

    /// The number of rejected records.
    public var rejected: Int { rejects.count }
}
