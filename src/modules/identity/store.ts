import type { Queryable } from '../../platform/db/index.js';
import type { Permission, RoleGrant, Role } from '../../platform/http/access.js';

export interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: 'zh-CN' | 'en';
  disabled_at: Date | null;
  created_at: Date;
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

/** The SQL of the identity module. */
export const identityStore = {
  async insertUser(db: Queryable, u: { email: string; displayName: string; passwordHash: string | null; locale?: 'zh-CN' | 'en' }): Promise<UserRow> {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (email, display_name, password_hash, locale) VALUES ($1, $2, $3, $4) RETURNING *`,
      [u.email, u.displayName, u.passwordHash, u.locale ?? 'zh-CN'],
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
    return rowCount > 0;
  },

  async grantsOf(db: Queryable, userId: number): Promise<RoleGrant[]> {
    const { rows } = await db.query<{ role: Role; library: string | null; alliance: string | null; permissions: Permission[] }>(
      `SELECT g.role, l.symbol AS library, a.code AS alliance, g.permissions
         FROM role_grants g
         LEFT JOIN libraries l ON l.id = g.library_id
         LEFT JOIN alliances a ON a.id = g.alliance_id
        WHERE g.user_id = $1
        ORDER BY g.id`,
      [userId],
    );
    return rows.map((r) => ({
      role: r.role,
      permissions: r.permissions,
      ...(r.library ? { library: r.library } : {}),
      ...(r.alliance ? { alliance: r.alliance } : {}),
    }));
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
      `SELECT t.id, t.user_id, t.name, t.scopes, t.expires_at, t.revoked_at, t.created_at, t.last_used_at, u.email, u.display_name
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0];
  },

  async touchToken(db: Queryable, id: number): Promise<void> {
    // At most one write a minute per token: last-use is for people, not an audit trail.
    await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
  },
};
