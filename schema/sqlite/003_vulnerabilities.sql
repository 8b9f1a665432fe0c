-- soupkeeper schema version 3 (sqlite): the vulnerability knowledge base.
-- See docs/parts/feeds.md. Bulk public data: the per-record trail is
-- vuln_history; each import batch is one audited feed_imports row (entity
-- 'feed-import:<source>:<time>'), so the audit trail grows per import, not per
-- record.

-- One identity per vulnerability (a CVE id when any source names one).
CREATE TABLE vulnerabilities (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Every id any source used for the identity (the identity's own id too).
CREATE TABLE vuln_aliases (
  alias TEXT PRIMARY KEY,
  vuln_id TEXT NOT NULL REFERENCES vulnerabilities (id)
);
CREATE INDEX vuln_aliases_by_vuln ON vuln_aliases (vuln_id);

-- What one source says about one vulnerability: its own affected data and
-- scores (data: the normalized record as JSON) and its provenance.
CREATE TABLE vuln_records (
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  vuln_id TEXT NOT NULL REFERENCES vulnerabilities (id),
  summary TEXT NOT NULL,
  published TEXT,
  modified TEXT,
  withdrawn TEXT,
  status TEXT,
  sha256 TEXT NOT NULL,
  location TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  batch TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (source, source_id)
);
CREATE INDEX vuln_records_by_vuln ON vuln_records (vuln_id);

-- CISA KEV entries by CVE (from the kev source's records).
CREATE TABLE vuln_kev (
  cve_id TEXT PRIMARY KEY,
  date_added TEXT NOT NULL,
  due_date TEXT NOT NULL,
  known_ransomware_campaign_use TEXT NOT NULL,
  required_action TEXT NOT NULL,
  vendor_project TEXT NOT NULL,
  product TEXT NOT NULL,
  vulnerability_name TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- FIRST EPSS scores by CVE, the latest score date imported (scores as the
-- CSV wrote them).
CREATE TABLE vuln_epss (
  cve_id TEXT PRIMARY KEY,
  score TEXT NOT NULL,
  percentile TEXT NOT NULL,
  score_date TEXT NOT NULL,
  model_version TEXT NOT NULL,
  location TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  batch TEXT NOT NULL
);

-- The per-record trail: what changed, when, in which batch. Append-only.
CREATE TABLE vuln_history (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  batch TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  change TEXT NOT NULL
    CHECK (change IN ('new', 'changed', 'withdrawn', 'restored', 'merged')),
  fields TEXT NOT NULL,
  old_sha256 TEXT,
  new_sha256 TEXT,
  old_modified TEXT,
  new_modified TEXT
);
CREATE INDEX vuln_history_by_vuln ON vuln_history (vuln_id, id);
CREATE INDEX vuln_history_by_record ON vuln_history (source, source_id, id);

-- One row per source per import batch; audited (entity, audit_seq).
CREATE TABLE feed_imports (
  entity TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  read_count INTEGER NOT NULL,
  new_count INTEGER NOT NULL,
  changed_count INTEGER NOT NULL,
  unchanged_count INTEGER NOT NULL,
  withdrawn_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  newest_modified TEXT,
  changes_digest TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feed_imports_by_source ON feed_imports (source, imported_at);

-- Records are marked withdrawn, never deleted; history is never rewritten.
CREATE TRIGGER vuln_records_no_delete BEFORE DELETE ON vuln_records
BEGIN
  SELECT RAISE(ABORT, 'vuln_records are never deleted (mark them withdrawn)');
END;
CREATE TRIGGER vuln_history_no_update BEFORE UPDATE ON vuln_history
BEGIN
  SELECT RAISE(ABORT, 'vuln_history is append-only');
END;
CREATE TRIGGER vuln_history_no_delete BEFORE DELETE ON vuln_history
BEGIN
  SELECT RAISE(ABORT, 'vuln_history is append-only');
END;
