-- The search index (issue 4): one document per live cluster, built from the catalogue by the
-- search module (src/modules/search/pg). Nothing here is the record of truth: `anylib index
-- rebuild` makes it again from the catalogue.
CREATE TABLE search_documents (
  cluster_id        bigint PRIMARY KEY,
  document          tsvector NOT NULL,                 -- weighted: A title, B author, C subject, D the rest (domain/analysis)
  title             text NOT NULL,                     -- as shown
  title_key         text NOT NULL,                     -- folded: sort by title, exact title (CQL ==)
  author            text,
  author_key        text,
  year              integer,
  format            text NOT NULL,
  language          text,
  isbns             text[] NOT NULL DEFAULT '{}',
  subjects          text[] NOT NULL DEFAULT '{}',      -- facet values, as headings read
  authors           text[] NOT NULL DEFAULT '{}',      -- facet values
  library_ids       bigint[] NOT NULL DEFAULT '{}',    -- holding libraries
  alliance_ids      bigint[] NOT NULL DEFAULT '{}',    -- alliances of the holding libraries
  provinces         text[] NOT NULL DEFAULT '{}',      -- provinces of the holding libraries
  libraries         integer NOT NULL DEFAULT 0,
  available_copies  integer NOT NULL DEFAULT 0,
  -- Orders broad results before text ranking (holdings, recency): see docs/search.md "Ranking".
  static_score      real NOT NULL DEFAULT 0,
  indexed_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_documents_text ON search_documents USING gin (document);
CREATE INDEX search_documents_static ON search_documents (static_score DESC, cluster_id);
CREATE INDEX search_documents_year ON search_documents (year, cluster_id);
CREATE INDEX search_documents_title ON search_documents (title_key, cluster_id);
CREATE INDEX search_documents_libraries ON search_documents USING gin (library_ids);
CREATE INDEX search_documents_alliances ON search_documents USING gin (alliance_ids);

-- Holdings by library, for "in my library / alliance / province" and the nearest holding library:
-- their own table rather than an array unnested per query (issue 4, feasibility run).
CREATE TABLE search_holdings (
  cluster_id  bigint NOT NULL REFERENCES search_documents (cluster_id) ON DELETE CASCADE,
  library_id  bigint NOT NULL,
  copies      integer NOT NULL,
  available   integer NOT NULL,
  PRIMARY KEY (cluster_id, library_id)
);
CREATE INDEX search_holdings_available ON search_holdings (library_id, cluster_id) WHERE available > 0;

-- Words of titles and authors with how many documents carry them: "did you mean" by trigram
-- similarity. Counts only grow between rebuilds (a rebuild recounts).
CREATE TABLE search_terms (
  term       text PRIMARY KEY,
  documents  integer NOT NULL
);
CREATE INDEX search_terms_similar ON search_terms USING gin (term gin_trgm_ops);

-- A catalogue loaded before the index existed gets its documents from the indexer's first pages.
INSERT INTO cluster_changes (cluster_id)
SELECT id FROM clusters WHERE display_record_id IS NOT NULL AND merged_into IS NULL
ON CONFLICT (cluster_id) DO NOTHING;
