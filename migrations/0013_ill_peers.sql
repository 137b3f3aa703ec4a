-- Interlibrary loan between deployments (issue 5): ISO 18626 peers, requests that came from a
-- peer (this deployment sources them for the peer's library), the lenders that live elsewhere,
-- the message log of POST /iso18626 and the outbox that delivers our messages to peers.

-- A library served by another system (another Anylib deployment, ReShare, …) and where its
-- ISO 18626 endpoint is. A library listed here is never lent from in-process: our messages to
-- it go as XML over HTTP. At most one peer is the upper tier: the deployment a request goes to
-- when this deployment's rota is exhausted (provincial → regional → national).
CREATE TABLE ill_peers (
  library_id  bigint PRIMARY KEY REFERENCES libraries (id) ON DELETE CASCADE,
  url         text NOT NULL CHECK (url ~ '^https?://'),
  version     text NOT NULL DEFAULT '2021' CHECK (version IN ('1.2', '2021')),
  upper_tier  boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ill_peers_one_upper_tier ON ill_peers (upper_tier) WHERE upper_tier;

-- A request a peer sent us (we are its upper tier, or a broker): there is no reader here, the
-- borrowing library is the peer's, and the peer's own request id and the agency it addressed
-- are kept to answer it. One row per peer request, however often the peer sends it.
ALTER TABLE ill_requests ALTER COLUMN reader_id DROP NOT NULL;
ALTER TABLE ill_requests ADD COLUMN peer_request_id text;
ALTER TABLE ill_requests ADD COLUMN peer_agency text;
CREATE UNIQUE INDEX ill_requests_peer ON ill_requests (borrowing_library_id, peer_request_id) WHERE peer_request_id IS NOT NULL;

-- A lender that lives at a peer: its side of the transaction runs there; here the row only
-- names it, and keeps the id the peer gave the request (supplyingAgencyRequestId).
ALTER TABLE ill_supplies ADD COLUMN remote boolean NOT NULL DEFAULT false;
ALTER TABLE ill_supplies ADD COLUMN peer_request_id text;

-- Messages over HTTP: a message that names no request we know is logged too (request_id NULL),
-- a confirmation points at the message it confirms (a repeated message is answered with it).
ALTER TABLE ill_messages ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE ill_messages ADD COLUMN transport text NOT NULL DEFAULT 'in-process' CHECK (transport IN ('in-process', 'http-in', 'http-out'));
ALTER TABLE ill_messages ADD COLUMN confirms bigint REFERENCES ill_messages (id) ON DELETE CASCADE;
ALTER TABLE ill_messages ADD COLUMN peer text;
CREATE INDEX ill_messages_confirms ON ill_messages (confirms) WHERE confirms IS NOT NULL;

-- Our messages on their way to peers, delivered in order per request, at least once (the peer's
-- message key makes it once), with exponential back-off while the peer does not answer. A
-- confirmation (OK or ERROR) ends the delivery: an ERROR is recorded, not sent again.
CREATE TABLE ill_outbox (
  id               bigserial PRIMARY KEY,
  message_id       bigint NOT NULL REFERENCES ill_messages (id) ON DELETE CASCADE,
  request_id       bigint REFERENCES ill_requests (id) ON DELETE CASCADE,
  url              text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  locked_until     timestamptz,
  last_error       text,
  outcome          text,                                   -- the peer's messageStatus: OK or ERROR
  confirmation_id  bigint REFERENCES ill_messages (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz
);
CREATE INDEX ill_outbox_due ON ill_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX ill_outbox_request ON ill_outbox (request_id, id) WHERE status = 'pending';
