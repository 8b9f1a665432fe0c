-- soupkeeper schema version 7 (sqlite): suppliers, their quality agreements
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
  audit_seq INTEGER NOT NULL DEFAULT 0
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
  audit_seq INTEGER NOT NULL DEFAULT 0
);

-- The shared-responsibility matrix of a cloud provider: who does what.
CREATE TABLE supplier_responsibilities (
  supplier TEXT NOT NULL REFERENCES suppliers (name),
  area TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'responsibility:' || supplier || '/' || area),
  party TEXT NOT NULL CHECK (party IN ('provider', 'manufacturer', 'shared')),
  note TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (supplier, area)
);

-- Evaluations, append-only.
CREATE TABLE supplier_evaluations (
  supplier TEXT NOT NULL REFERENCES suppliers (name),
  number INTEGER NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'evaluation:' || supplier || '#' || number),
  evaluated_on TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('acceptable', 'conditional', 'unacceptable')),
  notes TEXT NOT NULL,
  next_due TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (supplier, number)
);

-- Evidence received per release of the supplier's product, append-only. A
-- file given with it is kept as its name and SHA-256 only.
CREATE TABLE supplier_evidence (
  supplier TEXT NOT NULL REFERENCES suppliers (name),
  number INTEGER NOT NULL,
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
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (supplier, number)
);

-- Evaluations and evidence are records: the only update allowed is the audit
-- stamp of a fresh row, and they are never deleted.
CREATE TRIGGER supplier_evaluations_immutable BEFORE UPDATE ON supplier_evaluations
WHEN NOT (OLD.audit_seq = 0 AND NEW.supplier IS OLD.supplier AND NEW.number IS OLD.number AND
          NEW.entity IS OLD.entity AND NEW.evaluated_on IS OLD.evaluated_on AND
          NEW.evaluator IS OLD.evaluator AND NEW.result IS OLD.result AND
          NEW.notes IS OLD.notes AND NEW.next_due IS OLD.next_due AND
          NEW.recorded_at IS OLD.recorded_at)
BEGIN
  SELECT RAISE(ABORT, 'supplier evaluations are append-only');
END;
CREATE TRIGGER supplier_evaluations_no_delete BEFORE DELETE ON supplier_evaluations
BEGIN
  SELECT RAISE(ABORT, 'supplier evaluations are append-only');
END;
CREATE TRIGGER supplier_evidence_immutable BEFORE UPDATE ON supplier_evidence
WHEN NOT (OLD.audit_seq = 0 AND NEW.supplier IS OLD.supplier AND NEW.number IS OLD.number AND
          NEW.entity IS OLD.entity AND NEW.product IS OLD.product AND
          NEW.release_version IS OLD.release_version AND NEW.kind IS OLD.kind AND
          NEW.reference IS OLD.reference AND NEW.received_on IS OLD.received_on AND
          NEW.file_name IS OLD.file_name AND NEW.file_sha256 IS OLD.file_sha256 AND
          NEW.recorded_at IS OLD.recorded_at)
BEGIN
  SELECT RAISE(ABORT, 'supplier evidence is append-only');
END;
CREATE TRIGGER supplier_evidence_no_delete BEFORE DELETE ON supplier_evidence
BEGIN
  SELECT RAISE(ABORT, 'supplier evidence is append-only');
END;
