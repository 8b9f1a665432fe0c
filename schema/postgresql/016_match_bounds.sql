-- soupkeeper schema version 16 (postgresql): version bounds in the match
-- index (docs/matching.md, "Version pre-filter").
--
-- match_index.bounds: what the record says, under the row's key, of the
-- versions it can concern (match::EncodeBounds); NULL rules out none. A scan
-- reads a record for a component only when the bounds of a key that reaches
-- it do not rule the component's version out.
-- match_index_form: the form of the index, one row, written by each refresh.
-- None, or an older form (an index without bounds), makes the next refresh
-- re-index every record, audited as any refresh. Derived data, as the index
-- itself: not audited.
ALTER TABLE match_index ADD COLUMN bounds TEXT;
CREATE TABLE match_index_form (form INTEGER NOT NULL);
