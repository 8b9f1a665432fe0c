-- soupkeeper schema version 1 (SQLite): schema version record, audit trail,
-- products. Applied in one transaction by the store on open; see
-- docs/parts/store-schema.md. Every audited table has an `entity` column (the
-- audit trail's name for the row, e.g. 'product:infusion-pump-controller') and
-- an `audit_seq` column (the seq of the audit event that last changed the row).

CREATE TABLE schema_version (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);

-- Append-only, hash-chained audit trail; see docs/parts/store-audit.md for the
-- canonical serializations of `change`, `digest` and `hash`.
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  change TEXT NOT NULL,
  digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events (entity, seq);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TABLE products (
  name TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'product:' || name),
  description TEXT NOT NULL,
  intended_use TEXT NOT NULL,
  review_cadence_days INTEGER NOT NULL CHECK (review_cadence_days > 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0
);
