-- The search index's generation (docs/search.md, "Result cache"): every transaction that writes
-- search documents adds one, so a server that keeps recent answers knows when they went stale —
-- also when another node's indexer wrote them. One row.
CREATE TABLE search_index_state (
  one        boolean PRIMARY KEY DEFAULT true CHECK (one),
  generation bigint NOT NULL DEFAULT 0
);
INSERT INTO search_index_state DEFAULT VALUES;
