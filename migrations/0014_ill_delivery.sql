-- Document delivery, copyright, e-mail notices (issue 5): the scans a lender uploads and the
-- reader's download links, the copyright rules with their ledger and the requests waiting for
-- clearance, and the outbox of e-mail notices. The ill module owns these tables.

-- A scan a lending library uploaded for a copy request. The file lives under
-- <data dir>/ill-copies/; the row outlives it (deleted_at) as the record of what was delivered.
CREATE TABLE ill_copies (
  id             bigserial PRIMARY KEY,
  request_id     bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  supply_id      bigint NOT NULL REFERENCES ill_supplies (id) ON DELETE CASCADE,
  file_name      text NOT NULL,                        -- inside <data dir>/ill-copies/
  original_name  text,
  size_bytes     bigint NOT NULL,
  sha256         text NOT NULL,
  uploaded_by    bigint REFERENCES users (id),
  uploaded_at    timestamptz NOT NULL DEFAULT now(),
  -- The reader's link: valid from delivery for link_days, for max_downloads downloads.
  link_nonce     text NOT NULL,                        -- signed into the link; a new upload makes old links worthless
  link_days      integer NOT NULL,
  max_downloads  integer NOT NULL,
  delivered_at   timestamptz,                          -- handed to the reader: the link works from now
  expires_at     timestamptz,
  downloads      integer NOT NULL DEFAULT 0,
  deleted_at     timestamptz,                          -- the file is gone (expired, used up, replaced)
  deleted_why    text CHECK (deleted_why IN ('expired', 'downloads-used', 'replaced', 'request-closed'))
);
-- One live scan per request: a second upload replaces the first.
CREATE UNIQUE INDEX ill_copies_live ON ill_copies (request_id) WHERE deleted_at IS NULL;
CREATE INDEX ill_copies_expiry ON ill_copies (expires_at) WHERE deleted_at IS NULL;

-- Copyright rules: at most max_copies copies of articles from one journal title per borrowing
-- library per calendar year, for issues published within the last window_years years (CONTU's
-- "rule of five": 5 and 5). A rule belongs to an alliance (its members borrow under it) or, with
-- no alliance, to the whole deployment.
CREATE TABLE ill_copyright_rules (
  id            bigserial PRIMARY KEY,
  alliance_id   bigint REFERENCES alliances (id) ON DELETE CASCADE,
  name          text NOT NULL,
  max_copies    integer NOT NULL CHECK (max_copies >= 0),
  window_years  integer NOT NULL CHECK (window_years >= 1),
  active        boolean NOT NULL DEFAULT true,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Every copy a borrowing library asked for, as the rules count it. Written when the request goes
-- to a lender (within the limit, or cleared by staff with the reason); voided when the request is
-- cancelled before a copy came, so it no longer counts.
CREATE TABLE ill_copyright_ledger (
  id                   bigserial PRIMARY KEY,
  request_id           bigint NOT NULL UNIQUE REFERENCES ill_requests (id) ON DELETE CASCADE,
  borrowing_library_id bigint NOT NULL REFERENCES libraries (id),
  title_key            text NOT NULL,                  -- issn:03064530 or title:<folded title>
  journal              text NOT NULL,
  issn                 text,
  publication_year     integer,                        -- NULL: unknown, counted as recent
  counted_year         integer NOT NULL,               -- the calendar year of the request
  basis                text NOT NULL CHECK (basis IN ('within-limit', 'cleared')),
  reason               text,                           -- for a cleared copy: paid-royalty, fair-use, licence, public-domain, other
  note                 text,
  decided_by           bigint REFERENCES users (id),
  counted_at           timestamptz NOT NULL DEFAULT now(),
  voided_at            timestamptz
);
CREATE INDEX ill_copyright_ledger_count ON ill_copyright_ledger (borrowing_library_id, counted_year, title_key) WHERE voided_at IS NULL;

-- A copy request over a limit, waiting for the borrowing library's staff: what the rules found,
-- and the decision with its reason.
CREATE TABLE ill_copyright_holds (
  id           bigserial PRIMARY KEY,
  request_id   bigint NOT NULL UNIQUE REFERENCES ill_requests (id) ON DELETE CASCADE,
  findings     jsonb NOT NULL,                         -- the rules over their limit: rule, limit, used
  status       text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'approved', 'refused', 'withdrawn')),
  reason       text,
  note         text,
  decided_by   bigint REFERENCES users (id),
  decided_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ill_copyright_holds_waiting ON ill_copyright_holds (created_at) WHERE status = 'waiting';

-- E-mail notices to send: one per request and event (notice_key, unique), so a step taken twice
-- or a sweep run twice never mails twice. A background job sends them with retries; without an
-- SMTP server they stay 'unsent' and the log says so.
CREATE TABLE ill_notices (
  id               bigserial PRIMARY KEY,
  notice_key       text NOT NULL UNIQUE,               -- <request id>:<event>[:<lending row or due date>]
  request_id       bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  event            text NOT NULL,                      -- new-request, shipped, ready-for-pickup, due-soon, overdue, copy-delivered, cancelled
  recipient        text NOT NULL,
  locale           text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  params           jsonb NOT NULL DEFAULT '{}',        -- what the template fills in
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'unsent')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  subject          text,                               -- as sent
  message_id       text,                               -- the SMTP server's
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ill_notices_due ON ill_notices (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ill_notices_request ON ill_notices (request_id, id);

-- How far the follower has read ill_events: notices, copy links and the system's own next steps
-- are derived from the history after each step (one row).
CREATE TABLE ill_event_cursor (
  name           text PRIMARY KEY,
  last_event_id  bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
