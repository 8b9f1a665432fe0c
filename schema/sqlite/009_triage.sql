-- soupkeeper schema version 9 (sqlite): triage decisions and periodic reviews.
-- See include/soupkeeper/triage.h and docs/parts/triage.md. A decision is
-- keyed by component identity (purl without version, else name), component
-- version and vulnerability, so one decision covers every release shipping
-- that component version. The current decision is audited (entity
-- 'triage:<identity>@<version>/<vulnerability>'); every version is kept in
-- triage_history, and the findings each version covers in triage_coverage.
CREATE TABLE triage_decisions (
  entity TEXT PRIMARY KEY,
  component_identity TEXT NOT NULL,
  component_version TEXT NOT NULL,
  vulnerability TEXT NOT NULL,
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_triage', 'exploitable', 'resolved',
    'resolved_with_pedigree', 'false_positive', 'not_affected')),
  decision TEXT NOT NULL,
  aware_at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  covered INTEGER NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (component_identity, component_version, vulnerability)
);

-- Every version of every decision (the canonical JSON of the decision).
-- Append-only.
CREATE TABLE triage_history (
  entity TEXT NOT NULL,
  version INTEGER NOT NULL,
  decision TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  PRIMARY KEY (entity, version)
);

-- The findings (and their releases) a decision version covers. Append-only.
CREATE TABLE triage_coverage (
  entity TEXT NOT NULL,
  version INTEGER NOT NULL,
  finding_id INTEGER NOT NULL REFERENCES findings (id),
  product TEXT NOT NULL,
  release_version TEXT NOT NULL,
  covered_at TEXT NOT NULL,
  PRIMARY KEY (entity, version, finding_id)
);
CREATE INDEX triage_coverage_by_finding ON triage_coverage (finding_id);

-- Periodic reviews (IEC 81001-5-1 §6.2.1), numbered per product; at most one
-- open review per product. `contents` is what changed since the previous
-- completed review; `deferrals` the explicit deferrals made during it.
CREATE TABLE reviews (
  entity TEXT PRIMARY KEY,
  product TEXT NOT NULL REFERENCES products (name),
  number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
  since TEXT NOT NULL,
  started_at TEXT NOT NULL,
  contents TEXT NOT NULL,
  deferrals TEXT NOT NULL,
  completed_at TEXT,
  reviewer TEXT,
  notes TEXT,
  sources TEXT,
  covered TEXT,
  next_due TEXT,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (product, number)
);
CREATE UNIQUE INDEX reviews_one_open ON reviews (product) WHERE status = 'open';

CREATE TRIGGER triage_decisions_no_delete BEFORE DELETE ON triage_decisions
BEGIN
  SELECT RAISE(ABORT, 'triage decisions are kept (decide again instead)');
END;
CREATE TRIGGER triage_history_no_update BEFORE UPDATE ON triage_history
BEGIN
  SELECT RAISE(ABORT, 'triage_history is append-only');
END;
CREATE TRIGGER triage_history_no_delete BEFORE DELETE ON triage_history
BEGIN
  SELECT RAISE(ABORT, 'triage_history is append-only');
END;
CREATE TRIGGER triage_coverage_no_update BEFORE UPDATE ON triage_coverage
BEGIN
  SELECT RAISE(ABORT, 'triage_coverage is append-only');
END;
CREATE TRIGGER triage_coverage_no_delete BEFORE DELETE ON triage_coverage
BEGIN
  SELECT RAISE(ABORT, 'triage_coverage is append-only');
END;
CREATE TRIGGER reviews_completed_immutable BEFORE UPDATE ON reviews
WHEN OLD.status = 'completed' AND NOT (NEW.audit_seq <> OLD.audit_seq AND
  NEW.status IS OLD.status AND NEW.contents IS OLD.contents AND
  NEW.deferrals IS OLD.deferrals AND NEW.completed_at IS OLD.completed_at AND
  NEW.reviewer IS OLD.reviewer AND NEW.notes IS OLD.notes AND
  NEW.sources IS OLD.sources AND NEW.covered IS OLD.covered AND NEW.next_due IS OLD.next_due)
BEGIN
  SELECT RAISE(ABORT, 'completed reviews are immutable');
END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews are kept');
END;
