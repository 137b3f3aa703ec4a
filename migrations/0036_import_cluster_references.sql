-- Catalogue import (issue 3, docs/import.md, docs/decisions.md): the cluster a record, a holding
-- or a match key belongs to is written by ingest and re-clustering alone, under the clustering
-- lock, with numbers from the clusters' sequence, and clusters are never deleted (an emptied
-- cluster is kept, pointing to the one it was merged into). The foreign keys on those columns
-- could therefore only ever catch a bug of ingest, and cost every import a check per record,
-- per holding and per key — each locking the cluster's row (FOR KEY SHARE, written to the WAL;
-- a MultiXact when another import refreshes that cluster at the same time). The race tests
-- check that every reference resolves (test/catalog/ingest-race.pg.test.ts).
ALTER TABLE records DROP CONSTRAINT records_cluster_id_fkey;
ALTER TABLE holdings DROP CONSTRAINT holdings_cluster_id_fkey;
ALTER TABLE cluster_keys DROP CONSTRAINT cluster_keys_cluster_id_fkey;
-- Served only that foreign key's ON DELETE CASCADE; keys are looked up by key (the primary key).
DROP INDEX cluster_keys_cluster;
