-- Catalogue import (issue 3, docs/import.md, session 11): `clusters` had two indexes led by
-- updated_at — clusters_updated (updated_at) from 0004 and clusters_oai (updated_at, id) from
-- 0007 — and every cluster an import makes or refreshes writes an entry into each (a refresh
-- sets updated_at, so it is never a HOT update). The only reader of updated_at is OAI-PMH's
-- list by (updated_at, id), which clusters_oai serves; any range on updated_at alone it serves too.
DROP INDEX IF EXISTS clusters_updated;
