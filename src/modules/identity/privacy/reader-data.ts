/**
 * Readers' personal data (issue 6, "Privacy"): what Anylib holds about a person, for them to
 * download (GET /api/v1/me/data), and the retention rule that anonymises it a configurable time
 * (ANYLIB_READER_DATA_RETENTION_DAYS, default 90) after the reader's business ends.
 *
 * Other modules that keep readers' data (interlibrary loan: names, e-mail addresses, barcodes in
 * request rows) take part through a ReaderDataHolder they register from their index at start:
 * the export asks every holder for its part, and the daily retention job asks every holder to
 * anonymise what ended before the cut-off. Identity's own part is below.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { anonymiseAuditEntries, readsOf } from './audit-retention.js';

/** The contract for a module that keeps readers' personal data. */
export interface ReaderDataHolder {
  /** The part's name in the export, e.g. `interlibraryLoan`. */
  area: string;
  /** What the module holds about this account, as JSON (the reader's own copy; no other person's data). */
  exportFor(db: Queryable, userId: number): Promise<unknown>;
  /**
   * Removes or anonymises the personal data of whatever ended before `endedBefore` (an ILL request
   * completed, cancelled or unfilled before it), keeping what statistics need (dates, libraries,
   * category, material type, outcome). Idempotent; returns how many rows it changed. Runs in the
   * job's transaction.
   */
  anonymiseEndedBefore(db: Queryable, endedBefore: Date): Promise<number>;
}

const holders = new Map<string, ReaderDataHolder>();

/** Registers a module's part (once per area; a second registration of the area replaces the first). */
export function registerReaderDataHolder(holder: ReaderDataHolder): void {
  holders.set(holder.area, holder);
}

export const readerDataHolders = (): ReaderDataHolder[] => [...holders.values()];

/** Everything identity holds about the account: never a password hash, a token hash or a session secret. */
export async function identityDataOf(db: Queryable, userId: number): Promise<Record<string, unknown> | undefined> {
  const one = async <T>(sql: string): Promise<T[]> => (await db.query<T & Record<string, unknown>>(sql, [userId])).rows;
  const [account] = await one<Record<string, unknown>>(
    `SELECT id, email, display_name AS "displayName", locale, created_at AS "createdAt", updated_at AS "updatedAt", disabled_at AS "disabledAt",
            password_hash IS NOT NULL AS "hasPassword" FROM users WHERE id = $1`,
  );
  if (!account) return undefined;
  return {
    account,
    roles: await one(
      `SELECT g.role, l.symbol AS library, a.code AS alliance, g.permissions, g.created_at AS "createdAt"
         FROM role_grants g LEFT JOIN libraries l ON l.id = g.library_id LEFT JOIN alliances a ON a.id = g.alliance_id WHERE g.user_id = $1 ORDER BY g.id`,
    ),
    readerProfiles: await one(
      `SELECT l.symbol AS library, r.category, r.blocked, r.blocked_reason AS "blockedReason", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
         FROM reader_profiles r JOIN libraries l ON l.id = r.library_id WHERE r.user_id = $1 ORDER BY l.symbol`,
    ),
    signInProviders: await one(
      `SELECT p.id AS provider, p.kind, p.name, l.symbol AS library, f.subject, f.created_at AS "linkedAt", f.last_login_at AS "lastSignInAt"
         FROM federated_identities f JOIN identity_providers p ON p.id = f.provider_id JOIN libraries l ON l.id = p.library_id WHERE f.user_id = $1 ORDER BY p.id`,
    ),
    sessions: await one(
      `SELECT created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent" FROM sessions WHERE user_id = $1 ORDER BY created_at`,
    ),
    apiTokens: await one(
      `SELECT id, name, scopes, created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt" FROM api_tokens WHERE user_id = $1 ORDER BY id`,
    ),
    signInAttempts: await one(
      `SELECT at, ip, succeeded FROM login_attempts WHERE lower(email) = (SELECT lower(email) FROM users WHERE id = $1) ORDER BY at DESC LIMIT 500`,
    ),
    // What was done by the person, and to their account (who read or changed it): the audit log's part about them.
    auditLog: await one(
      `SELECT e.at, e.actor, e.action, e.target, l.symbol AS library, e.ip
         FROM audit_log e LEFT JOIN libraries l ON l.id = e.library_id
        WHERE e.actor_id = $1 OR e.target = 'user:' || $1 OR e.details->>'reader' = $1::text ORDER BY e.id DESC LIMIT 2000`,
    ),
    // Who read the person's data (staff of which library, when): until the retention anonymises these entries.
    readsOfYourData: await readsOf(db, userId),
  };
}

/**
 * Identity's own retention: an account that only ever was a reader, disabled before the cut-off
 * (the reader left), loses its name and address, its links to providers and its sessions; its
 * reader profiles (library, category) stay for the statistics.
 */
export async function anonymiseLeftReaders(db: Queryable, endedBefore: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE users u SET email = 'anonymised-' || u.id || '@readers.invalid', display_name = '', password_hash = NULL, anonymised_at = now(), updated_at = now()
      WHERE u.disabled_at < $1 AND u.anonymised_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role <> 'reader')
      RETURNING u.id`,
    [endedBefore],
  );
  const ids = rows.map((r) => r.id);
  if (ids.length) {
    await db.query('DELETE FROM federated_identities WHERE user_id = ANY($1)', [ids]);
    await db.query('DELETE FROM sessions WHERE user_id = ANY($1)', [ids]);
  }
  return ids.length;
}

/** The retention run: identity's part and every holder's, in one transaction. */
export async function applyRetention(db: Db, retentionDays: number, now = new Date()): Promise<{ endedBefore: Date; changed: Record<string, number> }> {
  const endedBefore = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const changed: Record<string, number> = { identity: await anonymiseLeftReaders(tx, endedBefore) };
    for (const h of readerDataHolders()) changed[h.area] = await h.anonymiseEndedBefore(tx, endedBefore);
    // Last: the entries about readers (also those the steps above anonymised) lose the readers' identifiers.
    changed.auditLog = await anonymiseAuditEntries(tx, endedBefore);
    return { endedBefore, changed };
  });
}
