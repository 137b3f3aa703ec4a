-- Union catalogue (issue 3). The catalog module owns these tables.

-- How a member's records and holdings are read: which field holds the local id, which item
-- field its system exports (852, Koha 952, Aleph Z30, Innovative 945, UNIMARC 995), defaults.
CREATE TABLE catalog_profiles (
  library_id     bigint PRIMARY KEY REFERENCES libraries (id) ON DELETE CASCADE,
  local_id_field text NOT NULL DEFAULT '001',       -- '001', or 'TAG$c' e.g. '035$a', '999$c'
  flavour        text NOT NULL DEFAULT 'auto' CHECK (flavour IN ('auto', 'marc21', 'unimarc')),
  charset        text,                               -- NULL: detect
  item_profile   text NOT NULL DEFAULT 'auto',       -- 'auto', 'marc21-852', 'koha-952', 'aleph-z30', 'iii-945', 'unimarc-995', 'none'
  item_mapping   jsonb NOT NULL DEFAULT '{}',        -- per-library overrides of the profile's subfields
  source_priority integer NOT NULL DEFAULT 0,        -- higher wins when choosing a cluster's display record
  harvest        jsonb,                              -- {url, set, prefix, schedule} for OAI-PMH harvesting
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A union record: the cluster of member records that describe one manifestation.
CREATE TABLE clusters (
  id                 bigserial PRIMARY KEY,
  display_record_id  bigint,                         -- the best member record (set after records exist)
  work_key           text,                           -- links editions and translations of one work
  summary            jsonb NOT NULL DEFAULT '{}',    -- title, author, year, format, language … of the display record, for lists
  record_count       integer NOT NULL DEFAULT 0,
  holding_count      integer NOT NULL DEFAULT 0,     -- libraries holding it
  merged_into        bigint REFERENCES clusters (id),-- a cluster merged by staff points to the one it became
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clusters_work ON clusters (work_key);
CREATE INDEX clusters_updated ON clusters (updated_at);

-- Where to look for candidates: every match key of every live member record, with its cluster.
CREATE TABLE cluster_keys (
  key        text NOT NULL,
  cluster_id bigint NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  PRIMARY KEY (key, cluster_id)
);
CREATE INDEX cluster_keys_cluster ON cluster_keys (cluster_id);

-- A member library's record as held: identity is (library, local id).
CREATE TABLE records (
  id            bigserial PRIMARY KEY,
  library_id    bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  local_id      text NOT NULL,
  cluster_id    bigint REFERENCES clusters (id),
  flavour       text NOT NULL CHECK (flavour IN ('marc21', 'unimarc')),
  source_format text NOT NULL,                       -- iso2709, marcxml, marcjson, oai_dc, api
  version       integer NOT NULL DEFAULT 1,
  content_hash  text NOT NULL,                       -- of the record as stored: unchanged input changes nothing
  record        jsonb NOT NULL,                      -- MarcRecord (leader + fields), NFC UTF-8
  normalised    jsonb NOT NULL,                      -- NormalisedRecord
  match_keys    text[] NOT NULL DEFAULT '{}',
  encoding_level text,
  deleted_at    timestamptz,                         -- deleted records stay, so OAI-PMH can say so
  changed_by    bigint REFERENCES users (id) ON DELETE SET NULL, -- who made this version (copied to record_versions when replaced)
  changed_via   text,                                -- how: 'import:<batch id>', 'harvest:<batch id>', 'edit', 'delete'
  encoding_rank smallint NOT NULL DEFAULT 9,         -- display ranking, computed at write time (domain/match/display.ts):
  completeness  integer NOT NULL DEFAULT 0,          --   choosing a display record needs no record documents
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (library_id, local_id)
);
CREATE INDEX records_cluster ON records (cluster_id) WHERE deleted_at IS NULL;
CREATE INDEX records_updated ON records (updated_at);

ALTER TABLE clusters ADD CONSTRAINT clusters_display_record FOREIGN KEY (display_record_id) REFERENCES records (id) ON DELETE SET NULL;

-- Earlier versions of a member record, for cooperative cataloguing (who changed what, when).
CREATE TABLE record_versions (
  record_id    bigint NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  version      integer NOT NULL,
  record       jsonb NOT NULL,
  content_hash text NOT NULL,
  changed_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  changed_via  text NOT NULL,                        -- 'import:<batch id>', 'harvest:<batch id>', 'edit', 'delete'
  changed_at   timestamptz NOT NULL DEFAULT now(),
  note         text,
  PRIMARY KEY (record_id, version)
);

-- Staff decisions on clusters, kept apart from the computed clustering so re-imports obey them.
CREATE TABLE cluster_decisions (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('merge', 'split')),
  -- merge: these member records belong together; split: this record stands apart from the others.
  record_ids   bigint[] NOT NULL,
  reason       text NOT NULL,
  decided_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  decided_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
CREATE INDEX cluster_decisions_records ON cluster_decisions USING gin (record_ids);

-- Holdings of a member record: one per location/call number (852/866 and the item fields).
CREATE TABLE holdings (
  id            bigserial PRIMARY KEY,
  record_id     bigint NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  library_id    bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  cluster_id    bigint REFERENCES clusters (id),
  location      text,
  call_number   text,
  summary       text,                                -- 866 $a: textual holdings of serials
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holdings_record ON holdings (record_id);
CREATE INDEX holdings_cluster ON holdings (cluster_id, library_id);

CREATE TABLE items (
  id             bigserial PRIMARY KEY,
  holding_id     bigint NOT NULL REFERENCES holdings (id) ON DELETE CASCADE,
  library_id     bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  barcode        text,
  location       text,
  call_number    text,
  material_type  text,
  status         text NOT NULL DEFAULT 'available'
                 CHECK (status IN ('available', 'on-loan', 'in-transit', 'missing', 'lost', 'reference-only', 'unavailable')),
  due_date       date,
  status_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX items_barcode ON items (library_id, barcode) WHERE barcode IS NOT NULL;
CREATE INDEX items_holding ON items (holding_id);

-- An import or harvest run: what it read and what became of it.
CREATE TABLE import_batches (
  id           bigserial PRIMARY KEY,
  library_id   bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  job_id       bigint REFERENCES jobs (id) ON DELETE SET NULL,
  kind         text NOT NULL CHECK (kind IN ('upload', 'file', 'harvest', 'api')),
  source       text NOT NULL,                        -- file name, or harvest URL
  format       text,
  flavour      text,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  -- Where a resumed run starts: records already read (file position) or a resumption token.
  checkpoint   jsonb NOT NULL DEFAULT '{}',
  counts       jsonb NOT NULL DEFAULT '{"read":0,"created":0,"updated":0,"unchanged":0,"deleted":0,"rejected":0}',
  started_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX import_batches_library ON import_batches (library_id, started_at DESC);

-- Records that could not be read or stored, kept for inspection with the reason.
CREATE TABLE import_rejects (
  id          bigserial PRIMARY KEY,
  batch_id    bigint NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  position    integer NOT NULL,                      -- 1-based position in the file or harvest
  byte_offset bigint,
  local_id    text,
  problems    jsonb NOT NULL,                        -- [{field, reason, severity}]
  raw         bytea,
  UNIQUE (batch_id, position)
);

-- OAI-PMH identifiers of harvested records, per library: a deleted record's header names only
-- its identifier, and this says which local id (the record's 001 or profile field) it was.
CREATE TABLE harvest_identifiers (
  library_id  bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  identifier  text NOT NULL,
  local_id    text NOT NULL,
  PRIMARY KEY (library_id, identifier)
);
