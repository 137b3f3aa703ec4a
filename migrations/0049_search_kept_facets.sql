-- A kept answer's facets (docs/search.md, session 12, "Frequent words' facets kept"): a frequent-word
-- search asked with facets or chosen facet values keeps, beside its ranked list, the counted facet
-- values it was answered with — each group exact (all matches counted) or a sample's counts with
-- the sample's size, scaled to the estimated total when read, as when counted. Null for an answer
-- kept without facets. Forgotten with the row, by the same writer (search_ranked_answers).
ALTER TABLE search_ranked_answers ADD COLUMN facets jsonb;
