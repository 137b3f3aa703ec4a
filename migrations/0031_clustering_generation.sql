-- Catalogue import (issue 3, docs/import.md): a counter that every transaction taking the
-- clustering lock moves on, under the lock. A batch reads it before making its cluster plan;
-- finding it unmoved under the lock, it knows that no other import or re-clustering committed
-- anything since, so its plan stands without reading its inputs a second time.
CREATE TABLE clustering_generation (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  n   bigint NOT NULL
);
INSERT INTO clustering_generation (n) VALUES (0);
