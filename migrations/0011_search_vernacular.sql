-- Hits show the title and author in their own script when the record's 245/1XX are romanised
-- (MARC 21 880): a reader who searched 中国 sees 中国哲学新论, not only "Zhongguo zhe xue xin lun".
ALTER TABLE search_documents ADD COLUMN title_vernacular text, ADD COLUMN author_vernacular text;

-- Documents written before this have none: the indexer redoes them.
INSERT INTO cluster_changes (cluster_id) SELECT cluster_id FROM search_documents ON CONFLICT (cluster_id) DO NOTHING;
