-- Search documents now carry title, author and subject words also with their field's tag
-- (docs/search.md, "Field searches"): every cluster goes back to the indexer's queue, which
-- rewrites the documents in the background while search keeps answering. Until a document is
-- rewritten, a field search (title=…) does not find it; a keyword search does.
INSERT INTO cluster_changes (cluster_id)
SELECT cluster_id FROM search_documents
ON CONFLICT (cluster_id) DO NOTHING;
