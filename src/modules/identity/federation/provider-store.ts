import type { Queryable } from '../../../platform/db/index.js';
import type { Permission } from '../../../platform/http/access.js';
import { IdentityErrors } from '../errors.js';
import { LoginFailure } from './failure.js';
import type { ClaimsMapping, ReaderCategory, RoleRule } from './mapping.js';

export type ProviderKind = 'oidc' | 'saml' | 'cas';

/** What only one kind needs. SAML: from the IdP's metadata. CAS: the protocol version. */
export interface ProviderSettings {
  idpMetadataUrl?: string | null;
  idpEntityId?: string | null;
  ssoUrl?: string;
  sloUrl?: string | null;
  certificates?: string[];
  casVersion?: '2.0' | '3.0';
}

export interface ProviderRow {
  id: number;
  library: string;
  kind: ProviderKind;
  name: string;
  issuer: string;
  client_id: string | null;
  client_secret_sealed: string | null;
  scopes: string[];
  claims_mapping: ClaimsMapping;
  role_rules: RoleRule[];
  enabled: boolean;
  settings: ProviderSettings;
  created_at: Date;
  updated_at: Date;
}

export interface TransactionRow {
  id: number;
  provider_id: number;
  binding_hash: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
}

export interface ReaderRow {
  user_id: number;
  library: string;
  email: string;
  display_name: string;
  category: ReaderCategory;
  blocked: boolean;
  blocked_reason: string | null;
  updated_at: Date;
}

const providerColumns = `p.id, l.symbol AS library, p.kind, p.name, p.issuer, p.client_id, p.client_secret_sealed, p.scopes,
  p.claims_mapping, p.role_rules, p.enabled, p.settings, p.created_at, p.updated_at`;

