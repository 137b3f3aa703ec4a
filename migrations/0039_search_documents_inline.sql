-- Search documents kept whole in their row (docs/search.md, "What a relevance search costs the
-- database"). A row over 2 KB had its tsvector moved out to the TOAST table (one document in six
-- of the SRU benchmark's, more among the best-held ones a broad query ranks), so ranking such a
-- match read its heap page and then the TOAST index and chunks: three blocks where one does. With a
-- tuple target of 8,160 bytes (the most a heap page takes) a row up to a page stays inline and
-- uncompressed; only a larger one is compressed or moved out. The setting applies to rows written
-- from now on: every cluster goes back to the indexer's queue (as in 0018 and 0032), which rewrites
-- the documents in the background while search keeps answering as before.
ALTER TABLE search_documents SET (toast_tuple_target = 8160);
INSERT INTO cluster_changes (cluster_id)
SELECT cluster_id FROM search_documents
ON CONFLICT (cluster_id) DO NOTHING;
