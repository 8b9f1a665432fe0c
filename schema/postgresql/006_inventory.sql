-- soupkeeper schema version 6 (PostgreSQL): the SOUP inventory. Items (a package
-- without version), their versions with the FDA support fields, the map of
-- internal category terms, the history of category changes, re-evaluation
-- records opened by a downgrade, pre-adoption assessments and security risks.
-- See docs/parts/inventory.md and include/soupkeeper/inventory.h.
--
-- `key` is the item's identity: the canonical purl without version,
-- qualifiers and subpath ("pkg:generic/openssl"), else "name:[GROUP/]NAME",
-- followed by " supplier:SUPPLIER" when a supplier is known.

CREATE TABLE soup_items (
  key TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup:' || key),
  name TEXT NOT NULL,
  purl TEXT NOT NULL,
  -- NULL until someone classifies the item (itself a finding for the gates).
  category TEXT CHECK (category IN ('maintained', 'supported', 'required')),
  category_term TEXT,
  supplier TEXT NOT NULL,
  custom_developed BIGINT NOT NULL CHECK (custom_developed IN (0, 1)),
  security_impact BIGINT NOT NULL CHECK (security_impact IN (0, 1)),
  purpose TEXT NOT NULL,
  -- A canonical JSON array of "device", "app", "cloud", "update-server".
  runs_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE soup_versions (
  item_key TEXT NOT NULL REFERENCES soup_items (key),
  version TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup:' || item_key || '@' || version),
  support_level TEXT CHECK (support_level IN ('actively-maintained', 'no-longer-maintained',
                                              'abandoned', 'unknown')),
  support_justification TEXT NOT NULL,
  end_of_support TEXT,
  end_of_support_justification TEXT NOT NULL,
  support_source TEXT NOT NULL,
  support_date TEXT,
  anomaly_review_date TEXT,
  anomaly_reviewer TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_key, version)
);

-- Internal category terms and the ISH1 category each one means.
CREATE TABLE soup_category_map (
  term TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup-category-map:' || term),
  canonical TEXT NOT NULL CHECK (canonical IN ('maintained', 'supported', 'required')),
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);

-- Every change of an item's category, numbered per item (append-only).
CREATE TABLE soup_category_changes (
  item_key TEXT NOT NULL REFERENCES soup_items (key),
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup-category:' || item_key || '#' || number),
  from_category TEXT,
  to_category TEXT NOT NULL,
  term TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_key, number)
);

-- A downgrade (maintained -> supported or required, supported -> required)
-- opens one; the next assessment of the item closes it.
CREATE TABLE soup_reevaluations (
  item_key TEXT NOT NULL REFERENCES soup_items (key),
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup-reevaluation:' || item_key || '#' || number),
  from_category TEXT NOT NULL,
  to_category TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_key, number)
);

-- Pre-adoption assessments of an item version, numbered per item.
-- `criteria` is a canonical JSON array of {"criterion","result","note"};
-- `vulnerabilities` a canonical JSON object of the knowledge base's findings
-- for the purl and version at the time ({"ids":[..],"kev":N,"critical":N,...}).
CREATE TABLE soup_assessments (
  item_key TEXT NOT NULL REFERENCES soup_items (key),
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup-assessment:' || item_key || '#' || number),
  version TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'approved-with-conditions', 'rejected')),
  rationale TEXT NOT NULL,
  conditions TEXT NOT NULL,
  assessor TEXT NOT NULL,
  approver TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  criteria TEXT NOT NULL,
  vulnerabilities TEXT NOT NULL,
  kev_count BIGINT NOT NULL,
  critical_count BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_key, number),
  FOREIGN KEY (item_key, version) REFERENCES soup_versions (item_key, version)
);

-- Security risks of an item (IEC 81001-5-1 5.2.3). `controls` is a canonical
-- JSON array of {"requirement","verification"}.
CREATE TABLE soup_risks (
  item_key TEXT NOT NULL REFERENCES soup_items (key),
  number BIGINT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'soup-risk:' || item_key || '#' || number),
  threat TEXT NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition IN ('acceptable', 'controlled', 'transferred',
                                                   'not-used-vulnerably')),
  controls TEXT NOT NULL,
  residual TEXT NOT NULL,
  hazard TEXT NOT NULL,
  doc_ref TEXT NOT NULL,
  accepted_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_key, number)
);

-- History, assessments and risks are append-only: the only update allowed is
-- the audit stamp of a fresh row (audit_seq 0 -> its event).
CREATE FUNCTION soup_append_only_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.audit_seq <> 0 THEN
    RAISE EXCEPTION '%', TG_ARGV[0];
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER soup_category_changes_guard BEFORE UPDATE OR DELETE ON soup_category_changes
  FOR EACH ROW EXECUTE FUNCTION soup_append_only_guard('SOUP category history is append-only');
CREATE TRIGGER soup_assessments_guard BEFORE UPDATE OR DELETE ON soup_assessments
  FOR EACH ROW EXECUTE FUNCTION soup_append_only_guard('SOUP assessments are append-only');
CREATE TRIGGER soup_risks_guard BEFORE UPDATE OR DELETE ON soup_risks
  FOR EACH ROW EXECUTE FUNCTION soup_append_only_guard('SOUP security risks are append-only');
