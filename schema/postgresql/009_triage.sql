-- soupkeeper schema version 9 (postgresql): triage decisions and periodic reviews.
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
  version BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_triage', 'exploitable', 'resolved',
    'resolved_with_pedigree', 'false_positive', 'not_affected')),
  decision TEXT NOT NULL,
  aware_at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  covered BIGINT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  UNIQUE (component_identity, component_version, vulnerability)
);

-- Every version of every decision (the canonical JSON of the decision).
-- Append-only.
CREATE TABLE triage_history (
  entity TEXT NOT NULL,
  version BIGINT NOT NULL,
  decision TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  event_seq BIGINT NOT NULL,
  PRIMARY KEY (entity, version)
);

-- The findings (and their releases) a decision version covers. Append-only.
CREATE TABLE triage_coverage (
  entity TEXT NOT NULL,
  version BIGINT NOT NULL,
  finding_id BIGINT NOT NULL REFERENCES findings (id),
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
  number BIGINT NOT NULL,
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
  audit_seq BIGINT NOT NULL DEFAULT 0,
  UNIQUE (product, number)
);
CREATE UNIQUE INDEX reviews_one_open ON reviews (product) WHERE status = 'open';

CREATE FUNCTION triage_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
CREATE TRIGGER triage_decisions_no_delete BEFORE DELETE ON triage_decisions
  FOR EACH ROW EXECUTE FUNCTION triage_guard('triage decisions are kept (decide again instead)');
CREATE TRIGGER triage_history_append_only BEFORE UPDATE OR DELETE ON triage_history
  FOR EACH ROW EXECUTE FUNCTION triage_guard('triage_history is append-only');
CREATE TRIGGER triage_coverage_append_only BEFORE UPDATE OR DELETE ON triage_coverage
  FOR EACH ROW EXECUTE FUNCTION triage_guard('triage_coverage is append-only');
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
  FOR EACH ROW EXECUTE FUNCTION triage_guard('reviews are kept');
CREATE FUNCTION reviews_completed_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'completed' AND NOT (NEW.audit_seq <> OLD.audit_seq AND
      NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.contents IS NOT DISTINCT FROM OLD.contents AND
      NEW.deferrals IS NOT DISTINCT FROM OLD.deferrals AND
      NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at AND
      NEW.reviewer IS NOT DISTINCT FROM OLD.reviewer AND NEW.notes IS NOT DISTINCT FROM OLD.notes AND
      NEW.sources IS NOT DISTINCT FROM OLD.sources AND NEW.covered IS NOT DISTINCT FROM OLD.covered AND
      NEW.next_due IS NOT DISTINCT FROM OLD.next_due) THEN
    RAISE EXCEPTION 'completed reviews are immutable';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER reviews_completed_immutable BEFORE UPDATE ON reviews
  FOR EACH ROW EXECUTE FUNCTION reviews_completed_immutable();
