-- Catalogue import (issue 3, docs/import.md): what each holder of the clustering lock changed,
-- under its clustering generation (migration 0031). A batch whose plan was made at generation g
-- and that finds the generation moved on under the lock reads the entries from g on: when every
-- holder in between left one, only the keys and clusters named there are read again (the rest
-- of its plan's inputs are as it read them), instead of all of them. A holder that leaves no
-- entry (re-clustering after a staff decision) makes the next batches read everything again.
-- Entries are kept only for a while (each holder drops those far behind its own).
CREATE TABLE clustering_log (
  generation bigint PRIMARY KEY,
  keys       text[] NOT NULL,    -- keys under which a cluster was filed or unfiled
  clusters   bigint[] NOT NULL   -- clusters whose row was written (made, refreshed)
);
