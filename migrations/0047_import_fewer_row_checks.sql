-- Catalogue import (issue 3, docs/import.md, session 11): fewer writes and checks per row.
--
-- `clusters` had two indexes led by updated_at — clusters_updated (updated_at) from 0004 and
-- clusters_oai (updated_at, id) from 0007 — and every cluster an import makes or refreshes wrote
-- an entry into each (a refresh sets updated_at, so it is never a HOT update). The only reader of
-- updated_at is OAI-PMH's list by (updated_at, id), which clusters_oai serves, as it serves any
-- range on updated_at alone.
DROP INDEX IF EXISTS clusters_updated;

-- The foreign keys an import checks once per row it writes: a record's library, a holding's
-- record, an item's holding, a cluster's display record. Each check is a query of its own that
-- locks the row referred to (FOR KEY SHARE, written to the WAL); on this machine a check cost
-- three times the plain insert of its row (100,000 rows: 2.6 s against 0.6–0.8 s), and an import
-- makes four per record. These references are written only by ingest (records, holdings and
-- items in one transaction, from ids it has just drawn or read) and by the holdings editor (for
-- a record it has read), as 0036 argued for the references to clusters: a check could only
-- catch a bug. What the keys did on delete is kept, once per statement instead of once per row:
-- deleting a library deletes its records, a deleted record's holdings go and a cluster it
-- displayed shows none, a deleted holding's items go.
ALTER TABLE records DROP CONSTRAINT records_library_id_fkey;
ALTER TABLE holdings DROP CONSTRAINT holdings_record_id_fkey;
ALTER TABLE items DROP CONSTRAINT items_holding_id_fkey;
ALTER TABLE clusters DROP CONSTRAINT clusters_display_record;

CREATE FUNCTION catalog_libraries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM records r USING gone g WHERE r.library_id = g.id;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_libraries_deleted AFTER DELETE ON libraries
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION catalog_libraries_deleted();

CREATE FUNCTION catalog_records_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM holdings h USING gone g WHERE h.record_id = g.id;
  UPDATE clusters c SET display_record_id = NULL FROM gone g WHERE c.display_record_id = g.id;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_records_deleted AFTER DELETE ON records
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION catalog_records_deleted();

CREATE FUNCTION catalog_holdings_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM items i USING gone g WHERE i.holding_id = g.id;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_holdings_deleted AFTER DELETE ON holdings
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION catalog_holdings_deleted();
