-- Clusters whose union record, holdings or availability changed since the search index last
-- looked (issue 4, "a catalogue change is searchable within 5 seconds"). The catalogue adds a row
-- in the transaction that makes the change; the search indexer takes rows out (DELETE …
-- RETURNING) in the transaction that rewrites their documents, so nothing is lost or done twice.
CREATE TABLE cluster_changes (
  cluster_id bigint PRIMARY KEY,
  changed_at timestamptz NOT NULL DEFAULT now()
);
