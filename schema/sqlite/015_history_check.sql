-- soupkeeper schema version 15 (sqlite): vuln_history's check of `change`
-- written as comparisons. SQLite evaluates `x IN ('a', 'b', 'c', ...)` (three
-- or more values) by building a temporary b-tree of the list at every
-- statement run, so each history row an import wrote paid for one (about
-- 2 µs, 3% of an OSV import). The check accepts the same values. SQLite
-- cannot alter a constraint, so the table is rebuilt with its rows, indexes
-- and triggers; nothing references it. PostgreSQL evaluates the list
-- directly and keeps its schema.
CREATE TABLE vuln_history_rebuilt (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  batch TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  change TEXT NOT NULL
    CHECK (change = 'new' OR change = 'changed' OR change = 'withdrawn' OR
           change = 'restored' OR change = 'merged'),
  fields TEXT NOT NULL,
  old_sha256 TEXT,
  new_sha256 TEXT,
  old_modified TEXT,
  new_modified TEXT
);
INSERT INTO vuln_history_rebuilt (id, at, batch, source, source_id, vuln_id, change, fields,
                                  old_sha256, new_sha256, old_modified, new_modified)
  SELECT id, at, batch, source, source_id, vuln_id, change, fields, old_sha256, new_sha256,
         old_modified, new_modified FROM vuln_history;
DROP TABLE vuln_history;
ALTER TABLE vuln_history_rebuilt RENAME TO vuln_history;
CREATE INDEX vuln_history_by_vuln ON vuln_history (vuln_id, id);
CREATE INDEX vuln_history_by_record ON vuln_history (source, source_id, id);
CREATE INDEX vuln_history_by_at ON vuln_history (at);
CREATE TRIGGER vuln_history_no_update BEFORE UPDATE ON vuln_history
BEGIN
  SELECT RAISE(ABORT, 'vuln_history is append-only');
END;
CREATE TRIGGER vuln_history_no_delete BEFORE DELETE ON vuln_history
BEGIN
  SELECT RAISE(ABORT, 'vuln_history is append-only');
END;
