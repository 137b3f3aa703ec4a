-- Accounts and roles, local part (issue 2). The identity module owns these tables.
CREATE TABLE users (
  id             bigserial PRIMARY KEY,
  email          text NOT NULL,
  display_name   text NOT NULL DEFAULT '',
  password_hash  text,                       -- argon2id; NULL for accounts that only sign in elsewhere or use tokens
  locale         text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  -- Set for a one-time password an administrator handed out: the first sign-in must replace it.
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- A role in the scope of one library or one alliance (or network-wide for network administrators).
CREATE TABLE role_grants (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('reader', 'library-staff', 'alliance-staff', 'network-admin')),
  library_id   bigint REFERENCES libraries (id) ON DELETE CASCADE,
  alliance_id  bigint REFERENCES alliances (id) ON DELETE CASCADE,
  permissions  text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (role IN ('reader', 'library-staff') AND library_id IS NOT NULL AND alliance_id IS NULL) OR
    (role = 'alliance-staff' AND alliance_id IS NOT NULL AND library_id IS NULL) OR
    (role = 'network-admin' AND library_id IS NULL AND alliance_id IS NULL)
  )
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, coalesce(library_id, 0), coalesce(alliance_id, 0));
CREATE INDEX role_grants_library ON role_grants (library_id);

-- API tokens for systems: only a hash is kept; the secret is shown once when the token is made.
CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  scopes        text[],                      -- NULL: everything its account may do
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id_hash       text PRIMARY KEY,            -- sha256 of the cookie's secret
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Sign-in attempts, failures counted per account and per address for throttling (shared by every node).
CREATE TABLE login_attempts (
  id          bigserial PRIMARY KEY,
  email       text NOT NULL,
  ip          text,
  succeeded   boolean NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email ON login_attempts (lower(email), at DESC);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at DESC);
CREATE INDEX login_attempts_at ON login_attempts (at);

-- Who did what, when: sign-ins and every privileged change. Append-only.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint REFERENCES users (id) ON DELETE SET NULL,
  actor       text NOT NULL,                 -- e-mail or 'system', kept when the account is gone
  action      text NOT NULL,                 -- e.g. 'login', 'library.update', 'user.grant'
  target      text,                          -- e.g. 'library:CN-NJU'
  library_id  bigint REFERENCES libraries (id) ON DELETE SET NULL,
  alliance_id bigint REFERENCES alliances (id) ON DELETE SET NULL,
  details     jsonb NOT NULL DEFAULT '{}',
  ip          text,
  request_id  text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_library ON audit_log (library_id, at DESC);
CREATE INDEX audit_log_alliance ON audit_log (alliance_id, at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC);
