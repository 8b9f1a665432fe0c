-- soupkeeper schema version 7 (PostgreSQL): suppliers, their quality agreements
-- with security clauses, shared-responsibility matrices, evaluations and the
-- evidence they delivered (IEC 81001-5-1 §4.1.5, ISO 13485 §7.4). See
-- docs/parts/suppliers.md and include/soupkeeper/supplier.h.

-- SOUP items refer to a supplier by `name`.
CREATE TABLE suppliers (
  name TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'supplier:' || name),
  kind TEXT NOT NULL CHECK (kind IN ('open-source-project', 'commercial-vendor',
                                     'custom-developer', 'cloud-provider')),
  security_contact TEXT NOT NULL,
  advisory_url TEXT NOT NULL,
  website TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);

-- The current quality agreement of a supplier; a new one replaces it (the
-- trail keeps the old). `clauses` is a canonical JSON array of clause objects
-- {"key","state","value","patch_sla_days","section"} (supplier::ToJson).
CREATE TABLE supplier_agreements (
  supplier TEXT PRIMARY KEY REFERENCES suppliers (name),
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'agreement:' || supplier),
  document_id TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  valid_until TEXT,
  clauses TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);

-- The shared-responsibility matrix of a cloud provider: who does what.
CREATE TABLE supplier_responsibilities (
  supplier TEXT NOT NULL REFERENCES suppliers (name),
  area TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'responsibility:' || supplier || '/' || area),
  party TEXT NOT NULL CHECK (party IN ('provider', 'manufacturer', 'shared')),
  note TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (supplier, area)
);

-- Evaluations, append-only.
CREATE TABLE supplier_evaluations (
  supplier TEXT NOT NULL REFERENCES suppliers (name),
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'evaluation:' || supplier || '#' || number),
  evaluated_on TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('acceptable', 'conditional', 'unacceptable')),
  notes TEXT NOT NULL,
  next_due TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (supplier, number)
);

-- Evidence received per release of the supplier's product, append-only. A
-- file given with it is kept as its name and SHA-256 only.
CREATE TABLE supplier_evidence (
  supplier TEXT NOT NULL REFERENCES suppliers (name),
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'evidence:' || supplier || '#' || number),
  product TEXT NOT NULL,
  release_version TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sbom', 'vex', 'security-notes', 'test-report',
                                     'certificate')),
  reference TEXT NOT NULL,
  received_on TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (supplier, number)
);

-- Evaluations and evidence are records: the only update allowed is the audit
-- stamp of a fresh row (audit_stamp_only_guard, 002_releases.sql), and they
-- are never deleted or truncated.
CREATE TRIGGER supplier_evaluations_guard BEFORE UPDATE OR DELETE ON supplier_evaluations
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('supplier evaluations are append-only');
CREATE TRIGGER supplier_evidence_guard BEFORE UPDATE OR DELETE ON supplier_evidence
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('supplier evidence is append-only');

CREATE FUNCTION supplier_records_no_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% cannot be truncated: supplier records are kept', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER supplier_evaluations_no_truncate BEFORE TRUNCATE ON supplier_evaluations
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_records_no_truncate();
CREATE TRIGGER supplier_evidence_no_truncate BEFORE TRUNCATE ON supplier_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_records_no_truncate();
