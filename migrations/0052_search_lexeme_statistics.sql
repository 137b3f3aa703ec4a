-- More of the documents' lexemes in PostgreSQL's statistics (docs/search.md, session 13, "More words
-- known frequent"): ANALYZE lists a tsvector column's most common lexemes, ten per unit of the
-- column's statistics target — 1,000 at the default target of 100, the rarest of them held by some
-- 0.4 % of the documents (4,300 of 1 M), so a word between the rank cap (2,000) and that share was
-- not known to be frequent: ranked, counted and faceted over every match at each ask. At 1,000 the
-- list holds up to 10,000 lexemes (ANALYZE samples 300,000 rows instead of 30,000). A table's
-- column setting, not the server's; the statistics are made again here so that it holds at once.
ALTER TABLE search_documents ALTER COLUMN document SET STATISTICS 1000;
ANALYZE search_documents (document);
