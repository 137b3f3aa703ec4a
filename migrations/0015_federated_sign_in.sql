-- Federated sign-in, the rest of issue 6: SAML 2.0 and CAS providers beside OpenID Connect, the
-- SAML requests in flight and the assertions and tickets already used (replay), which provider a
-- session came through (single logout), and the retention of readers' data. The identity module
-- owns these tables.

-- One table for every kind of provider: `issuer` is the OpenID issuer, the SAML IdP's entityID or
-- the CAS server's base URL; what only one kind needs is in `settings` (SAML: the IdP's endpoints
-- and signing certificates from its metadata; CAS: the protocol version).
ALTER TABLE identity_providers DROP CONSTRAINT identity_providers_kind_check;
ALTER TABLE identity_providers ADD CONSTRAINT identity_providers_kind_check CHECK (kind IN ('oidc', 'saml', 'cas'));
ALTER TABLE identity_providers ALTER COLUMN client_id DROP NOT NULL;
ALTER TABLE identity_providers ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

-- A SAML AuthnRequest (or LogoutRequest) sent and not yet answered: its ID must come back as the
-- answer's InResponseTo (unsolicited answers are refused); one use, ten minutes.
CREATE TABLE saml_requests (
  id           text PRIMARY KEY,
  provider_id  bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
  return_to    text NOT NULL DEFAULT '/',
  ip           text,                 -- login starts per address are throttled
  created_at   timestamptz NOT NULL DEFAULT now(),
  used_at      timestamptz
);
CREATE INDEX saml_requests_created ON saml_requests (created_at);
CREATE INDEX saml_requests_ip ON saml_requests (ip, created_at DESC);

-- Assertion IDs (SAML) and service tickets (CAS) already accepted, kept until they expire, so a
-- replayed one is refused (SAML Profiles §4.1.4.5).
CREATE TABLE used_credentials (
  provider_id  bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
  credential   text NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (provider_id, credential)
);
CREATE INDEX used_credentials_expiry ON used_credentials (expires_at);

-- A CAS login under way: the service URL carries its key (the CAS server sends the ticket back to it).
CREATE TABLE cas_logins (
  key_hash     text PRIMARY KEY,
  provider_id  bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
  return_to    text NOT NULL DEFAULT '/',
  ip           text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  used_at      timestamptz
);
CREATE INDEX cas_logins_created ON cas_logins (created_at);
CREATE INDEX cas_logins_ip ON cas_logins (ip, created_at DESC);

-- Which provider vouched for a session, and what its single logout needs (SAML NameID and
-- SessionIndex; OpenID the ID token hint is not kept, only the provider).
CREATE TABLE federated_sessions (
  session_hash    text PRIMARY KEY REFERENCES sessions (id_hash) ON DELETE CASCADE,
  provider_id     bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
  name_id         text,
  name_id_format  text,
  session_index   text
);
CREATE INDEX federated_sessions_name_id ON federated_sessions (provider_id, name_id);

-- When a reader's personal data were last made anonymous (the retention job), so it is done once.
ALTER TABLE users ADD COLUMN anonymised_at timestamptz;

-- A library's interlibrary-loan limits per reader category (what ILL eligibility reads through
-- identity's readerStanding); a category without a row has the ILL module's defaults.
CREATE TABLE reader_category_limits (
  library_id               bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  category                 text NOT NULL CHECK (category IN ('student', 'teacher', 'staff', 'external')),
  may_request              boolean NOT NULL DEFAULT true,
  services                 text[] NOT NULL DEFAULT '{loan,copy}' CHECK (services <@ '{loan,copy}'::text[]),
  max_open_requests        integer NOT NULL DEFAULT 20 CHECK (max_open_requests >= 0),
  excluded_material_types  text[] NOT NULL DEFAULT '{}',
  updated_at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (library_id, category)
);
