import type { Queryable } from '../../platform/db/index.js';

/** A live session with what authentication needs of its account. */
export interface ActiveSession {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  email: string;
  display_name: string;
  must_change_password: boolean;
}

/**
 * How long a session lives: it ends after `idle` without a request, and in any case `absolute`
 * after sign-in (issue 2: sessions, local part).
 */
export const sessionLifetime: SessionLifetime = { idleSeconds: 12 * 3600, absoluteSeconds: 30 * 24 * 3600 };

/** The configured lifetime (ANYLIB_SESSION_IDLE_MINUTES, ANYLIB_SESSION_MAX_HOURS; Config.sessions). */
export interface SessionLifetime {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** The SQL of sessions and sign-in attempts. */
export const sessionStore = {
  async insertSession(
    db: Queryable,
    s: { idHash: string; userId: number; csrfToken: string; ip: string | null; userAgent: string | null },
    lifetime: SessionLifetime = sessionLifetime,
  ): Promise<{ created_at: Date; expires_at: Date }> {
    const { rows } = await db.query<{ created_at: Date; expires_at: Date }>(
      `INSERT INTO sessions (id_hash, user_id, csrf_token, ip, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => least($6::int, $7::int)))
       RETURNING created_at, expires_at`,
      [s.idHash, s.userId, s.csrfToken, s.ip, s.userAgent?.slice(0, 500) ?? null, lifetime.idleSeconds, lifetime.absoluteSeconds],
    );
    return rows[0]!;
  },

  /**
   * The unexpired session with this hash, of an enabled account. With `lifetime` (the configured
   * one) the idle and absolute limits are checked as they are now, so a shorter setting applies to
   * the sessions already open too.
   */
  async activeSession(db: Queryable, idHash: string, lifetime?: SessionLifetime): Promise<ActiveSession | undefined> {
    const { rows } = await db.query<ActiveSession>(
      `SELECT s.id_hash, s.user_id, s.csrf_token, s.expires_at, s.last_seen_at, u.email, u.display_name, u.must_change_password
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL
          AND ($2::int IS NULL OR s.last_seen_at > now() - make_interval(secs => $2))
          AND ($3::int IS NULL OR s.created_at > now() - make_interval(secs => $3))`,
      [idHash, lifetime?.idleSeconds ?? null, lifetime?.absoluteSeconds ?? null],
    );
    return rows[0];
  },

  /**
   * Slides the idle expiry forward, never past the absolute one. At most one write a minute per
   * session, so that reading pages does not turn into writes.
   */
  async touchSession(db: Queryable, idHash: string, lifetime: SessionLifetime = sessionLifetime): Promise<void> {
    await db.query(
      `UPDATE sessions
          SET last_seen_at = now(),
              expires_at = least(now() + make_interval(secs => $2), created_at + make_interval(secs => $3))
        WHERE id_hash = $1 AND last_seen_at < now() - interval '1 minute'`,
      [idHash, lifetime.idleSeconds, lifetime.absoluteSeconds],
    );
  },

  async deleteSession(db: Queryable, idHash: string): Promise<void> {
    await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  },

  /** Ends every session of an account (disabled, password changed), but the one named in `except`. */
  async deleteSessionsOf(db: Queryable, userId: number, except?: string): Promise<number> {
    const { rowCount } = await db.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2', [userId, except ?? null]);
    return rowCount;
  },

  /**
   * Serialises sign-in attempts for one e-mail address across every node until the transaction
   * ends, so that parallel guesses cannot all slip under the limit together.
   */
  async lockEmail(tx: Queryable, email: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('anylib.sign-in:' || lower($1)))`, [email]);
  },

  /** The failures that count for throttling: per e-mail address since its last success, and per client address; the database's clock. */
  async attemptHistory(
    db: Queryable,
    q: { email: string; ip: string | null; windowSeconds: number; limit: number },
  ): Promise<{ now: Date; accountFailures: Date[]; addressFailures: Date[] }> {
    const { rows } = await db.query<{ now: Date; account: Date[] | null; address: Date[] | null }>(
      `SELECT now() AS now,
              (SELECT array_agg(at ORDER BY at DESC) FROM (
                 SELECT at FROM login_attempts
                  WHERE lower(email) = lower($1) AND NOT succeeded AND at > now() - make_interval(secs => $3)
                    AND at > coalesce((SELECT max(at) FROM login_attempts WHERE lower(email) = lower($1) AND succeeded), '-infinity')
                  ORDER BY at DESC LIMIT $4) a) AS account,
              (SELECT array_agg(at ORDER BY at DESC) FROM (
                 SELECT at FROM login_attempts
                  WHERE $2::text IS NOT NULL AND ip = $2 AND NOT succeeded AND at > now() - make_interval(secs => $3)
                  ORDER BY at DESC LIMIT $4) b) AS address`,
      [q.email, q.ip, q.windowSeconds, q.limit],
    );
    const r = rows[0]!;
    return { now: new Date(r.now), accountFailures: (r.account ?? []).map((d) => new Date(d)), addressFailures: (r.address ?? []).map((d) => new Date(d)) };
  },

  /** Records an attempt as failed; it is marked succeeded once the password proved right. */
  async insertAttempt(db: Queryable, a: { email: string; ip: string | null }): Promise<number> {
    const { rows } = await db.query<{ id: number }>('INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, false) RETURNING id', [
      a.email,
      a.ip,
    ]);
    return rows[0]!.id;
  },

  async markSucceeded(db: Queryable, attemptId: number): Promise<void> {
    await db.query('UPDATE login_attempts SET succeeded = true WHERE id = $1', [attemptId]);
  },

  /** Deletes sessions past their expiry and sign-in attempts older than `keepDays`. */
  async purge(db: Queryable, keepDays: number): Promise<{ sessions: number; loginAttempts: number }> {
    const sessions = await db.query('DELETE FROM sessions WHERE expires_at <= now()');
    const attempts = await db.query('DELETE FROM login_attempts WHERE at < now() - make_interval(days => $1)', [keepDays]);
    return { sessions: sessions.rowCount, loginAttempts: attempts.rowCount };
  },
};
