/**
 * The SQL of readers' personal data in interlibrary loan (issue 6, "Privacy"): a reader's own
 * requests for their copy of what Anylib holds, and the anonymisation of requests that ended.
 */
import type { Queryable } from '../../platform/db/index.js';

export interface ReaderRequestCopy {
  id: number;
  library: string;
  title: string;
  author: string | null;
  service: string;
  state: string;
  readerName: string;
  readerEmail: string | null;
  neededBy: string | null;
  pickupLocation: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  anonymisedAt: string | null;
  timeline: { at: string; event: string; state: string }[];
}

/** ISO 18626 keeps the reader in `patronInfo` (optional in both versions): the log keeps the rest. */
const PATRON_INFO = '<([A-Za-z0-9_.-]+:)?patronInfo[ >/].*?</([A-Za-z0-9_.-]+:)?patronInfo>|<([A-Za-z0-9_.-]+:)?patronInfo/>';

export const readerDataStore = {
  async requestsOf(db: Queryable, userId: number): Promise<ReaderRequestCopy[]> {
    const { rows } = await db.query<ReaderRequestCopy>(
      `SELECT r.id::int AS id, l.symbol AS library, r.title, r.author, r.service, r.state, r.reader_name AS "readerName", r.reader_email AS "readerEmail",
              r.needed_by::text AS "neededBy", r.pickup_location AS "pickupLocation", r.note, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
              r.anonymised_at AS "anonymisedAt",
              coalesce((SELECT json_agg(json_build_object('at', e.at, 'event', e.event, 'state', e.to_state) ORDER BY e.id)
                          FROM ill_events e WHERE e.request_id = r.id AND e.side = 'borrowing'), '[]') AS timeline
         FROM ill_requests r JOIN libraries l ON l.id = r.borrowing_library_id
        WHERE r.reader_id = $1 ORDER BY r.id`,
      [userId],
    );
    return rows;
  },

  /**
   * Requests that ended (completed or cancelled) before `endedBefore` lose the reader's name,
   * e-mail address and note, the reader in their ISO 18626 messages and the addresses of their
   * e-mail notices; dates, libraries, service, material type and states stay for the statistics.
   * Each request once (`anonymised_at`); returns how many. Its version moves on, as at every
   * change of the row: a server that remembers the row (recent-rows.ts) reads it again.
   */
  async anonymiseEndedBefore(db: Queryable, endedBefore: Date): Promise<number> {
    const { rows } = await db.query<{ n: string }>(
      `WITH ended AS (
         UPDATE ill_requests SET reader_name = '', reader_email = NULL, note = NULL, anonymised_at = now(), version = version + 1
          WHERE anonymised_at IS NULL AND state IN ('completed', 'cancelled') AND updated_at < $1
         RETURNING id),
       messages AS (
         UPDATE ill_messages m SET xml = regexp_replace(m.xml, $2, '', 'g')
           FROM ended WHERE m.request_id = ended.id AND m.xml ~ 'patronInfo'),
       notices AS (
         UPDATE ill_notices n SET recipient = '', params = '{}'
           FROM ended WHERE n.request_id = ended.id)
       SELECT count(*) AS n FROM ended`,
      [endedBefore.toISOString(), PATRON_INFO],
    );
    return Number(rows[0]!.n);
  },
};
