-- Ranked answers of frequent-word searches, kept fresh by the indexer (docs/search.md, "Frequent
-- words ranked once"). A search the lexeme statistics say may match more than the rank cap is
-- ranked over its best-placed candidates: thousands of matches read and ts_rank-ed for ten hits.
-- Its whole ranked candidate list is kept here once computed. The indexer deletes every entry whose
-- query a document it rewrites or removes matches (before and after, in the same transaction), and
-- an entry is written only while no index write happened since the snapshot it was computed in
-- (search_index_state's generation, locked FOR SHARE): so an entry always equals what ranking the
-- documents now would give.
CREATE TABLE search_ranked_answers (
  query_key   text PRIMARY KEY,
  query       tsquery NOT NULL,
  -- Exact matches up to the count cap; null past it (the total is then estimated, as before).
  total       int,
  cluster_ids bigint[] NOT NULL,
  scores      float8[] NOT NULL,
  -- When it was kept: with the table full, the oldest makes room for a new one.
  kept_at     timestamptz NOT NULL DEFAULT now()
);
