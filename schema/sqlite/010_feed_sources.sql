-- soupkeeper schema version 10 (sqlite): configured online feed sources and
-- their sync state (cursor, conditional-GET validators, last result). See
-- docs/parts/feed-sync.md and include/soupkeeper/feed_sync.h.

-- A source `feed sync` fetches. An API key is never stored: only the name of
-- the environment variable holding it ('' for none).
CREATE TABLE feed_sources (
  name TEXT PRIMARY KEY,
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'feed-source:' || name),
  kind TEXT NOT NULL CHECK (kind IN ('nvd', 'osv', 'kev', 'csaf', 'epss')),
  url TEXT NOT NULL,
  api_key_env TEXT NOT NULL,
  ecosystems TEXT NOT NULL,
  created_at TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0
);

-- The last sync of a source. `cursor` is a JSON object: NVD's mark and the
-- window and page in progress, ETag/Last-Modified per URL, CSAF marks per
-- feed. `api_key_sha256` is the fingerprint of the key used, never the key.
CREATE TABLE feed_sync_state (
  source TEXT PRIMARY KEY REFERENCES feed_sources (name),
  entity TEXT NOT NULL UNIQUE CHECK (entity = 'feed-sync:' || source),
  cursor TEXT NOT NULL,
  last_attempt_at TEXT NOT NULL,
  last_success_at TEXT,
  result TEXT NOT NULL CHECK (result IN ('ok', 'not-modified', 'in-progress', 'failed')),
  message TEXT NOT NULL,
  summary TEXT NOT NULL,
  api_key_sha256 TEXT,
  audit_seq INTEGER NOT NULL DEFAULT 0
);
