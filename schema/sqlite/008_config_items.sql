-- soupkeeper schema version 8 (SQLite): security-relevant configuration items
-- of a release (IEC 81001-5-1 §8): certificates, public keys, policies, ACLs,
-- hardening files, fingerprinted; the cloud services a release uses with
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
  size_bytes INTEGER NOT NULL,
  details TEXT NOT NULL,
  expires_at TEXT,
  created_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
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
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version, service),
  FOREIGN KEY (product, version) REFERENCES releases (product, version)
);

-- What the service was seen to run, numbered per service.
CREATE TABLE config_service_observations (
  product TEXT NOT NULL,
  version TEXT NOT NULL,
  service TEXT NOT NULL,
  number INTEGER NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'service-observation:' || product || '@' || version || '/' || service || '#' || number),
  api_version TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
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
  audit_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product, version),
  FOREIGN KEY (product, version) REFERENCES releases (product, version)
);

-- Items and services are part of the baseline: added only while the release
-- is a draft, never changed or deleted afterwards (the only update is the
-- audit stamp of a fresh row). Observations are append-only.
CREATE TRIGGER config_items_draft_only BEFORE INSERT ON config_items
WHEN (SELECT status FROM releases WHERE product = NEW.product AND version = NEW.version) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'release is released and immutable: configuration items cannot be added');
END;
CREATE TRIGGER config_items_immutable BEFORE UPDATE ON config_items
WHEN NOT (OLD.audit_seq = 0 AND NEW.product IS OLD.product AND NEW.version IS OLD.version AND
          NEW.name IS OLD.name AND NEW.entity IS OLD.entity AND NEW.kind IS OLD.kind AND
          NEW.path IS OLD.path AND NEW.sha256 IS OLD.sha256 AND
          NEW.size_bytes IS OLD.size_bytes AND NEW.details IS OLD.details AND
          NEW.expires_at IS OLD.expires_at AND NEW.created_at IS OLD.created_at)
BEGIN
  SELECT RAISE(ABORT, 'configuration items are immutable');
END;
CREATE TRIGGER config_items_no_delete BEFORE DELETE ON config_items
BEGIN
  SELECT RAISE(ABORT, 'configuration items are immutable');
END;

CREATE TRIGGER config_services_draft_only BEFORE INSERT ON config_services
WHEN (SELECT status FROM releases WHERE product = NEW.product AND version = NEW.version) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'release is released and immutable: services cannot be declared');
END;
CREATE TRIGGER config_services_immutable BEFORE UPDATE ON config_services
WHEN NOT (OLD.audit_seq = 0 AND NEW.product IS OLD.product AND NEW.version IS OLD.version AND
          NEW.service IS OLD.service AND NEW.entity IS OLD.entity AND
          NEW.provider IS OLD.provider AND NEW.api_version IS OLD.api_version AND
          NEW.created_at IS OLD.created_at)
BEGIN
  SELECT RAISE(ABORT, 'declared services are immutable');
END;
CREATE TRIGGER config_services_no_delete BEFORE DELETE ON config_services
BEGIN
  SELECT RAISE(ABORT, 'declared services are immutable');
END;

CREATE TRIGGER config_service_observations_immutable BEFORE UPDATE ON config_service_observations
WHEN NOT (OLD.audit_seq = 0 AND NEW.product IS OLD.product AND NEW.version IS OLD.version AND
          NEW.service IS OLD.service AND NEW.number IS OLD.number AND
          NEW.entity IS OLD.entity AND NEW.api_version IS OLD.api_version AND
          NEW.observed_at IS OLD.observed_at)
BEGIN
  SELECT RAISE(ABORT, 'service observations are append-only');
END;
CREATE TRIGGER config_service_observations_no_delete BEFORE DELETE ON config_service_observations
BEGIN
  SELECT RAISE(ABORT, 'service observations are append-only');
END;

CREATE TRIGGER config_support_plans_no_delete BEFORE DELETE ON config_support_plans
BEGIN
  SELECT RAISE(ABORT, 'support plans are kept (change the date instead)');
END;
