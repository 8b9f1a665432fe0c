-- soupkeeper schema version 2 (SQLite): products gain intended environment,
-- cyber-device flag and owners; releases with their SBOM snapshots, kept
-- immutable once released; errata. See docs/parts/releases.md.
--
-- The new product columns are NULL in rows written before this migration:
-- their recorded audit state has no such key, and log verify treats a missing
-- key as NULL (see src/store/verify.cc). Rows written afterwards hold values.
ALTER TABLE products ADD COLUMN intended_environment TEXT;
ALTER TABLE products ADD COLUMN cyber_device INTEGER CHECK (cyber_device IN (0, 1));
-- A canonical JSON array of owner names, e.g. ["alice","qa-team"].
ALTER TABLE products ADD COLUMN owners TEXT;

-- One SBOM document, content-addressed: `sha256` is the SHA-256 of the
-- original bytes (kept in sbom_documents), so two releases with the same bytes
-- share one snapshot. `components_sha256` is the SHA-256 of the canonical JSON
-- of its normalized components and dependency edges (release::ComponentsDigest),
-- which `release verify` and `log verify` recompute from the rows below.
CREATE TABLE sbom_snapshots (
  sha256 TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'sbom:' || sha256),
  format TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  component_count INTEGER NOT NULL,
  dependency_count INTEGER NOT NULL,
  components_sha256 TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0
);

-- The original bytes, exactly as given (UTF-8 text).
CREATE TABLE sbom_documents (
  sha256 TEXT PRIMARY KEY REFERENCES sbom_snapshots (sha256),
  content TEXT NOT NULL
);

-- The normalized components of a snapshot, in document order. `hashes` is a
-- canonical JSON array of [alg, value] pairs, `licenses` one of
-- {"kind": "id"|"name"|"expression", "value": ...} objects.
CREATE TABLE sbom_components (
  sbom_sha256 TEXT NOT NULL REFERENCES sbom_snapshots (sha256),
  ordinal INTEGER NOT NULL,
  ref TEXT NOT NULL,
  type TEXT NOT NULL,
  group_name TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  purl TEXT NOT NULL,
  cpe TEXT NOT NULL,
  supplier TEXT NOT NULL,
  scope TEXT NOT NULL,
  hashes TEXT NOT NULL,
  licenses TEXT NOT NULL,
  PRIMARY KEY (sbom_sha256, ordinal)
);
CREATE INDEX sbom_components_by_purl ON sbom_components (purl);

-- The dependency graph of a snapshot: `from_ref` depends on `to_ref`.
CREATE TABLE sbom_dependencies (
  sbom_sha256 TEXT NOT NULL REFERENCES sbom_snapshots (sha256),
  from_ref TEXT NOT NULL,
  to_ref TEXT NOT NULL,
  PRIMARY KEY (sbom_sha256, from_ref, to_ref)
);

CREATE TABLE releases (
  product TEXT NOT NULL REFERENCES products (name),
  version TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'release:' || product || '@' || version),
  status TEXT NOT NULL CHECK (status IN ('draft', 'released', 'end-of-support', 'retired')),
  source_revision TEXT NOT NULL,
  build_id TEXT NOT NULL,
  release_date TEXT,
  previous_version TEXT,
  sbom_sha256 TEXT NOT NULL REFERENCES sbom_snapshots (sha256),
  components_sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  frozen_at TEXT,
  status_changed_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version),
  FOREIGN KEY (product, previous_version) REFERENCES releases (product, version)
);

-- Corrections of a released release that do not change its baseline.
CREATE TABLE release_errata (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  number INTEGER NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'erratum:' || product || '@' || version || '#' || number),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version, number),
  FOREIGN KEY (product, version) REFERENCES releases (product, version)
);

-- Immutability. A release that left draft keeps its baseline (everything but
-- status, status_changed_at and the audit stamp); status only moves forward;
-- it cannot be deleted. Snapshots, their bytes, components and edges never
-- change and are never deleted (content addressing: the key is the content's
-- hash); the only update allowed is the audit stamp of a fresh snapshot
-- (audit_seq 0 -> its event) in the transaction that stores it. Errata are
-- append-only in the same way.
CREATE TRIGGER releases_baseline_immutable BEFORE UPDATE ON releases
WHEN OLD.status <> 'draft' AND (
  NEW.product IS NOT OLD.product OR NEW.version IS NOT OLD.version OR
  NEW.entity IS NOT OLD.entity OR NEW.source_revision IS NOT OLD.source_revision OR
  NEW.build_id IS NOT OLD.build_id OR NEW.release_date IS NOT OLD.release_date OR
  NEW.previous_version IS NOT OLD.previous_version OR NEW.sbom_sha256 IS NOT OLD.sbom_sha256 OR
  NEW.components_sha256 IS NOT OLD.components_sha256 OR NEW.created_at IS NOT OLD.created_at OR
  NEW.frozen_at IS NOT OLD.frozen_at)
BEGIN
  SELECT RAISE(ABORT, 'release is released and immutable: its baseline cannot change');
END;
CREATE TRIGGER releases_status_forward BEFORE UPDATE ON releases
WHEN (CASE NEW.status WHEN 'draft' THEN 0 WHEN 'released' THEN 1 WHEN 'end-of-support' THEN 2
      ELSE 3 END) <
     (CASE OLD.status WHEN 'draft' THEN 0 WHEN 'released' THEN 1 WHEN 'end-of-support' THEN 2
      ELSE 3 END)
BEGIN
  SELECT RAISE(ABORT, 'release status only moves forward (draft, released, end-of-support, retired)');
END;
CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
WHEN OLD.status <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'release is released and immutable: it cannot be deleted');
END;

CREATE TRIGGER sbom_snapshots_immutable BEFORE UPDATE ON sbom_snapshots
WHEN NOT (OLD.audit_seq = 0 AND NEW.sha256 IS OLD.sha256 AND NEW.entity IS OLD.entity AND
          NEW.format IS OLD.format AND NEW.spec_version IS OLD.spec_version AND
          NEW.size_bytes IS OLD.size_bytes AND NEW.component_count IS OLD.component_count AND
          NEW.dependency_count IS OLD.dependency_count AND
          NEW.components_sha256 IS OLD.components_sha256 AND NEW.stored_at IS OLD.stored_at)
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_snapshots_no_delete BEFORE DELETE ON sbom_snapshots
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_documents_no_update BEFORE UPDATE ON sbom_documents
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_documents_no_delete BEFORE DELETE ON sbom_documents
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_components_no_update BEFORE UPDATE ON sbom_components
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_components_no_delete BEFORE DELETE ON sbom_components
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_dependencies_no_update BEFORE UPDATE ON sbom_dependencies
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;
CREATE TRIGGER sbom_dependencies_no_delete BEFORE DELETE ON sbom_dependencies
BEGIN
  SELECT RAISE(ABORT, 'SBOM snapshots are immutable');
END;

CREATE TRIGGER release_errata_immutable BEFORE UPDATE ON release_errata
WHEN NOT (OLD.audit_seq = 0 AND NEW.product IS OLD.product AND NEW.version IS OLD.version AND
          NEW.number IS OLD.number AND NEW.entity IS OLD.entity AND NEW.note IS OLD.note AND
          NEW.created_at IS OLD.created_at)
BEGIN
  SELECT RAISE(ABORT, 'errata are append-only');
END;
CREATE TRIGGER release_errata_no_delete BEFORE DELETE ON release_errata
BEGIN
  SELECT RAISE(ABORT, 'errata are append-only');
END;
