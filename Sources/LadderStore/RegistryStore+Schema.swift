import GRDB

extension RegistryStore {
    /// The store's migrations. Each one is frozen once shipped: change the schema only by appending a
    /// new migration ("v2", ...), never by editing an old one. docs/SCHEMA.md describes the result.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in schemaV1 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v2") { db in
            for statement in schemaV2 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v3-accounts") { db in
            for statement in schemaAccounts { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v4-firm-rows") { db in
            for statement in schemaV4 { try db.execute(sql: statement) }
        }
        return migrator
    }

    /// The index on firm ids, dropped and rebuilt around a bulk load into an empty database.
    static let enterpriseIDIndex = "CREATE INDEX enterprise_by_id ON enterprise(id, snapshot_id)"

    /// The v1 schema. Dates are `YYYY-MM-DD` text, money is INTEGER fen (1/100 yuan), booleans are
    /// 0/1, and NULL always means *unknown*. Child tables of `enterprise` are clustered on
    /// `(enterprise_id, seq)` (WITHOUT ROWID) so that one firm's rows sit together and a snapshot reads
    /// back in one ordered pass.
    static let schemaV1: [String] = [
        """
        CREATE TABLE snapshot (
            snapshot_id INTEGER PRIMARY KEY,
            exported_at TEXT NOT NULL,
            source TEXT,
            region TEXT,
            file_name TEXT NOT NULL,
            file_size INTEGER,
            content_hash TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL,
            enterprise_count INTEGER NOT NULL DEFAULT 0,
            platform_count INTEGER NOT NULL DEFAULT 0,
            contract_count INTEGER NOT NULL DEFAULT 0,
            broker_count INTEGER NOT NULL DEFAULT 0,
            rejected_count INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX snapshot_by_date ON snapshot(exported_at)",
        """
        CREATE TABLE enterprise (
            enterprise_id INTEGER PRIMARY KEY,
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            district TEXT NOT NULL,
            zone TEXT,
            industry TEXT,
            tech_domain TEXT,
            registered_on TEXT,
            status TEXT,
            resident INTEGER,
            tax_assessment TEXT,
            source_line INTEGER,
            source_column INTEGER
        )
        """,
        "CREATE INDEX enterprise_by_snapshot ON enterprise(snapshot_id)",
        enterpriseIDIndex,
        """
        CREATE TABLE finance_year (
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(enterprise_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            year INTEGER NOT NULL,
            employees INTEGER,
            tech_staff INTEGER,
            revenue INTEGER,
            total_income INTEGER,
            total_cost INTEGER,
            total_assets INTEGER,
            net_assets INTEGER,
            rd_expense INTEGER,
            rd_expense_domestic INTEGER,
            high_tech_revenue INTEGER,
            conversions INTEGER,
            source_line INTEGER,
            source_column INTEGER,
            PRIMARY KEY (enterprise_id, seq)
        ) WITHOUT ROWID
        """,
        childTable("ip", "class TEXT NOT NULL, kind TEXT, count INTEGER NOT NULL, acquired TEXT"),
        childTable(
            "certification",
            "kind TEXT NOT NULL, number TEXT, issued TEXT NOT NULL, expires TEXT, revoked TEXT, valid_until TEXT NOT NULL"
        ),
        childTable("award", "level TEXT NOT NULL, year INTEGER NOT NULL, rank INTEGER"),
        childTable("rd_institution", "level TEXT NOT NULL, since TEXT"),
        childTable("standard", "level TEXT NOT NULL, role TEXT NOT NULL, year INTEGER NOT NULL"),
        childTable("incident", "kind TEXT NOT NULL, date TEXT NOT NULL"),
        childTable("expert_score", "item TEXT NOT NULL, points INTEGER NOT NULL"),
        childTable("consortium", "role TEXT NOT NULL, level TEXT NOT NULL"),
        """
        CREATE TABLE platform (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            id TEXT NOT NULL, level TEXT NOT NULL, kind TEXT, district TEXT, approved TEXT, host TEXT,
            source_line INTEGER, source_column INTEGER
        )
        """,
        "CREATE INDEX platform_by_snapshot ON platform(snapshot_id)",
        """
        CREATE TABLE tech_contract (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            id TEXT NOT NULL, seller TEXT, amount INTEGER NOT NULL, signed TEXT, registered TEXT, kind TEXT,
            source_line INTEGER, source_column INTEGER
        )
        """,
        "CREATE INDEX tech_contract_by_snapshot ON tech_contract(snapshot_id)",
        """
        CREATE TABLE broker (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            id TEXT NOT NULL, district TEXT, certified TEXT, source_line INTEGER, source_column INTEGER
        )
        """,
        "CREATE INDEX broker_by_snapshot ON broker(snapshot_id)",
        """
        CREATE TABLE rejected_record (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            record_id TEXT, source_line INTEGER NOT NULL, source_column INTEGER NOT NULL, reason TEXT NOT NULL
        )
        """,
        "CREATE INDEX rejected_record_by_snapshot ON rejected_record(snapshot_id)",
        """
        CREATE TABLE assessment (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            firm_id TEXT NOT NULL,
            tier TEXT NOT NULL,
            verdict TEXT NOT NULL,
            rule_version TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, firm_id, tier)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX assessment_by_firm ON assessment(firm_id)",
        """
        CREATE VIEW finance_year_yuan AS
        SELECT enterprise_id, year, employees, tech_staff,
               revenue / 100.0 AS revenue, total_income / 100.0 AS total_income, total_cost / 100.0 AS total_cost,
               total_assets / 100.0 AS total_assets, net_assets / 100.0 AS net_assets,
               rd_expense / 100.0 AS rd_expense, rd_expense_domestic / 100.0 AS rd_expense_domestic,
               high_tech_revenue / 100.0 AS high_tech_revenue, conversions
        FROM finance_year
        """,
    ]

    /// A WITHOUT ROWID table of one repeated fact of a firm, in list order `seq` (0-based).
    private static func childTable(_ name: String, _ columns: String) -> String {
        """
        CREATE TABLE \(name) (
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(enterprise_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            \(columns),
            PRIMARY KEY (enterprise_id, seq)
        ) WITHOUT ROWID
        """
    }
}
