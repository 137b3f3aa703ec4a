-- Interlibrary loan inside one deployment (issue 5): the borrowing library's requests, the lending
-- library's side of each (one per lender tried), what happened to both, and every ISO 18626
-- message that passed between them. The ill module owns these tables.

-- A reader's request as the borrowing library keeps it (the ISO 18626 requesting agency's side).
CREATE TABLE ill_requests (
  id                   bigserial PRIMARY KEY,
  borrowing_library_id bigint NOT NULL REFERENCES libraries (id),
  reader_id            bigint NOT NULL REFERENCES users (id),
  reader_name          text NOT NULL DEFAULT '',
  reader_email         text,
  placed_by            bigint REFERENCES users (id),         -- staff who placed it for the reader; NULL: the reader
  -- The citation: the catalogue's cluster when known, else typed by hand.
  cluster_id           bigint REFERENCES clusters (id),
  title                text NOT NULL,
  author               text,
  isbn                 text,
  issn                 text,
  publication_year     integer,
  material_type        text NOT NULL DEFAULT 'book',
  service              text NOT NULL CHECK (service IN ('loan', 'copy', 'either')),
  edition              text NOT NULL DEFAULT 'any' CHECK (edition IN ('this', 'any')),
  -- A copy of part of the work: article or chapter.
  article_title        text,
  pages                text,
  volume               text,
  issue                text,
  needed_by            date,
  pickup_location      text,
  note                 text,
  citation_key         text NOT NULL,                       -- the same citation, the same key (duplicate check)
  state                text NOT NULL,
  context              jsonb NOT NULL DEFAULT '{}',         -- what the machine's guards read (service, due date, flags)
  rota                 jsonb NOT NULL DEFAULT '{"ranked":[],"excluded":[]}', -- as buildRota computed it, with reasons
  lender_index         integer NOT NULL DEFAULT -1,         -- position in rota.ranked of the current lender; -1 none yet
  current_supply_id    bigint,                              -- the current lender's ill_supplies row
  version              integer NOT NULL DEFAULT 0,          -- optimistic lock: every change adds one
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ill_requests_reader ON ill_requests (reader_id, created_at DESC);
CREATE INDEX ill_requests_borrowing ON ill_requests (borrowing_library_id, state, updated_at DESC);

-- The lending library's side of one request (the ISO 18626 supplying agency's transaction): one
-- row per lender the request was sent to.
CREATE TABLE ill_supplies (
  id                 bigserial PRIMARY KEY,
  request_id         bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  lending_library_id bigint NOT NULL REFERENCES libraries (id),
  state              text NOT NULL,
  context            jsonb NOT NULL DEFAULT '{}',
  version            integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ill_supplies_lending ON ill_supplies (lending_library_id, state, updated_at DESC);
CREATE INDEX ill_supplies_request ON ill_supplies (request_id);
ALTER TABLE ill_requests ADD CONSTRAINT ill_requests_current_supply FOREIGN KEY (current_supply_id) REFERENCES ill_supplies (id);

-- Every step either side took: the timeline readers see and the record staff audit.
CREATE TABLE ill_events (
  id          bigserial PRIMARY KEY,
  request_id  bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  supply_id   bigint REFERENCES ill_supplies (id) ON DELETE CASCADE,  -- set for the lender's side
  side        text NOT NULL CHECK (side IN ('borrowing', 'lending')),
  from_state  text,                                        -- NULL: the request or supply was created
  to_state    text NOT NULL,
  event       text NOT NULL,                               -- the action, or the message (SupplyingAgencyMessage/StatusChange/Loaned)
  actor       text NOT NULL CHECK (actor IN ('staff', 'reader', 'system', 'peer')),
  actor_user  bigint REFERENCES users (id),
  at          timestamptz NOT NULL DEFAULT now(),
  details     jsonb NOT NULL DEFAULT '{}'                  -- transition, effects, the action's input
);
CREATE INDEX ill_events_request ON ill_events (request_id, id);

-- Every ISO 18626 message passed between the two sides, in full as the codec wrote it. The key
-- (messageKey) is unique: a message seen twice is never applied twice.
CREATE TABLE ill_messages (
  id           bigserial PRIMARY KEY,
  request_id   bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  supply_id    bigint REFERENCES ill_supplies (id) ON DELETE CASCADE,
  direction    text NOT NULL CHECK (direction IN ('to-lender', 'to-borrower')),
  kind         text NOT NULL,                              -- request, supplyingAgencyMessage, … and their confirmations
  message_key  text NOT NULL UNIQUE,
  version      text NOT NULL,                              -- ISO 18626 version written: 1.2 or 2021
  xml          text NOT NULL,
  outcome      text,                                       -- for a confirmation: OK or ERROR
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ill_messages_request ON ill_messages (request_id, id);
