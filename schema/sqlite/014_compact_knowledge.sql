-- soupkeeper schema version 14 (sqlite): a smaller knowledge base (see
-- docs/parts/scale.md; the whole NVD and OSV took 5.5 GB).
--
-- vuln_records.data now holds each record's JSON compressed with zstd, as a
-- BLOB (vuln::PackRecordData). The column keeps its declared type: SQLite
-- stores a BLOB in a TEXT column unchanged, and rows written before keep
-- their JSON text, which is read as it is (vuln::UnpackRecordData).
--
-- match_index becomes a WITHOUT ROWID table: its primary key is the whole
-- row, which a rowid table stored twice (the table and its key index, 460 MB
-- of the 5.5 GB). Its rows are copied as they are. Its index by record
-- (another 250 MB) gives way to match_keys: each record's keys as a JSON
-- array of strings, by which a re-index removes them (match::RefreshIndex).
CREATE TABLE match_index_compact (
  lookup_key TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  PRIMARY KEY (lookup_key, source, source_id)
) WITHOUT ROWID;
INSERT INTO match_index_compact (lookup_key, source, source_id)
  SELECT lookup_key, source, source_id FROM match_index;
DROP TABLE match_index;
ALTER TABLE match_index_compact RENAME TO match_index;
CREATE TABLE match_keys (
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  keys TEXT NOT NULL,
  PRIMARY KEY (source, source_id)
) WITHOUT ROWID;
INSERT INTO match_keys (source, source_id, keys)
  SELECT source, source_id, json_group_array(lookup_key) FROM match_index
  GROUP BY source, source_id;

-- vuln_records.summary goes: nothing read it, and the record's summary is in
-- its data (200 bytes a record, 180 MB at full scale).
ALTER TABLE vuln_records DROP COLUMN summary;
