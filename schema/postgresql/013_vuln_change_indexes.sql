-- soupkeeper schema version 13 (postgresql): indexes for the "what changed
-- since" questions asked at every scan and every findings evaluation (see
-- docs/parts/scale.md): whether the match index is stale (vuln_records
-- updated after its mark) and which records changed since a release's last
-- evaluation (vuln_history at or after it). Without them each question read
-- the whole table, about 5 GB at full NVD + OSV scale.
CREATE INDEX vuln_records_by_update ON vuln_records (updated_at);
CREATE INDEX vuln_history_by_at ON vuln_history (at);
