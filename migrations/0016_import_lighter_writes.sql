-- Member records and their normalised form are written whole and read whole (never searched
-- inside by the database, except a few keys of `normalised` when a search document is made), so
-- they are kept as `json` (the text, checked) instead of `jsonb` (parsed into a binary tree on
-- every write and printed back on every read): an import spends a tenth of the database's time
-- on that conversion (docs/import.md).
ALTER TABLE records ALTER COLUMN record TYPE json, ALTER COLUMN normalised TYPE json;
ALTER TABLE record_versions ALTER COLUMN record TYPE json;

-- A holding's and an item's library is their record's library (ingest writes them from it), and
-- deleting a library already removes them through records → holdings → items (ON DELETE
-- CASCADE): the direct references to libraries only cost a check per row on every import.
ALTER TABLE holdings DROP CONSTRAINT holdings_library_id_fkey;
ALTER TABLE items DROP CONSTRAINT items_library_id_fkey;
