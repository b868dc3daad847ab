import Foundation
import LadderCore

/// One imported export file (a *part* of the snapshot of its export date, ``DatedSnapshot``): its header, where it came from, and what it held.
public struct Snapshot: Hashable, Sendable, Identifiable {
    /// The database id (`snapshot.snapshot_id`), increasing with import order.
    public var id: Int64
    /// The export date from the file header: the default assessment date.
    public var exportedAt: Day
    public var source: String?
    /// GB/T 2260 code of the exporting city.
    public var region: String?
    /// The file name given at import time; positions of records refer to it.
    public var fileName: String
    /// The file's size in bytes, when the importer gave it.
    public var fileSize: Int64?
    /// Lowercase hex SHA-256 of the file's bytes.
    public var contentHash: String
    /// When the import committed (UTC).
    public var importedAt: Date
    /// Records stored, per kind, and records the importer rejected.
    public var counts: Counts
    /// Warnings the importer gave, or nil for a file imported before warnings were kept (schema v1).
    public var warningCount: Int?

    /// How many records of each kind a snapshot holds.
    public struct Counts: Hashable, Sendable {
        public var enterprises = 0
        public var platforms = 0
        public var contracts = 0
        public var brokers = 0
        public var rejected = 0

        /// Creates counts, all zero unless given.
        public init(enterprises: Int = 0, platforms: Int = 0, contracts: Int = 0, brokers: Int = 0, rejected: Int = 0) {
            self.enterprises = enterprises
            self.platforms = platforms
            self.contracts = contracts
            self.brokers = brokers
            self.rejected = rejected
        }
    }

    /// The header the snapshot was imported with.
    public var header: RegistryHeader { RegistryHeader(exportedAt: exportedAt, source: source, region: region) }
}

/// A record the importer turned away (or, from ``RegistryStore/importWarnings(in:)``, warned about),
/// kept with its position and reason.
public struct RejectedRecord: Hashable, Sendable {
    public var recordID: String?
    public var position: SourcePosition
    public var reason: String
    /// The element at fault (`District`, `Finance/Revenue`, …), when the importer named one.
    public var element: String?

    /// Creates a rejected-record entry.
    public init(recordID: String?, position: SourcePosition, reason: String, element: String? = nil) {
        self.recordID = recordID
        self.position = position
        self.reason = reason
        self.element = element
    }
}
