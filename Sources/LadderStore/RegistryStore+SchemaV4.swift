extension RegistryStore {
    /// The v4 changes, for speed at city scale (issue 14): a firm's repeated facts move from nine tables
    /// of one row per fact (about six rows per firm) into one row of `firm_facts` per firm (JSON text per
    /// kind, see ``FactLayout``), and its verdicts from three rows of `assessment` keyed by text into
    /// one row of `firm_verdict` keyed by the firm's row id. An import then writes two rows per firm
    /// instead of about seven, and `assess` one instead of three. Views with the old names and columns
    /// (`finance_year`, `certification`, ..., `assessment`) read the new tables, so SQL written against
    /// v1–v3 still runs. Existing rows are converted in SQL, then the old tables are dropped.
    ///
    /// Frozen once shipped, like v1–v3: the SQL is written out here, not derived from the vocabulary
    /// (`FactLayoutTests` checks that ``FactLayout`` and the vocabulary still agree with it).
    static let schemaV4: [String] = {
        var statements = [
            """
            CREATE TABLE firm_facts (
                enterprise_id INTEGER PRIMARY KEY REFERENCES enterprise(enterprise_id) ON DELETE CASCADE,
                finance TEXT, ip TEXT, certification TEXT, award TEXT, rd_institution TEXT, standard TEXT,
                incident TEXT, expert_score TEXT, consortium TEXT
            )
            """,
            """
            CREATE TABLE firm_verdict (
                enterprise_id INTEGER PRIMARY KEY REFERENCES enterprise(enterprise_id) ON DELETE CASCADE,
                tech_sme_verdict TEXT, tech_sme_rule TEXT, high_tech_verdict TEXT, high_tech_rule TEXT,
                leading_verdict TEXT, leading_rule TEXT
            )
            """,
            "DROP VIEW finance_year_yuan",
        ]
        // Each kind's elements: a JSON array of positional arrays, in `seq` order (the v1 tables are
        // clustered on (enterprise_id, seq)); NULL when the firm has none.
        let kinds: [(column: String, table: String, fields: [String])] = [
            ("finance", "finance_year", [
                "year", "employees", "tech_staff", "revenue", "total_income", "total_cost", "total_assets",
                "net_assets", "rd_expense", "rd_expense_domestic", "high_tech_revenue", "conversions", "source_line",
                "source_column",
            ]),
            ("ip", "ip", ["\"class\"", "kind", "count", "acquired"]),
            ("certification", "certification", ["kind", "number", "issued", "expires", "revoked", "valid_until"]),
            ("award", "award", ["level", "year", "rank"]),
            ("rd_institution", "rd_institution", ["level", "since"]),
            ("standard", "standard", ["level", "role", "year"]),
            ("incident", "incident", ["kind", "date"]),
            ("expert_score", "expert_score", ["item", "points"]),
            ("consortium", "consortium", ["role", "level"]),
        ]
        let lists = kinds.map { kind in
            """
            (SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE json_group_array(json_array(\(kind.fields.joined(separator: ", ")))) END
             FROM (SELECT * FROM \(kind.table) t WHERE t.enterprise_id = e.enterprise_id ORDER BY seq))
            """
        }
        let any = kinds.map { "EXISTS (SELECT 1 FROM \($0.table) t WHERE t.enterprise_id = e.enterprise_id)" }
        statements.append("""
            INSERT INTO firm_facts (enterprise_id, \(kinds.map(\.column).joined(separator: ", ")))
            SELECT e.enterprise_id, \(lists.joined(separator: ",\n"))
            FROM enterprise e WHERE \(any.joined(separator: " OR "))
            """)
        for kind in kinds { statements.append("DROP TABLE \(kind.table)") }
        for kind in kinds {
            let columns = kind.fields.enumerated().map { index, field in
                "json_extract(j.value, '$[\(index)]') AS \(field)"
            }
            statements.append("""
                CREATE VIEW \(kind.table) AS
                SELECT f.enterprise_id, j.key AS seq, \(columns.joined(separator: ", "))
                FROM firm_facts f, json_each(f.\(kind.column)) j
                """)
        }
        statements.append("""
            CREATE VIEW finance_year_yuan AS
            SELECT enterprise_id, year, employees, tech_staff,
                   revenue / 100.0 AS revenue, total_income / 100.0 AS total_income, total_cost / 100.0 AS total_cost,
                   total_assets / 100.0 AS total_assets, net_assets / 100.0 AS net_assets,
                   rd_expense / 100.0 AS rd_expense, rd_expense_domestic / 100.0 AS rd_expense_domestic,
                   high_tech_revenue / 100.0 AS high_tech_revenue, conversions
            FROM finance_year
            """)
        // Verdicts: a v3 row is kept when its firm's record is in the part it was stored under (as
        // every reader required); one row per firm, one column pair per rung.
        let tiers = [("tech_sme", "tech-sme"), ("high_tech", "high-tech"), ("leading", "leading")]
        let picks = tiers.flatMap { column, tier in
            ["verdict", "rule_version"].map { field in
                "(SELECT a.\(field) FROM assessment a WHERE a.snapshot_id = e.snapshot_id AND a.firm_id = e.id AND a.tier = '\(tier)')"
            }
        }
        statements.append("""
            INSERT INTO firm_verdict (enterprise_id, tech_sme_verdict, tech_sme_rule, high_tech_verdict, high_tech_rule,
                                      leading_verdict, leading_rule)
            SELECT e.enterprise_id, \(picks.joined(separator: ", "))
            FROM enterprise e
            WHERE EXISTS (SELECT 1 FROM assessment a WHERE a.snapshot_id = e.snapshot_id AND a.firm_id = e.id)
            """)
        statements.append("DROP TABLE assessment")
        statements.append("CREATE VIEW assessment AS\n" + tiers.map { column, tier in
            """
            SELECT e.snapshot_id, e.id AS firm_id, '\(tier)' AS tier, v.\(column)_verdict AS verdict,
                   v.\(column)_rule AS rule_version
            FROM firm_verdict v JOIN enterprise e USING (enterprise_id) WHERE v.\(column)_verdict IS NOT NULL
            """
        }.joined(separator: "\nUNION ALL\n"))
        return statements
    }()
}
