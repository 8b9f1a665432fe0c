-- soupkeeper schema version 8 (PostgreSQL): security-relevant configuration
-- items of a release (IEC 81001-5-1 §8): certificates, public keys, policies,
-- ACLs, hardening files, fingerprinted; the cloud services a release uses with
-- their declared and observed API versions; a release's planned end of
-- support. Never secrets. See docs/parts/config-items.md.

-- One file of a release. `sha256` is the SHA-256 of the file's bytes;
-- `details` the canonical JSON of what was read from it (certificates, or the
-- public key); `expires_at` the earliest notAfter of its certificates.
CREATE TABLE config_items (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'config:' || product || '@' || version || '/' || name),
  kind TEXT NOT NULL CHECK (kind IN ('certificate', 'public-key', 'policy', 'acl', 'hardening', 'other')),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  details TEXT NOT NULL,
  expires_at TEXT,
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version, name),
  FOREIGN KEY (product, version) REFERENCES releases (product, version)
);

-- A cloud service (SOUP delivered as a service) a release uses, with the API
-- version it was built against.
CREATE TABLE config_services (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  service TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'service:' || product || '@' || version || '/' || service),
  provider TEXT NOT NULL,
  api_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version, service),
  FOREIGN KEY (product, version) REFERENCES releases (product, version)
);

-- What the service was seen to run, numbered per service.
CREATE TABLE config_service_observations (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  service TEXT NOT NULL,
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'service-observation:' || product || '@' || version || '/' || service || '#' || number),
  api_version TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version, service, number),
  FOREIGN KEY (product, version, service) REFERENCES config_services (product, version, service)
);

-- The planned end of support of a release (a plan: it may change, audited).
CREATE TABLE config_support_plans (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'support-plan:' || product || '@' || version),
  support_until TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version),
  FOREIGN KEY (product, version) REFERENCES releases (product, version)
);

-- Items and services are part of the baseline: added only while the release
-- is a draft, never changed or deleted afterwards (the only update is the
-- audit stamp of a fresh row, audit_stamp_only_guard of 002). Observations
-- are append-only.
CREATE FUNCTION config_draft_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM releases WHERE product = NEW.product AND version = NEW.version)
     <> 'draft' THEN
    RAISE EXCEPTION '%', TG_ARGV[0];
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER config_items_draft_only BEFORE INSERT ON config_items
  FOR EACH ROW EXECUTE FUNCTION
  config_draft_only('release is released and immutable: configuration items cannot be added');
CREATE TRIGGER config_items_guard BEFORE UPDATE OR DELETE ON config_items
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('configuration items are immutable');
CREATE TRIGGER config_services_draft_only BEFORE INSERT ON config_services
  FOR EACH ROW EXECUTE FUNCTION
  config_draft_only('release is released and immutable: services cannot be declared');
CREATE TRIGGER config_services_guard BEFORE UPDATE OR DELETE ON config_services
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('declared services are immutable');
CREATE TRIGGER config_service_observations_guard BEFORE UPDATE OR DELETE
  ON config_service_observations
  FOR EACH ROW EXECUTE FUNCTION audit_stamp_only_guard('service observations are append-only');

CREATE FUNCTION config_support_plans_no_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'support plans are kept (change the date instead)';
END;
$$;
CREATE TRIGGER config_support_plans_no_delete BEFORE DELETE ON config_support_plans
  FOR EACH ROW EXECUTE FUNCTION config_support_plans_no_delete();

-- TRUNCATE bypasses row triggers.
CREATE TRIGGER config_items_no_truncate BEFORE TRUNCATE ON config_items
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER config_services_no_truncate BEFORE TRUNCATE ON config_services
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER config_service_observations_no_truncate BEFORE TRUNCATE
  ON config_service_observations
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
CREATE TRIGGER config_support_plans_no_truncate BEFORE TRUNCATE ON config_support_plans
  FOR EACH STATEMENT EXECUTE FUNCTION releases_no_truncate();
