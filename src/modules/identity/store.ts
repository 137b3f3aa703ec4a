import { prepared, type Queryable } from '../../platform/db/index.js';
import type { Permission, RoleGrant, Role } from '../../platform/http/access.js';
import { forgetKeptTokens } from './token-cache.js';

export interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: 'zh-CN' | 'en';
  must_change_password: boolean;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  scopes: Permission[] | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  last_used_at: Date | null;
}

const tokenColumns = 't.id, t.user_id, t.name, t.scopes, t.expires_at, t.revoked_at, t.created_at, t.last_used_at';

/** The SQL of the identity module: accounts, role grants and API tokens. */
export const identityStore = {
  async insertUser(
    db: Queryable,
    u: { email: string; displayName: string; passwordHash: string | null; locale?: 'zh-CN' | 'en'; mustChangePassword?: boolean },
  ): Promise<UserRow> {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (email, display_name, password_hash, locale, must_change_password) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [u.email, u.displayName, u.passwordHash, u.locale ?? 'zh-CN', u.mustChangePassword ?? false],
    );
    return rows[0]!;
  },

  async userByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    return rows[0];
  },

  async userById(db: Queryable, id: number): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0];
  },

  /**
   * Accounts in id order, a page at a time: all of them, or those holding a role in one library.
   * `q` matches the e-mail address or the name.
   */
  async listUsers(db: Queryable, f: { library?: string; q?: string; disabled?: boolean; afterId?: number; limit: number }): Promise<UserRow[]> {
    const { rows } = await db.query<UserRow>(
      `SELECT u.* FROM users u
        WHERE ($1::text IS NULL OR EXISTS (
                SELECT 1 FROM role_grants g JOIN libraries l ON l.id = g.library_id WHERE g.user_id = u.id AND l.symbol = $1))
          AND ($2::text IS NULL OR u.email ILIKE '%' || $2 || '%' OR u.display_name ILIKE '%' || $2 || '%')
          AND ($3::boolean IS NULL OR (u.disabled_at IS NOT NULL) = $3)
          AND u.id > $4
        ORDER BY u.id
        LIMIT $5`,
      [f.library ?? null, f.q ?? null, f.disabled ?? null, f.afterId ?? 0, f.limit],
    );
    return rows;
  },

  /** Changes the given fields of an account; `disabled` stamps or clears disabled_at. */
  async updateUser(db: Queryable, id: number, c: { displayName?: string; locale?: 'zh-CN' | 'en'; disabled?: boolean }): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>(
      `UPDATE users SET
          display_name = coalesce($2, display_name),
          locale = coalesce($3, locale),
          disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END,
          updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, c.displayName ?? null, c.locale ?? null, c.disabled ?? null],
    );
    forgetKeptTokens();
    return rows[0];
  },

  async setPassword(db: Queryable, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
    await db.query('UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1', [id, passwordHash, mustChange]);
  },

  /** How many enabled accounts other than `exceptUserId` are network administrators. */
  async otherNetworkAdmins(db: Queryable, exceptUserId: number): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(DISTINCT u.id)::int AS n FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE g.role = 'network-admin' AND u.disabled_at IS NULL AND u.id <> $1`,
      [exceptUserId],
    );
    return rows[0]!.n;
  },

  /**
   * Adds a role grant, naming its scope by library symbol or alliance code. Returns false when
   * the library or alliance does not exist.
   */
  async insertGrant(
    db: Queryable,
    g: { userId: number; role: Role; library?: string; alliance?: string; permissions: Permission[] },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO role_grants (user_id, role, library_id, alliance_id, permissions)
       SELECT $1, $2, l.id, a.id, $5
         FROM (SELECT 1) one
         LEFT JOIN libraries l ON l.symbol = $3
         LEFT JOIN alliances a ON a.code = $4
        WHERE ($3::text IS NULL OR l.id IS NOT NULL) AND ($4::text IS NULL OR a.id IS NOT NULL)
       ON CONFLICT (user_id, role, coalesce(library_id, 0), coalesce(alliance_id, 0))
       DO UPDATE SET permissions = EXCLUDED.permissions`,
      [g.userId, g.role, g.library ?? null, g.alliance ?? null, g.permissions],
    );
    forgetKeptTokens();
    return rowCount > 0;
  },

  async deleteGrants(db: Queryable, userId: number): Promise<void> {
    await db.query('DELETE FROM role_grants WHERE user_id = $1', [userId]);
    forgetKeptTokens();
  },

  async grantsOf(db: Queryable, userId: number): Promise<RoleGrant[]> {
    return (await identityStore.grantsOfMany(db, [userId])).get(userId) ?? [];
  },

  /** The grants of several accounts in one query (lists), by account id. */
  async grantsOfMany(db: Queryable, userIds: number[]): Promise<Map<number, RoleGrant[]>> {
    const { rows } = await db.query<{ user_id: number; role: Role; library: string | null; alliance: string | null; permissions: Permission[] }>(
      `SELECT g.user_id, g.role, l.symbol AS library, a.code AS alliance, g.permissions
         FROM role_grants g
         LEFT JOIN libraries l ON l.id = g.library_id
         LEFT JOIN alliances a ON a.id = g.alliance_id
        WHERE g.user_id = ANY($1::bigint[])
        ORDER BY g.id`,
      [userIds],
    );
    const byUser = new Map<number, RoleGrant[]>(userIds.map((id) => [id, []]));
    for (const r of rows) {
      byUser.get(r.user_id)!.push({
        role: r.role,
        permissions: r.permissions,
        ...(r.library ? { library: r.library } : {}),
        ...(r.alliance ? { alliance: r.alliance } : {}),
      });
    }
    return byUser;
  },

  async insertToken(
    db: Queryable,
    t: { userId: number; name: string; tokenHash: string; scopes: Permission[] | null; expiresAt: Date | null },
  ): Promise<TokenRow> {
    const { rows } = await db.query<TokenRow>(
      `INSERT INTO api_tokens (user_id, name, token_hash, scopes, expires_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, user_id, name, scopes, expires_at, revoked_at, created_at, last_used_at`,
      [t.userId, t.name, t.tokenHash, t.scopes, t.expiresAt],
    );
    return rows[0]!;
  },

  /** The live token with this hash and its account (not revoked, not expired, account enabled). */
  async activeToken(db: Queryable, tokenHash: string): Promise<(TokenRow & { email: string; display_name: string }) | undefined> {
    const { rows } = await db.query<TokenRow & { email: string; display_name: string }>(
      `SELECT ${tokenColumns}, u.email, u.display_name
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0];
  },

  /**
   * {@link activeToken} with the account's grants ({@link grantsOf}), in one statement: every
   * API call made with a token asks for both.
   */
  async activeTokenWithGrants(db: Queryable, tokenHash: string): Promise<(TokenRow & { email: string; display_name: string; grants: RoleGrant[] }) | undefined> {
    const { rows } = await db.query<TokenRow & { email: string; display_name: string; grant_rows: { role: Role; library: string | null; alliance: string | null; permissions: Permission[] }[] }>(
      prepared(`SELECT ${tokenColumns}, u.email, u.display_name,
              (SELECT coalesce(json_agg(json_build_object('role', g.role, 'library', l.symbol, 'alliance', a.code, 'permissions', g.permissions) ORDER BY g.id), '[]')
                 FROM role_grants g LEFT JOIN libraries l ON l.id = g.library_id LEFT JOIN alliances a ON a.id = g.alliance_id
                WHERE g.user_id = u.id) AS grant_rows
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`),
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return undefined;
    const { grant_rows: grantRows, ...token } = r;
    return {
      ...token,
      grants: grantRows.map((g) => ({ role: g.role, permissions: g.permissions, ...(g.library ? { library: g.library } : {}), ...(g.alliance ? { alliance: g.alliance } : {}) })),
    };
  },

  async touchToken(db: Queryable, id: number): Promise<void> {
    // At most one write a minute per token: last-use is for people, not an audit trail.
    await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
  },

  /** An account's tokens, newest first (revoked and expired ones too, so their owner sees what happened). */
  async tokensOf(db: Queryable, userId: number): Promise<TokenRow[]> {
    const { rows } = await db.query<TokenRow>(`SELECT ${tokenColumns} FROM api_tokens t WHERE t.user_id = $1 ORDER BY t.id DESC`, [userId]);
    return rows;
  },

  async tokenById(db: Queryable, id: number): Promise<TokenRow | undefined> {
    const { rows } = await db.query<TokenRow>(`SELECT ${tokenColumns} FROM api_tokens t WHERE t.id = $1`, [id]);
    return rows[0];
  },

  async revokeToken(db: Queryable, id: number): Promise<void> {
    await db.query('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
    forgetKeptTokens();
  },
};
