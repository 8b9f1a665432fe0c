-- soupkeeper schema version 12 (postgresql): suppliers' VEX statements.
-- See include/soupkeeper/vex.h and docs/parts/vex.md. One row per statement
-- of an imported VEX document and stored finding it applies to, with its
-- source (the file's SHA-256, format, document id, supplier). Audited
-- (entity 'vex:<sha256>/<statement index>/<finding id>'); never updated.
CREATE TABLE vex_statements (
  entity TEXT PRIMARY KEY,
  finding_id BIGINT NOT NULL,
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
  audit_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX vex_statements_finding ON vex_statements (finding_id);
CREATE INDEX vex_statements_source ON vex_statements (source_sha256);

-- Evidence: once audited (audit_seq set by the audit step), a statement is
-- never changed, and none is ever deleted (soup_append_only_guard, schema 6).
CREATE TRIGGER vex_statements_guard BEFORE UPDATE OR DELETE ON vex_statements
  FOR EACH ROW EXECUTE FUNCTION soup_append_only_guard('supplier VEX statements are append-only');
