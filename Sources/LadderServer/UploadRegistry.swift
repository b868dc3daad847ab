import Foundation
import Synchronization

/// One upload's progress and outcome, polled by its page and the API while the import runs.
struct UploadStatus: Sendable, Encodable {
    enum State: String, Sendable, Encodable { case running, done, failed }

    struct Reject: Sendable, Encodable {
        var line: Int
        var column: Int
        var id: String?
        var reason: String
    }

    var id: String
    var user: String
    var district: String
    var file: String
    var started: Date
    var state = State.running
    var bytes: Int64 = 0
    var size: Int64
    /// What the store did, as `import --db` says it (e.g. `stored as snapshot 3 (exported 2025-12-31) …`).
    var outcome: String?
    var imported = 0
    var rejected = 0
    /// The first rejects, in file order, each with line, column, id and reason.
    var rejects: [Reject] = []
    var error: String?
    var line: Int?
    var column: Int?

    var percent: Int { size > 0 ? Int(min(100, bytes * 100 / size)) : 0 }

    /// Whether a visitor may read this upload's status: its uploader, or the city.
    func visible(to visitor: Visitor?) -> Bool {
        guard let visitor else { return false }
        return visitor.principal == .city || visitor.principal == .local || visitor.name.lowercased() == user.lowercased()
    }
}

/// The uploads of this server run, by id (kept in memory; the audit trail keeps the record for good).
final class UploadRegistry: Sendable {
    private let uploads = Mutex<[String: UploadStatus]>([:])

    func start(_ status: UploadStatus) { uploads.withLock { $0[status.id] = status } }

    func update(_ id: String, _ change: (inout UploadStatus) -> Void) {
        uploads.withLock { all in
            if var status = all[id] {
                change(&status)
                all[id] = status
            }
        }
    }

    func status(_ id: String) -> UploadStatus? { uploads.withLock { $0[id] } }
}
