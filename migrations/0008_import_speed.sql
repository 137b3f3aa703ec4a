-- Catalogue import speed (issue 3, docs/import.md).

-- A cluster made by an import is written whole, display record included, before its records
-- (which reference it): the display record reference is checked at commit. Its ON DELETE SET
-- NULL still acts at once.
ALTER TABLE clusters ALTER CONSTRAINT clusters_display_record DEFERRABLE INITIALLY DEFERRED;

-- Holdings problems of stored records (an item's unknown status, a bad due date) are kept with
-- the batch beside its rejects, as warnings: the record itself was stored.
ALTER TABLE import_rejects ADD COLUMN severity text NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning'));
