-- soupkeeper schema version 16 (sqlite): what a re-evaluation after a feed
-- import needs to know of each release without decoding its SBOM (see
-- docs/parts/findings.md, "Incremental evaluation at scale").
--
-- release_match_keys: the match keys of each release's components
-- (match::ComponentKeys, by component ordinal), written by the release's
-- first evaluation, or by the first incremental one of a release evaluated
-- before this schema. By lookup key first: a pass over the portfolio goes
-- from the changed records' keys to the components that carry them.
-- release_keyed: the releases whose keys are stored (a release may have none).
CREATE TABLE release_match_keys (
  lookup_key TEXT NOT NULL,
  product TEXT NOT NULL,
  release_version TEXT NOT NULL,
  component_ordinal INTEGER NOT NULL,
  PRIMARY KEY (lookup_key, product, release_version, component_ordinal)
) WITHOUT ROWID;
CREATE TABLE release_keyed (
  product TEXT NOT NULL,
  release_version TEXT NOT NULL,
  key_count INTEGER NOT NULL,
  PRIMARY KEY (product, release_version),
  FOREIGN KEY (product, release_version) REFERENCES releases (product, version)
);

