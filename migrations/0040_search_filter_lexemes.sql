-- Filter lexemes (docs/search.md, "Filters in the text index"): every search document now also
-- carries its format, language, year bucket, holding libraries, alliances and "available
-- somewhere" as position-less lexemes, so that a search of words with filters is one GIN scan.
-- `filter_lexemes` says which scheme a document was written with (0: none yet); searches filter
-- through the lexemes only while no document is written otherwise, which the partial index answers
-- at once. Every cluster goes back to the indexer's queue (as in 0018, 0032 and 0039): the
-- documents are rewritten in the background while search keeps filtering through the columns.
ALTER TABLE search_documents ADD COLUMN filter_lexemes smallint NOT NULL DEFAULT 0;
CREATE INDEX search_documents_unfiltered ON search_documents (cluster_id) WHERE filter_lexemes <> 1;
INSERT INTO cluster_changes (cluster_id)
SELECT cluster_id FROM search_documents
ON CONFLICT (cluster_id) DO NOTHING;
