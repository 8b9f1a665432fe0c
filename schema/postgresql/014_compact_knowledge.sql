-- soupkeeper schema version 14 (postgresql): a smaller knowledge base (see
-- docs/parts/scale.md; the whole NVD and OSV took 5.5 GB in SQLite).
--
-- vuln_records.data now holds each record's JSON compressed with zstd
-- (vuln::PackRecordData), so it becomes bytea; the rows written before keep
-- their JSON as its UTF-8 bytes, which are read as they are
-- (vuln::UnpackRecordData). EXTERNAL storage: TOAST need not try to compress
-- what zstd already compressed.
ALTER TABLE vuln_records ALTER COLUMN data TYPE BYTEA USING convert_to(data, 'UTF8');
ALTER TABLE vuln_records ALTER COLUMN data SET STORAGE EXTERNAL;

-- vuln_records.summary goes: nothing read it, and the record's summary is in
-- its data (200 bytes a record, 180 MB at full scale).
ALTER TABLE vuln_records DROP COLUMN summary;

-- match_index's index by record gives way to match_keys: each record's keys
-- as a JSON array of strings, by which a re-index removes them
-- (match::RefreshIndex); the index took 250 MB in SQLite at full scale.
CREATE TABLE match_keys (
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  keys TEXT NOT NULL,
  PRIMARY KEY (source, source_id)
);
INSERT INTO match_keys (source, source_id, keys)
  SELECT source, source_id, json_agg(lookup_key)::text FROM match_index
  GROUP BY source, source_id;
DROP INDEX match_index_by_record;
