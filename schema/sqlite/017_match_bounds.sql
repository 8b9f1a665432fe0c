-- soupkeeper schema version 17 (sqlite): version bounds in the match index
-- (docs/matching.md, "Version pre-filter").
--
-- match_index.bounds: what the record says, under the row's key, of the
-- versions it can concern (match::EncodeBounds); NULL rules out none. A scan
-- reads a record for a component only when the bounds of a key that reaches
-- it do not rule the component's version out.
-- match_index_form: the form of the index, one row, written by each refresh.
-- None, or an older form (an index without bounds), makes the next refresh
-- re-index every record, audited as any refresh. Derived data, as the index
-- itself: not audited.
ALTER TABLE match_index ADD COLUMN bounds TEXT;
CREATE TABLE match_index_form (form INTEGER NOT NULL);

-- vuln_aliases becomes a WITHOUT ROWID table: its primary key is the alias,
-- which the rowid table stored twice (the table and its key index, 38 MB of
-- a full-scale knowledge base, where the bounds above take about as much).
CREATE TABLE vuln_aliases_compact (
  alias TEXT PRIMARY KEY,
  vuln_id TEXT NOT NULL REFERENCES vulnerabilities (id)
) WITHOUT ROWID;
INSERT INTO vuln_aliases_compact (alias, vuln_id) SELECT alias, vuln_id FROM vuln_aliases;
DROP TABLE vuln_aliases;
ALTER TABLE vuln_aliases_compact RENAME TO vuln_aliases;
CREATE INDEX vuln_aliases_by_vuln ON vuln_aliases (vuln_id);
