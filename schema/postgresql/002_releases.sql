-- soupkeeper schema version 2 (PostgreSQL): products gain intended environment,
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
  size_bytes BIGINT NOT NULL,
  component_count BIGINT NOT NULL,
  dependency_count BIGINT NOT NULL,
  components_sha256 TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
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
  ordinal BIGINT NOT NULL,
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
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version),
  FOREIGN KEY (product, previous_version) REFERENCES releases (product, version)
);

-- Corrections of a released release that do not change its baseline.
CREATE TABLE release_errata (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'erratum:' || product || '@' || version || '#' || number),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
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
CREATE FUNCTION release_status_rank(status TEXT) RETURNS INTEGER
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE status WHEN 'draft' THEN 0 WHEN 'released' THEN 1 WHEN 'end-of-support' THEN 2
         ELSE 3 END
$$;

CREATE FUNCTION releases_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'release is released and immutable: it cannot be deleted';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
      NEW.product IS DISTINCT FROM OLD.product OR NEW.version IS DISTINCT FROM OLD.version OR
      NEW.entity IS DISTINCT FROM OLD.entity OR
      NEW.source_revision IS DISTINCT FROM OLD.source_revision OR
      NEW.build_id IS DISTINCT FROM OLD.build_id OR
      NEW.release_date IS DISTINCT FROM OLD.release_date OR
      NEW.previous_version IS DISTINCT FROM OLD.previous_version OR
      NEW.sbom_sha256 IS DISTINCT FROM OLD.sbom_sha256 OR
      NEW.components_sha256 IS DISTINCT FROM OLD.components_sha256 OR
      NEW.created_at IS DISTINCT FROM OLD.created_at OR
      NEW.frozen_at IS DISTINCT FROM OLD.frozen_at) THEN
    RAISE EXCEPTION 'release is released and immutable: its baseline cannot change';
  END IF;
  IF release_status_rank(NEW.status) < release_status_rank(OLD.status) THEN
    RAISE EXCEPTION 'release status only moves forward (draft, released, end-of-support, retired)';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER releases_guard BEFORE UPDATE OR DELETE ON releases
  FOR EACH ROW EXECUTE FUNCTION releases_guard();

-- Rows whose only allowed update is the audit stamp of a fresh row (audit_seq
-- 0 -> its event, in the transaction that inserts it); the message is the
-- trigger's argument.
CREATE FUNCTION audit_stamp_only_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.audit_seq = 0 AND
     (to_jsonb(NEW) - 'audit_seq') = (to_jsonb(OLD) - 'audit_seq') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
CREATE TRIGGER sbom_snapshots_guard BEFORE UPDATE OR DELETE ON sbom_snapshots
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('SBOM snapshots are immutable');

CREATE FUNCTION sbom_content_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SBOM snapshots are immutable';
END;
$$;
CREATE TRIGGER sbom_documents_guard BEFORE UPDATE OR DELETE ON sbom_documents
  FOR EACH ROW EXECUTE FUNCTION sbom_content_guard();
CREATE TRIGGER sbom_components_guard BEFORE UPDATE OR DELETE ON sbom_components
  FOR EACH ROW EXECUTE FUNCTION sbom_content_guard();
CREATE TRIGGER sbom_dependencies_guard BEFORE UPDATE OR DELETE ON sbom_dependencies
  FOR EACH ROW EXECUTE FUNCTION sbom_content_guard();

CREATE TRIGGER release_errata_guard BEFORE UPDATE OR DELETE ON release_errata
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('errata are append-only');

-- TRUNCATE bypasses row triggers.
CREATE FUNCTION releases_no_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% cannot be truncated: releases and SBOM snapshots are kept', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER releases_no_truncate BEFORE TRUNCATE ON releases
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER sbom_snapshots_no_truncate BEFORE TRUNCATE ON sbom_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER sbom_documents_no_truncate BEFORE TRUNCATE ON sbom_documents
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER sbom_components_no_truncate BEFORE TRUNCATE ON sbom_components
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER sbom_dependencies_no_truncate BEFORE TRUNCATE ON sbom_dependencies
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER release_errata_no_truncate BEFORE TRUNCATE ON release_errata
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
