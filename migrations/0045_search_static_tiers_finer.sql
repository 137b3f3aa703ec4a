-- Finer static-score tiers (docs/search.md, "Static-score tiers", session 9): eight more tiers above
-- `~s4`, which held 15.5 % of a 1 M-cluster network's documents, so that a broad word's best-placed
-- candidates are chosen from a slice of about 1 % of them. Tier scheme 2: the partial index that
-- finds documents written otherwise moves to the new scheme number (search reads it at most once a
-- minute), and every cluster goes back to the indexer's queue (as in 0032 and 0040): the documents
-- are rewritten in the background while search chooses candidates without the tiers.
DROP INDEX search_documents_untiered;
CREATE INDEX search_documents_untiered ON search_documents (cluster_id) WHERE static_tiers <> 2;
INSERT INTO cluster_changes (cluster_id)
SELECT cluster_id FROM search_documents
ON CONFLICT (cluster_id) DO NOTHING;
