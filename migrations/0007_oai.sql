-- OAI-PMH provider (issue 4): lists of clusters in (datestamp, id) order, resumed from a keyset
-- position carried in the resumption token. The pair index serves the order and the keyset
-- comparison `(updated_at, id) > (…)`; it makes the single-column index on updated_at redundant.
CREATE INDEX clusters_oai ON clusters (updated_at, id);
DROP INDEX IF EXISTS clusters_updated;

-- A set per library or alliance: the clusters in which these libraries have records, found from
-- the records side (index only) instead of testing every cluster of the list.
CREATE INDEX records_library_cluster ON records (library_id, cluster_id);
