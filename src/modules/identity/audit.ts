import type { Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';

/** One thing worth remembering who did: a sign-in, or a privileged change. */
export interface AuditEvent {
  /** Who did it; undefined for the system itself or someone not signed in (a failed sign-in). */
  actor: Principal | undefined;
  /** What was done, as `area.verb`: `login`, `login.failed`, `user.create`, `user.grants`, `token.revoke`, `library.update`… */
  action: string;
  /** What it was done to, as `kind:key`: `user:42`, `library:CN-NJU`. */
  target?: string;
  /** The library whose administrators may read the entry (its symbol). */
  library?: string;
  /** The alliance the entry belongs to (its code). */
  alliance?: string;
  details?: Record<string, unknown>;
  ip?: string;
  requestId?: string;
  /** Names the actor when there is no principal, e.g. the e-mail address a failed sign-in gave. */
  actorName?: string;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorId: number | null;
  actor: string;
  action: string;
  target: string | null;
  library: string | null;
  alliance: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

/**
 * Appends an entry to the audit log. Pass the transaction of the change itself, so that the
 * change and its record are written together or not at all. For other modules: import it from
 * the identity module's index.
 */
export async function recordAudit(tx: Queryable, e: AuditEvent): Promise<void> {
  // The CLI's local principal is no row in users: it is named, not referenced.
  const actorId = e.actor && e.actor.via !== 'local' ? e.actor.userId : null;
  const actor = e.actor?.email ?? e.actorName ?? 'system';
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor, action, target, library_id, alliance_id, details, ip, request_id)
     VALUES ($1, $2, $3, $4, (SELECT id FROM libraries WHERE symbol = $5), (SELECT id FROM alliances WHERE code = $6), $7, $8, $9)`,
    [actorId, actor, e.action, e.target ?? null, e.library ?? null, e.alliance ?? null, JSON.stringify(e.details ?? {}), e.ip ?? null, e.requestId ?? null],
  );
}

/**
 * Records one event for each library and alliance it concerns (or once when it concerns none),
 * so that each library's administrators find in their part of the log what touched their library.
 */
export async function recordAuditPerScope(tx: Queryable, e: Omit<AuditEvent, 'library' | 'alliance'>, scopes: { library?: string; alliance?: string }[]): Promise<void> {
  const distinct = new Map<string, { library?: string; alliance?: string }>();
  for (const s of scopes) if (s.library || s.alliance) distinct.set(`${s.library ?? ''}|${s.alliance ?? ''}`, s);
  if (distinct.size === 0) return recordAudit(tx, e);
  for (const s of distinct.values()) await recordAudit(tx, { ...e, ...s });
}

export interface AuditFilter {
  library?: string;
  alliance?: string;
  /** The actor's e-mail address (or 'system'). */
  actor?: string;
  /** An action, or a family of them with a trailing `*`: `user.*`. */
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
  /** Paging: entries older than this id. */
  beforeId?: number;
  limit: number;
}

/** Entries of the audit log, newest first. */
export async function listAudit(db: Queryable, f: AuditFilter): Promise<AuditEntry[]> {
  const action = f.action?.endsWith('*') ? { prefix: f.action.slice(0, -1) } : { exact: f.action };
  const { rows } = await db.query<{
    id: number;
    at: Date;
    actor_id: number | null;
    actor: string;
    action: string;
    target: string | null;
    library: string | null;
    alliance: string | null;
    details: Record<string, unknown>;
    ip: string | null;
    request_id: string | null;
  }>(
    `SELECT e.id, e.at, e.actor_id, e.actor, e.action, e.target, l.symbol AS library, a.code AS alliance, e.details, e.ip, e.request_id
       FROM audit_log e
       LEFT JOIN libraries l ON l.id = e.library_id
       LEFT JOIN alliances a ON a.id = e.alliance_id
      WHERE ($1::text IS NULL OR l.symbol = $1)
        AND ($2::text IS NULL OR a.code = $2)
        AND ($3::text IS NULL OR lower(e.actor) = lower($3))
        AND ($4::text IS NULL OR e.action = $4)
        AND ($5::text IS NULL OR starts_with(e.action, $5))
        AND ($6::text IS NULL OR e.target = $6)
        AND ($7::timestamptz IS NULL OR e.at >= $7)
        AND ($8::timestamptz IS NULL OR e.at < $8)
        AND ($9::bigint IS NULL OR e.id < $9)
      ORDER BY e.id DESC
      LIMIT $10`,
    [
      f.library ?? null,
      f.alliance ?? null,
      f.actor ?? null,
      action.exact ?? null,
      action.prefix ?? null,
      f.target ?? null,
      f.from ?? null,
      f.to ?? null,
      f.beforeId ?? null,
      f.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at),
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    target: r.target,
    library: r.library,
    alliance: r.alliance,
    details: r.details,
    ip: r.ip,
    requestId: r.request_id,
  }));
}
