-- Federated sign-in (issue 6, OpenID Connect part): a library's own identity providers, the
-- accounts they vouch for, the one-time login transactions, and readers' profiles per library.
-- The identity module owns these tables.

-- An identity provider of one library. The client secret is kept encrypted (AES-256-GCM with a key
-- derived from ANYLIB_SECRET) and never returned by the API.
CREATE TABLE identity_providers (
  id                    bigserial PRIMARY KEY,
  library_id            bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  kind                  text NOT NULL CHECK (kind IN ('oidc')),
  name                  text NOT NULL,
  issuer                text NOT NULL,
  client_id             text NOT NULL,
  client_secret_sealed  text,
  scopes                text[] NOT NULL DEFAULT '{openid,email,profile}',
  claims_mapping        jsonb NOT NULL DEFAULT '{}',   -- {subject, email, displayName, category: {claim, values, default}}
  role_rules            jsonb NOT NULL DEFAULT '[]',   -- [{claim, contains|equals, permissions}]
  enabled               boolean NOT NULL DEFAULT true,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_providers_library ON identity_providers (library_id);

-- Who a provider says a person is (its stable subject) → our account: one account per (provider, subject).
CREATE TABLE federated_identities (
  provider_id       bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
  subject           text NOT NULL,
  user_id           bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The staff permissions the provider's role rules gave at the last sign-in, so that the next
  -- sign-in takes away only what the rules gave, never what an administrator granted by hand.
  rule_permissions  text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  last_login_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, subject)
);
CREATE INDEX federated_identities_user ON federated_identities (user_id);

-- A sign-in under way: one use, ten minutes. Only hashes of the state and of the browser binding
-- are kept; the PKCE verifier and the nonce must be kept as they are (they are sent or compared).
CREATE TABLE login_transactions (
  id             bigserial PRIMARY KEY,
  state_hash     text NOT NULL UNIQUE,
  binding_hash   text NOT NULL,          -- sha256 of the browser's anylib_oidc cookie (login CSRF)
  provider_id    bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  return_to      text NOT NULL DEFAULT '/',
  ip             text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  used_at        timestamptz
);
CREATE INDEX login_transactions_ip ON login_transactions (ip, created_at DESC);
CREATE INDEX login_transactions_created ON login_transactions (created_at);

-- A reader of a library: their category there, and whether the library has blocked them.
CREATE TABLE reader_profiles (
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  library_id  bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  category    text NOT NULL CHECK (category IN ('student', 'teacher', 'staff', 'external')),
  blocked     boolean NOT NULL DEFAULT false,
  blocked_reason text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, library_id)
);
CREATE INDEX reader_profiles_library ON reader_profiles (library_id);
