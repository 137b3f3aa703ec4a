-- Static-score tiers (docs/search.md, "Static-score tiers"): every search document now carries a
-- lexeme for each static-score tier it reaches, so that a broad query's best-placed matches are
-- found through the text index. `static_tiers` says which tier scheme a document was written with
-- (0: none yet); search uses the tiers only while no document is written otherwise, which the
-- partial index answers at once. Every cluster goes back to the indexer's queue, as in 0018: the
-- documents are rewritten in the background while search keeps answering the way it did.
ALTER TABLE search_documents ADD COLUMN static_tiers smallint NOT NULL DEFAULT 0;
CREATE INDEX search_documents_untiered ON search_documents (cluster_id) WHERE static_tiers <> 1;
INSERT INTO cluster_changes (cluster_id)
SELECT cluster_id FROM search_documents
ON CONFLICT (cluster_id) DO NOTHING;
