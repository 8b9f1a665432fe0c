-- soupkeeper schema version 11 (PostgreSQL): notification targets and what was
-- delivered to each. See docs/parts/notifications.md and
-- include/soupkeeper/notify.h.

-- A webhook `notify run` posts to. A secret is never stored: only the name of
-- the environment variable holding it ('' for unsigned deliveries). `events`
-- is a JSON array of event kinds.
CREATE TABLE notify_targets (
  name TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'notify-target:' || name),
  url TEXT NOT NULL,
  secret_env TEXT NOT NULL,
  events TEXT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);

-- One event (by its stable key) delivered, or attempted, to one target (a
-- webhook's name, or 'digest'). A failed delivery stays 'failed' until a later
-- run delivers it; `sent_at` is set only then. `secret_sha256` is the
-- fingerprint of the signing secret used, never the secret.
CREATE TABLE notify_deliveries (
  target TEXT NOT NULL,
  event_key TEXT NOT NULL,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'notify:' || target || '/' || event_key),
  kind TEXT NOT NULL CHECK (kind IN ('kev', 'critical', 'review-overdue', 'clock-overdue')),
  status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
  attempts BIGINT NOT NULL,
  last_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  message TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  secret_sha256 TEXT,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (target, event_key)
);
