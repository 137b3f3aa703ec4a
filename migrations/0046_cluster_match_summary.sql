-- What `decide` compares of a cluster's display record (docs/import.md, session 10): a JSON array
-- (domain/match/match-summary.ts), written with the display record whenever it changes or is
-- rewritten. An import judges candidate clusters by it, read with the cluster's row, instead of
-- reading each candidate's display record from `records` (at 1 M records half the database's
-- work). Clusters written before this migration have none: their display record is read, as
-- before, until a change of their members refreshes them.
ALTER TABLE clusters ADD COLUMN match jsonb;
