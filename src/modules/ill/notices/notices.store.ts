/** SQL of e-mail notices: the outbox, the event follower's cursor, and what a notice needs to know (migrations/0014_ill_delivery.sql). */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import type { Locale } from '../../../platform/i18n.js';
import type { DirectoryVersion } from '../directory.js';
import type { NoticeEvent, NoticeFacts } from './templates.js';

export interface NoticeRow {
  id: number;
  key: string;
  requestId: number;
  event: NoticeEvent;
  recipient: string;
  locale: Locale;
  params: NoticeFacts & { copyId?: number };
  status: 'pending' | 'sent' | 'failed' | 'unsent';
  attempts: number;
  lastError: string | null;
  subject: string | null;
  sentAt: string | null;
}

export interface FollowedEvent {
  id: number;
  requestId: number;
  supplyId: number | null;
  side: 'borrowing' | 'lending';
  fromState: string | null;
  toState: string;
  event: string;
  at: string;
  effects: { type: string; notice?: string }[];
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function noticeOf(r: Record<string, unknown>): NoticeRow {
  return {
    id: Number(r.id), key: r.notice_key as string, requestId: Number(r.request_id), event: r.event as NoticeEvent, recipient: r.recipient as string,
    locale: r.locale as Locale, params: r.params as NoticeRow['params'], status: r.status as NoticeRow['status'], attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null, subject: (r.subject as string | null) ?? null, sentAt: iso(r.sent_at),
  };
}

export const noticesStore = {
  /** Records a notice once: a second one under the same key is ignored. Answers whether it was new. */
  async enqueue(tx: Queryable, n: { key: string; requestId: number; event: NoticeEvent; recipient: string; locale: Locale; params: NoticeRow['params']; unsentBecause?: string }): Promise<boolean> {
    const { rowCount } = await tx.query(
      `INSERT INTO ill_notices (notice_key, request_id, event, recipient, locale, params, status, last_error)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (notice_key) DO NOTHING`,
      [n.key, n.requestId, n.event, n.recipient, n.locale, JSON.stringify(n.params), n.unsentBecause ? 'unsent' : 'pending', n.unsentBecause ?? null],
    );
    return rowCount === 1;
  },

  /**
   * Takes up to `limit` notices due for sending, leasing them for `leaseSeconds` (another node or
   * a later round takes a notice whose sender died) and counting the attempt. Short statements
   * only: nothing is held while the mail server is talked to.
   */
  async claim(db: Queryable, now: string, limit: number, leaseSeconds: number): Promise<NoticeRow[]> {
    const { rows } = await db.query(
      `UPDATE ill_notices SET attempts = attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $3)
        WHERE id IN (SELECT id FROM ill_notices WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, limit, leaseSeconds],
    );
    return rows.map(noticeOf).sort((a, b) => a.id - b.id);
  },

  async markSent(db: Queryable, id: number, subject: string, messageId: string | null): Promise<void> {
    await db.query(`UPDATE ill_notices SET status = 'sent', subject = $2, message_id = $3, sent_at = now(), last_error = NULL WHERE id = $1`, [id, subject, messageId]);
  },

  async markRetry(db: Queryable, id: number, error: string, retryAt: string): Promise<void> {
    await db.query('UPDATE ill_notices SET last_error = $2, next_attempt_at = $3 WHERE id = $1', [id, error.slice(0, 1000), retryAt]);
  },

  async markFinal(db: Queryable, id: number, status: 'failed' | 'unsent', error: string, subject?: string): Promise<void> {
    await db.query('UPDATE ill_notices SET status = $2, last_error = $3, subject = coalesce($4, subject) WHERE id = $1', [id, status, error.slice(0, 1000), subject ?? null]);
  },

  async ofRequest(db: Queryable, requestId: number): Promise<NoticeRow[]> {
    const { rows } = await db.query('SELECT * FROM ill_notices WHERE request_id = $1 ORDER BY id', [requestId]);
    return rows.map(noticeOf);
  },

  /** The e-mail address, language and name of an account. */
  async person(db: Queryable, userId: number): Promise<{ email: string; locale: Locale; name: string } | undefined> {
    const { rows } = await db.query<{ email: string; locale: Locale; display_name: string }>('SELECT email, locale, display_name FROM users WHERE id = $1 AND disabled_at IS NULL', [userId]);
    return rows[0] && { email: rows[0].email, locale: rows[0].locale, name: rows[0].display_name };
  },

  /** Takes the follower's cursor for this transaction (one follower at a time) and answers where it stands. */
  async lockCursor(tx: Queryable, name: string): Promise<number> {
    await tx.query('INSERT INTO ill_event_cursor (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    const { rows } = await tx.query<{ last_event_id: string }>('SELECT last_event_id FROM ill_event_cursor WHERE name = $1 FOR UPDATE', [name]);
    return Number(rows[0]!.last_event_id);
  },

  async moveCursor(tx: Queryable, name: string, lastEventId: number): Promise<void> {
    await tx.query('UPDATE ill_event_cursor SET last_event_id = $2, updated_at = now() WHERE name = $1', [name, lastEventId]);
  },

  /**
   * The history's steps after `after`, older than `before` (a step's transaction may commit a
   * moment after its time), with only the part of each entry's details a follower reads (its
   * effects); and the directory's version, read in the same statement, for the look-ups the
   * followers make after it (directory.ts).
   */
  async eventsAfter(db: Queryable, after: number, before: string, limit: number): Promise<{ events: FollowedEvent[]; directory: DirectoryVersion | undefined }> {
    const { rows } = await db.query(
      prepared(`SELECT e.id, e.request_id, e.supply_id, e.side, e.from_state, e.to_state, e.event, e.at, e.details->'effects' AS effects,
              v.database_id, v.version::text AS version
         FROM ill_events e CROSS JOIN ill_directory_version v
        WHERE e.id > $1 AND e.at <= $2 ORDER BY e.id LIMIT $3`),
      [after, before, limit],
    );
    const events = rows.map((r) => ({
      id: Number(r.id), requestId: Number(r.request_id), supplyId: r.supply_id === null ? null : Number(r.supply_id), side: r.side as FollowedEvent['side'],
      fromState: (r.from_state as string | null) ?? null, toState: r.to_state as string, event: r.event as string, at: iso(r.at)!,
      effects: (r.effects as FollowedEvent['effects'] | null) ?? [],
    }));
    const first = rows[0];
    return { events, directory: first ? { databaseId: first.database_id as string, version: first.version as string } : undefined };
  },

  /** Readers' loans due within `days` days (their due date, else the lender's), not yet noticed for that date. */
  async dueSoon(db: Queryable, today: string, days: number, limit: number): Promise<{ requestId: number; dueDate: string }[]> {
    const { rows } = await db.query<{ id: string; due: string }>(
      `SELECT id, due FROM (
         SELECT id, left(coalesce(context->>'readerDueDate', context->>'dueDate'), 10) AS due FROM ill_requests WHERE state = 'checked-out') d
        WHERE due IS NOT NULL AND due::date BETWEEN $1::date AND $1::date + $2::int
          AND NOT EXISTS (SELECT 1 FROM ill_notices n WHERE n.notice_key = d.id || ':due-soon:' || d.due)
        ORDER BY due, id LIMIT $3`,
      [today, days, limit],
    );
    return rows.map((r) => ({ requestId: Number(r.id), dueDate: r.due }));
  },
};
