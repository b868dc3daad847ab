extension RegistryStore {
    /// The v2 changes: a snapshot is the registry on one export date, made of every file imported for
    /// that date (its *parts*). A record whose id is also in a part imported later is `shadowed` (the
    /// later record stands); importer warnings are kept, and rejects keep the element at fault.
    /// Frozen once shipped, like v1. The last statement marks the records shadowed in databases that
    /// v1 wrote (several files of one date were separate snapshots then).
    static let schemaV2: [String] = [
        "ALTER TABLE enterprise ADD COLUMN shadowed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE platform ADD COLUMN shadowed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tech_contract ADD COLUMN shadowed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE broker ADD COLUMN shadowed INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX enterprise_shadowed ON enterprise(snapshot_id) WHERE shadowed = 1",
        "ALTER TABLE rejected_record ADD COLUMN element TEXT",
        "ALTER TABLE snapshot ADD COLUMN warning_count INTEGER",
        """
        CREATE TABLE import_warning (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(snapshot_id) ON DELETE CASCADE,
            record_id TEXT, element TEXT, source_line INTEGER NOT NULL, source_column INTEGER NOT NULL,
            reason TEXT NOT NULL
        )
        """,
        "CREATE INDEX import_warning_by_snapshot ON import_warning(snapshot_id)",
        """
        CREATE VIEW snapshot_part AS
        SELECT s.* FROM snapshot s
        WHERE NOT EXISTS (SELECT 1 FROM snapshot t WHERE t.exported_at = s.exported_at AND t.source = s.source
                          AND t.snapshot_id > s.snapshot_id)
        """,
    ] + ["enterprise", "platform", "tech_contract", "broker"].map { table in
        // Only dates with more than one part are looked at: a database with one file per date (the
        // usual v1 database) is not scanned.
        """
        UPDATE \(table) SET shadowed = 1
        WHERE snapshot_id IN (
                SELECT snapshot_id FROM snapshot_part WHERE exported_at IN (
                    SELECT exported_at FROM snapshot_part GROUP BY exported_at HAVING COUNT(*) > 1))
          AND EXISTS (SELECT 1 FROM \(table) later
                      WHERE later.id = \(table).id AND later.snapshot_id > \(table).snapshot_id
                        AND later.snapshot_id IN (
                            SELECT p.snapshot_id FROM snapshot_part p JOIN snapshot e
                            ON e.snapshot_id = \(table).snapshot_id AND p.exported_at = e.exported_at))
        """
    }
}
