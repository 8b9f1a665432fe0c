-- soupkeeper schema version 4 (sqlite): the package index of the matcher.
-- See docs/matching.md. Derived data: every row is computed from vuln_records
-- by the match library (match::RefreshIndex), which re-indexes the records
-- whose updated_at is at or after the mark and stamps the mark in the same
-- audited transaction. Never edited by hand; dropping and refreshing it gives
-- the same rows.

-- One row per lookup key of a record: "osv:<ecosystem>:<name>",
-- "purl:<type>/<namespace>/<name>", "cpe:<vendor>:<product>",
-- "csaf-name:<product name>" (see src/match/index.cc for each matcher's keys).
CREATE TABLE match_index (
  lookup_key TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  PRIMARY KEY (lookup_key, source, source_id)
);
CREATE INDEX match_index_by_record ON match_index (source, source_id);

-- The index's mark: the newest vuln_records.updated_at indexed and how many
-- records carry exactly that time (so a record written later in the same
-- second is still seen as new). One row, entity 'match-index'; audited.
CREATE TABLE match_index_state (
  entity TEXT PRIMARY KEY,
  mark TEXT NOT NULL,
  at_mark INTEGER NOT NULL,
  records INTEGER NOT NULL,
  key_count INTEGER NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0
);
