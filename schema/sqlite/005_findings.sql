-- soupkeeper schema version 5 (sqlite): findings per release.
-- See include/soupkeeper/findings.h. A finding is release x component x
-- vulnerability identity; rows are kept, never deleted (withdrawn_at marks a
-- finding that no longer matches). Finding rows are written only by an
-- audited evaluation, whose row in finding_evaluations records the SHA-256
-- of the release's finding rows (checked by `log verify`).
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  product TEXT NOT NULL,
  release_version TEXT NOT NULL,
  component_ordinal INTEGER NOT NULL,
  component_ref TEXT NOT NULL,
  component_name TEXT NOT NULL,
  component_version TEXT NOT NULL,
  purl TEXT NOT NULL,
  cpe TEXT NOT NULL,
  vulnerability TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('affected', 'not_evaluable', 'under_investigation')),
  confidence TEXT NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
  severity_score TEXT,
  severity_rating TEXT NOT NULL,
  kev INTEGER NOT NULL CHECK (kev IN (0, 1)),
  detail TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  withdrawn_at TEXT,
  UNIQUE (product, release_version, component_ordinal, vulnerability),
  FOREIGN KEY (product, release_version) REFERENCES releases (product, version)
);
CREATE INDEX findings_by_vulnerability ON findings (vulnerability);

-- The last evaluation of each release; audited (entity
-- 'findings:<product>@<version>').
CREATE TABLE finding_evaluations (
  entity TEXT PRIMARY KEY,
  product TEXT NOT NULL,
  release_version TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
  open_count INTEGER NOT NULL,
  withdrawn_count INTEGER NOT NULL,
  findings_sha256 TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (product, release_version),
  FOREIGN KEY (product, release_version) REFERENCES releases (product, version)
);

-- Every change of a finding, with the event of the evaluation that made it.
-- Append-only.
CREATE TABLE finding_changes (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES findings (id),
  at TEXT NOT NULL,
  cause_at TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('new', 'changed', 'withdrawn', 'restored', 'kev')),
  event_seq INTEGER NOT NULL
);
CREATE INDEX finding_changes_by_finding ON finding_changes (finding_id, id);
CREATE INDEX finding_changes_by_time ON finding_changes (at);

CREATE TRIGGER findings_no_delete BEFORE DELETE ON findings
BEGIN
  SELECT RAISE(ABORT, 'findings are never deleted (they are marked withdrawn)');
END;
CREATE TRIGGER finding_changes_no_update BEFORE UPDATE ON finding_changes
BEGIN
  SELECT RAISE(ABORT, 'finding_changes is append-only');
END;
CREATE TRIGGER finding_changes_no_delete BEFORE DELETE ON finding_changes
BEGIN
  SELECT RAISE(ABORT, 'finding_changes is append-only');
END;