/** The SQL of federated sign-in: providers, federated identities, login transactions, reader profiles. */
export const providerStore = {
  async insert(
    db: Queryable,
    p: {
      library: string;
      kind: ProviderKind;
      name: string;
      issuer: string;
      clientId: string | null;
      sealedSecret: string | null;
      scopes: string[];
      claims: ClaimsMapping;
      rules: RoleRule[];
      enabled: boolean;
      settings: ProviderSettings;
    },
  ): Promise<ProviderRow | undefined> {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO identity_providers (library_id, kind, name, issuer, client_id, client_secret_sealed, scopes, claims_mapping, role_rules, enabled, settings)
       SELECT l.id, $10, $2, $3, $4, $5, $6, $7, $8, $9, $11 FROM libraries l WHERE l.symbol = $1
       RETURNING id`,
      [p.library, p.name, p.issuer, p.clientId, p.sealedSecret, p.scopes, JSON.stringify(p.claims), JSON.stringify(p.rules), p.enabled, p.kind, JSON.stringify(p.settings)],
    );
    return rows[0] ? providerStore.byId(db, rows[0].id) : undefined;
  },

  async byId(db: Queryable, id: number): Promise<ProviderRow | undefined> {
    const { rows } = await db.query<ProviderRow>(`SELECT ${providerColumns} FROM identity_providers p JOIN libraries l ON l.id = p.library_id WHERE p.id = $1`, [id]);
    return rows[0];
  },

  async ofLibrary(db: Queryable, library: string): Promise<ProviderRow[]> {
    const { rows } = await db.query<ProviderRow>(
      `SELECT ${providerColumns} FROM identity_providers p JOIN libraries l ON l.id = p.library_id WHERE l.symbol = $1 ORDER BY p.id`,
      [library],
    );
    return rows;
  },

  /** Every library's providers, in the order they were added (the directory's export). */
  async all(db: Queryable): Promise<ProviderRow[]> {
    const { rows } = await db.query<ProviderRow>(`SELECT ${providerColumns} FROM identity_providers p JOIN libraries l ON l.id = p.library_id ORDER BY p.id`);
    return rows;
  },

  async update(
    db: Queryable,
    id: number,
    c: {
      name?: string;
      issuer?: string;
      clientId?: string;
      sealedSecret?: string | null;
      scopes?: string[];
      claims?: ClaimsMapping;
      rules?: RoleRule[];
      enabled?: boolean;
      settings?: ProviderSettings;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE identity_providers SET
          name = coalesce($2, name), issuer = coalesce($3, issuer), client_id = coalesce($4, client_id),
          client_secret_sealed = CASE WHEN $5::boolean THEN $6 ELSE client_secret_sealed END,
          scopes = coalesce($7, scopes), claims_mapping = coalesce($8, claims_mapping), role_rules = coalesce($9, role_rules),
          enabled = coalesce($10, enabled), settings = coalesce($11, settings), updated_at = now()
        WHERE id = $1`,
      [
        id,
        c.name ?? null,
        c.issuer ?? null,
        c.clientId ?? null,
        c.sealedSecret !== undefined,
        c.sealedSecret ?? null,
        c.scopes ?? null,
        c.claims ? JSON.stringify(c.claims) : null,
        c.rules ? JSON.stringify(c.rules) : null,
        c.enabled ?? null,
        c.settings ? JSON.stringify(c.settings) : null,
      ],
    );
  },

  async delete(db: Queryable, id: number): Promise<void> {
    await db.query('DELETE FROM identity_providers WHERE id = $1', [id]);
  },

  // --- login transactions

  async insertTransaction(
    db: Queryable,
    t: { stateHash: string; bindingHash: string; providerId: number; nonce: string; codeVerifier: string; returnTo: string; ip: string | null },
  ): Promise<void> {
    await db.query(
      `INSERT INTO login_transactions (state_hash, binding_hash, provider_id, nonce, code_verifier, return_to, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [t.stateHash, t.bindingHash, t.providerId, t.nonce, t.codeVerifier, t.returnTo, t.ip],
    );
  },

  /** Login starts from one client address within the window, newest first (throttling). */
  async startsFrom(db: Queryable, ip: string, windowSeconds: number, limit: number): Promise<{ now: Date; starts: Date[] }> {
    const { rows } = await db.query<{ now: Date; starts: Date[] | null }>(
      `SELECT now() AS now, (SELECT array_agg(created_at ORDER BY created_at DESC) FROM (
          SELECT created_at FROM (
            SELECT created_at FROM login_transactions WHERE ip = $1 AND created_at > now() - make_interval(secs => $2)
            UNION ALL SELECT created_at FROM saml_requests WHERE ip = $1 AND created_at > now() - make_interval(secs => $2)
            UNION ALL SELECT created_at FROM cas_logins WHERE ip = $1 AND created_at > now() - make_interval(secs => $2)) a
           ORDER BY created_at DESC LIMIT $3) s) AS starts`,
      [ip, windowSeconds, limit],
    );
    return { now: new Date(rows[0]!.now), starts: (rows[0]!.starts ?? []).map((d) => new Date(d)) };
  },

  /**
   * Takes the transaction of this state for good (one use, RFC 6749 §10.12): marks it used and
   * returns it, or says why not — unknown, already used, older than `maxAgeSeconds`.
   */
  async consumeTransaction(
    db: Queryable,
    stateHash: string,
    maxAgeSeconds: number,
  ): Promise<{ ok: true; tx: TransactionRow } | { ok: false; reason: 'unknown-state' | 'replayed-state' | 'expired-state' }> {
    const { rows } = await db.query<TransactionRow>(
      `UPDATE login_transactions SET used_at = now()
        WHERE state_hash = $1 AND used_at IS NULL AND created_at > now() - make_interval(secs => $2)
        RETURNING id, provider_id, binding_hash, nonce, code_verifier, return_to`,
      [stateHash, maxAgeSeconds],
    );
    if (rows[0]) return { ok: true, tx: rows[0] };
    const { rows: seen } = await db.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM login_transactions WHERE state_hash = $1', [stateHash]);
    if (!seen[0]) return { ok: false, reason: 'unknown-state' };
    return { ok: false, reason: seen[0].used ? 'replayed-state' : 'expired-state' };
  },

  /**
   * Deletes transactions and SAML/CAS logins older than a day (used or not: they only serve the
   * replay check meanwhile), and used assertion ids and tickets past their expiry.
   */
  async purgeTransactions(db: Queryable): Promise<number> {
    let n = 0;
    for (const sql of [
      `DELETE FROM login_transactions WHERE created_at < now() - interval '1 day'`,
      `DELETE FROM saml_requests WHERE created_at < now() - interval '1 day'`,
      `DELETE FROM cas_logins WHERE created_at < now() - interval '1 day'`,
      `DELETE FROM used_credentials WHERE expires_at < now()`,
    ])
      n += (await db.query(sql)).rowCount;
    return n;
  },

  /** Records an assertion id or a ticket as used until `expiresAt`; false when it was used already (a replay). */
  async useCredential(db: Queryable, providerId: number, credential: string, expiresAt: Date): Promise<boolean> {
    const r = await db.query('INSERT INTO used_credentials (provider_id, credential, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [providerId, credential, expiresAt]);
    return r.rowCount > 0;
  },

  async credentialUsed(db: Queryable, providerId: number, credential: string): Promise<boolean> {
    const { rows } = await db.query('SELECT 1 FROM used_credentials WHERE provider_id = $1 AND credential = $2', [providerId, credential]);
    return rows.length > 0;
  },

  // --- federated identities

  async identity(db: Queryable, providerId: number, subject: string): Promise<{ user_id: number; rule_permissions: Permission[] } | undefined> {
    const { rows } = await db.query<{ user_id: number; rule_permissions: Permission[] }>(
      'SELECT user_id, rule_permissions FROM federated_identities WHERE provider_id = $1 AND subject = $2 FOR UPDATE',
      [providerId, subject],
    );
    return rows[0];
  },

  /** Links the subject to the account; false when another sign-in linked it first (the unique key). */
  async insertIdentity(db: Queryable, i: { providerId: number; subject: string; userId: number; rulePermissions: Permission[] }): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO federated_identities (provider_id, subject, user_id, rule_permissions) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [i.providerId, i.subject, i.userId, i.rulePermissions],
    );
    return r.rowCount > 0;
  },

  async touchIdentity(db: Queryable, providerId: number, subject: string, rulePermissions: Permission[]): Promise<void> {
    await db.query('UPDATE federated_identities SET last_login_at = now(), rule_permissions = $3 WHERE provider_id = $1 AND subject = $2', [
      providerId,
      subject,
      rulePermissions,
    ]);
  },

  /** Serialises the first sign-ins of one subject, so that two tabs cannot make two accounts. */
  async lockSubject(tx: Queryable, providerId: number, subject: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('anylib.federated:' || $1::text || ':' || $2))`, [providerId, subject]);
  },

  // --- reader profiles

  async reader(db: Queryable, userId: number, library: string): Promise<ReaderRow | undefined> {
    const { rows } = await db.query<ReaderRow>(
      `SELECT r.user_id, l.symbol AS library, u.email, u.display_name, r.category, r.blocked, r.blocked_reason, r.updated_at
         FROM reader_profiles r JOIN libraries l ON l.id = r.library_id JOIN users u ON u.id = r.user_id
        WHERE r.user_id = $1 AND l.symbol = $2`,
      [userId, library],
    );
    return rows[0];
  },

  async upsertReader(db: Queryable, r: { userId: number; library: string; category: ReaderCategory }): Promise<void> {
    await db.query(
      `INSERT INTO reader_profiles (user_id, library_id, category) SELECT $1, l.id, $3 FROM libraries l WHERE l.symbol = $2
       ON CONFLICT (user_id, library_id) DO UPDATE SET category = EXCLUDED.category,
         updated_at = CASE WHEN reader_profiles.category = EXCLUDED.category THEN reader_profiles.updated_at ELSE now() END`,
      [r.userId, r.library, r.category],
    );
  },

  async updateReader(db: Queryable, userId: number, library: string, c: { category?: ReaderCategory; blocked?: boolean; blockedReason?: string | null }): Promise<void> {
    await db.query(
      `UPDATE reader_profiles r SET category = coalesce($3, r.category), blocked = coalesce($4, r.blocked),
          blocked_reason = CASE WHEN coalesce($4, r.blocked) = false THEN NULL WHEN $5::boolean THEN $6 ELSE r.blocked_reason END,
          updated_at = now()
         FROM libraries l WHERE l.id = r.library_id AND r.user_id = $1 AND l.symbol = $2`,
      [userId, library, c.category ?? null, c.blocked ?? null, c.blockedReason !== undefined, c.blockedReason ?? null],
    );
  },
};

/** The provider a sign-in goes through: it exists, is of this kind, and is switched on; otherwise a LoginFailure. */
export async function usableProviderOf(db: Queryable, id: number, kind: ProviderKind): Promise<ProviderRow> {
  const p = id > 0 ? await providerStore.byId(db, id) : undefined;
  if (!p || p.kind !== kind) throw new LoginFailure(IdentityErrors.IDENTITY_PROVIDER_NOT_FOUND({ id }), p ? `provider ${id} is ${p.kind}, not ${kind}` : 'unknown-provider');
  if (!p.enabled) throw new LoginFailure(IdentityErrors.IDENTITY_PROVIDER_DISABLED({ name: p.name }), 'provider-disabled');
  return p;
}
