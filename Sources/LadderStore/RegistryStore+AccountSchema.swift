import GRDB

extension RegistryStore {
    /// The accounts migration (issue 19): user accounts with a role and district scope, API tokens and web
    /// sessions (stored as SHA-256 hashes, never in clear), and the append-only audit trail.
    static let schemaAccounts: [String] = [
        """
        CREATE TABLE account (
            account_id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('city', 'district', 'viewer')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE account_district (
            account_id INTEGER NOT NULL REFERENCES account(account_id) ON DELETE CASCADE,
            district TEXT NOT NULL,
            PRIMARY KEY (account_id, district)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE api_token (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(account_id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE web_session (
            session_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(account_id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE audit_event (
            event_id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT
        )
        """,
        "CREATE INDEX audit_event_by_actor ON audit_event(actor, at)",
        """
        CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
        """,
        """
        CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
        """,
    ]
}
