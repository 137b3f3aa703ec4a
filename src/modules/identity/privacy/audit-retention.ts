/**
 * The audit log's part of the retention (issue 6, privacy): the log says who read whose data, so
 * it holds readers' personal identifiers itself — the reader as the subject of an entry (`user:42`,
 * an ILL request's `details.reader`, a list's `details.shown`) and as its actor (their sign-ins,
 * with the address they came from, and e-mail addresses typed into a failed sign-in). Once an
 * entry is older than the retention (ANYLIB_READER_DATA_RETENTION_DAYS), these are replaced; the
 * action, the time, the staff member who acted, the library and the counts stay, so the log still
 * answers "how often did staff of this library read readers' data".
 *
 * Until then a reader finds in their own copy (GET /api/v1/me/data) who read their data, where
 * and when (`readsOfYourData`).
 *
 * A reader is an account that only ever was a reader (no grant of another role), as for
 * identity's own retention: staff stay named, as the actors the log is kept for.
 */
import type { Queryable } from '../../../platform/db/index.js';

/** What stands in for a reader in an anonymised entry. */
export const anonymisedReader = 'anonymised reader';

const isReader = (column: string) => `EXISTS (SELECT 1 FROM users r WHERE r.id = ${column}
     AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = r.id AND g.role <> 'reader'))`;

/** The id in `user:42`, when the target names an account. */
const targetUser = `(CASE WHEN e.target ~ '^user:[0-9]+$' THEN substr(e.target, 6)::bigint END)`;
const detailsReader = `(CASE WHEN jsonb_typeof(e.details->'reader') = 'number' THEN (e.details->>'reader')::bigint END)`;

/**
 * Anonymises readers' identifiers in entries written before `before`. Idempotent (a changed entry
 * no longer matches); returns how many entries changed. Runs in the retention job's transaction.
 */
export async function anonymiseAuditEntries(db: Queryable, before: Date): Promise<number> {
  const changed = new Set<string>();
  const run = async (sql: string) => {
    for (const r of (await db.query<{ id: string }>(sql, [before])).rows) changed.add(String(r.id));
  };
  // The reader as actor: their own sign-ins, downloads, requests. Who they were and where from goes.
  await run(
    `UPDATE audit_log e SET actor = '${anonymisedReader}', actor_id = NULL, ip = NULL
      WHERE e.at < $1 AND e.actor_id IS NOT NULL AND ${isReader('e.actor_id')} RETURNING e.id`,
  );
  // A failed sign-in names whatever address was typed: unless it is a staff member's, it goes.
  await run(
    `UPDATE audit_log e SET actor = '${anonymisedReader}', ip = NULL
      WHERE e.at < $1 AND e.actor_id IS NULL AND e.action = 'login.failed' AND e.actor NOT IN ('system', '${anonymisedReader}')
        AND NOT EXISTS (SELECT 1 FROM users s JOIN role_grants g ON g.user_id = s.id AND g.role <> 'reader' WHERE lower(s.email) = lower(e.actor))
      RETURNING e.id`,
  );
  // The reader as subject: an account read or changed, an ILL request read.
  // The account's e-mail address and name written into the entry go with it (changes of them too).
  await run(
    `UPDATE audit_log e SET target = 'user:anonymised', details = e.details - 'email' - 'displayName' - 'blockedReason'
      WHERE e.at < $1 AND ${targetUser} IS NOT NULL AND ${isReader(targetUser)} RETURNING e.id`,
  );
  await run(
    `UPDATE audit_log e SET details = (e.details - 'reader') || '{"reader": "anonymised"}'::jsonb
      WHERE e.at < $1 AND ${detailsReader} IS NOT NULL AND ${isReader(detailsReader)} RETURNING e.id`,
  );
  // Account lists: which accounts were shown, and what was searched for, become a count.
  await run(
    `UPDATE audit_log e SET details = (e.details - 'shown' - 'q') || jsonb_build_object('shownCount', jsonb_array_length(e.details->'shown'), 'q', CASE WHEN e.details->>'q' IS NULL THEN NULL ELSE 'removed' END)
      WHERE e.at < $1 AND e.action = 'user.list' AND jsonb_typeof(e.details->'shown') = 'array' RETURNING e.id`,
  );
  return changed.size;
}

/**
 * Who read this person's data, where and when: entries by someone else that name the person as
 * their subject (an account read, a reader's profile, an ILL request, a list that showed them).
 */
export async function readsOf(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    `SELECT e.at, e.actor AS "by", l.symbol AS library, e.action, e.target
       FROM audit_log e LEFT JOIN libraries l ON l.id = e.library_id
      WHERE e.actor_id IS DISTINCT FROM $1
        AND (e.target = 'user:' || $1 OR e.details->>'reader' = $1::text
             OR (e.action = 'user.list' AND jsonb_typeof(e.details->'shown') = 'array' AND e.details->'shown' @> to_jsonb($1::bigint)))
      ORDER BY e.id DESC LIMIT 2000`,
    [userId],
  );
  return rows;
}
