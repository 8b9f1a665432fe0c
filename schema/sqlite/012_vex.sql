-- soupkeeper schema version 12 (sqlite): suppliers' VEX statements.
-- See include/soupkeeper/vex.h and docs/parts/vex.md. One row per statement
-- of an imported VEX document and stored finding it applies to, with its
-- source (the file's SHA-256, format, document id, supplier). Audited
-- (entity 'vex:<sha256>/<statement index>/<finding id>'); never updated.
CREATE TABLE vex_statements (
  entity TEXT PRIMARY KEY,
  finding_id INTEGER NOT NULL,
  vulnerability TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_triage', 'exploitable', 'resolved',
    'resolved_with_pedigree', 'false_positive', 'not_affected')),
  justification TEXT NOT NULL,
  detail TEXT NOT NULL,
  supplier TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  source_format TEXT NOT NULL,
  document_id TEXT NOT NULL,
  statement_pointer TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vex_statements_finding ON vex_statements (finding_id);
CREATE INDEX vex_statements_source ON vex_statements (source_sha256);

-- Evidence: once audited (audit_seq set by the audit step), a statement is
-- never changed, and none is ever deleted.
CREATE TRIGGER vex_statements_append_only BEFORE UPDATE ON vex_statements
WHEN OLD.audit_seq <> 0
BEGIN
  SELECT RAISE(ABORT, 'supplier VEX statements are append-only');
END;
CREATE TRIGGER vex_statements_no_delete BEFORE DELETE ON vex_statements
BEGIN
  SELECT RAISE(ABORT, 'supplier VEX statements are append-only');
END;
