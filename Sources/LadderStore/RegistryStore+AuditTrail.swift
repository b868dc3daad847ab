import Foundation
import GRDB

extension RegistryStore {
    /// Appends an entry to the audit trail (append-only: triggers refuse updates and deletes).
    /// - Throws: `DatabaseError` on a write failure.
    public func appendEvent(actor: String, action: String, target: String? = nil, detail: String? = nil,
                            now: Date = Date()) throws {
        try dbQueue.write { db in try Self.append(actor: actor, action: action, target: target, detail: detail, now: now, in: db) }
    }

    /// Appends entries in one transaction, in order (the web server's trail writer batches firm views:
    /// one commit, one WAL sync, for many rows). Each entry is `(actor, action, target, detail, at)`.
    /// - Throws: `DatabaseError` on a write failure (nothing of the batch is stored).
    public func appendEvents(_ events: [(actor: String, action: String, target: String?, detail: String?, at: Date)]) throws {
        guard !events.isEmpty else { return }
        try dbQueue.write { db in
            for event in events {
                try Self.append(actor: event.actor, action: event.action, target: event.target, detail: event.detail, now: event.at, in: db)
            }
        }
    }

    /// The audit trail, oldest first, optionally of one actor and from a time on.
    /// - Throws: `DatabaseError` on a read failure.
    public func events(actor: String? = nil, since: Date? = nil, limit: Int? = nil) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let actor {
            conditions.append("actor = ? COLLATE NOCASE")
            arguments += [actor]
        }
        if let since {
            conditions.append("at >= ?")
            arguments += [Self.stamp(since)]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var sql = "SELECT * FROM audit_event \(filter) ORDER BY event_id"
        if let limit {
            sql = "SELECT * FROM (SELECT * FROM audit_event \(filter) ORDER BY event_id DESC LIMIT ?) ORDER BY event_id"
            arguments += [limit]
        }
        return try dbQueue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let at: String = row["at"]
                return AuditEvent(id: row["event_id"], at: Self.timestampFormatter().date(from: at) ?? Date(timeIntervalSince1970: 0),
                                  actor: row["actor"], action: row["action"], target: row["target"], detail: row["detail"])
            }
        }
    }

    static func append(actor: String, action: String, target: String?, detail: String?, now: Date, in db: Database) throws {
        try db.execute(sql: "INSERT INTO audit_event (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [stamp(now), actor, action, target, detail])
    }
}
