-- Staff notes on an interlibrary-loan request (issue 7, the desks): written at the borrowing or a
-- lending desk, read by the staff of the request's libraries only. A note may speak of the reader,
-- so it is blanked with the request's other personal data by the retention (anonymised_at).
-- `client_key`: the desk's key of a note, so that a note sent twice (a retry) is written once.
CREATE TABLE ill_request_notes (
  id            bigserial PRIMARY KEY,
  request_id    bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  library_id    bigint NOT NULL REFERENCES libraries (id),
  author_id     bigint REFERENCES users (id) ON DELETE SET NULL,
  author        text NOT NULL,
  body          text NOT NULL CHECK (length(body) <= 4000),
  client_key    text CHECK (length(client_key) <= 100),
  created_at    timestamptz NOT NULL DEFAULT now(),
  anonymised_at timestamptz,
  UNIQUE (request_id, client_key)
);
CREATE INDEX ill_request_notes_request ON ill_request_notes (request_id, id);
