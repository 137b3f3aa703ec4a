-- Peers authenticate (issue 5): a shared secret per peer, each way. A message posted to
-- /iso18626 that claims to come from a peer's agency must carry, as `Authorization: Bearer`,
-- the secret we issued to that peer: only its SHA-256 is kept (like API tokens). The secret the
-- peer issued to us is sent on every message we post to it, so it must stay readable; it is
-- never returned by the API.
ALTER TABLE ill_peers ADD COLUMN inbound_secret_hash text;
ALTER TABLE ill_peers ADD COLUMN outbound_secret text;
ALTER TABLE ill_peers ADD COLUMN secrets_updated_at timestamptz;
CREATE INDEX ill_peers_inbound_secret ON ill_peers (inbound_secret_hash) WHERE inbound_secret_hash IS NOT NULL;

-- Which peer a queued message is for: its outbound secret is read when the message is posted
-- (a secret rotated while a message waits is the one sent).
ALTER TABLE ill_outbox ADD COLUMN peer_library_id bigint REFERENCES libraries (id) ON DELETE SET NULL;
