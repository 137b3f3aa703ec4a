import type { Queryable } from '../../../platform/db/index.js';

/** Where a desk item belongs: its request, the supply (lending side), the desk's library, the reader. */
export interface DeskItemPlace {
  requestId: number;
  supplyId: number | null;
  library: string;
  readerId: number;
}

export interface MessageRow {
  id: number;
  supply_id: number | null;
  direction: 'to-lender' | 'to-borrower';
  kind: string;
  version: string;
  outcome: string | null;
  transport: string;
  peer: string | null;
  at: Date;
  xml: string;
}

export interface NoteRow {
  id: number;
  library: string;
  author: string;
  body: string;
  created_at: Date;
  anonymised: boolean;
}

/** The SQL of the desks' message log and notes (the message log is the ILL module's ill_messages, read only). */
export const notesStore = {
  async requestPlace(db: Queryable, requestId: number): Promise<DeskItemPlace | undefined> {
    const { rows } = await db.query<{ id: string; symbol: string; reader_id: string }>(
      'SELECT r.id, l.symbol, r.reader_id FROM ill_requests r JOIN libraries l ON l.id = r.borrowing_library_id WHERE r.id = $1',
      [requestId],
    );
    const r = rows[0];
    return r && { requestId: Number(r.id), supplyId: null, library: r.symbol, readerId: Number(r.reader_id) };
  },

  async supplyPlace(db: Queryable, supplyId: number): Promise<DeskItemPlace | undefined> {
    const { rows } = await db.query<{ id: string; request_id: string; symbol: string; reader_id: string }>(
      `SELECT s.id, s.request_id, l.symbol, r.reader_id FROM ill_supplies s JOIN libraries l ON l.id = s.lending_library_id
         JOIN ill_requests r ON r.id = s.request_id WHERE s.id = $1`,
      [supplyId],
    );
    const r = rows[0];
    return r && { requestId: Number(r.request_id), supplyId: Number(r.id), library: r.symbol, readerId: Number(r.reader_id) };
  },

  /** The request's messages, oldest first; a lending desk sees those of its own supply only. */
  async messages(db: Queryable, place: DeskItemPlace): Promise<MessageRow[]> {
    const { rows } = await db.query<MessageRow>(
      `SELECT id::int, supply_id::int, direction, kind, version, outcome, transport, peer, at, xml FROM ill_messages
        WHERE request_id = $1 AND ($2::bigint IS NULL OR supply_id = $2) ORDER BY at, id`,
      [place.requestId, place.supplyId],
    );
    return rows;
  },

  async message(db: Queryable, place: DeskItemPlace, messageId: number): Promise<MessageRow | undefined> {
    return (await notesStore.messages(db, place)).find((m) => m.id === messageId);
  },

  async notes(db: Queryable, requestId: number): Promise<NoteRow[]> {
    const { rows } = await db.query<NoteRow>(
      `SELECT n.id::int, l.symbol AS library, n.author, n.body, n.created_at, n.anonymised_at IS NOT NULL AS anonymised
         FROM ill_request_notes n JOIN libraries l ON l.id = n.library_id WHERE n.request_id = $1 ORDER BY n.id`,
      [requestId],
    );
    return rows;
  },

  /** Adds a note; with a key, a note sent again (a retry) is the one written the first time. */
  async addNote(db: Queryable, n: { requestId: number; library: string; authorId: number | null; author: string; body: string; key: string | null }): Promise<{ id: number; created: boolean }> {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO ill_request_notes (request_id, library_id, author_id, author, body, client_key)
       SELECT $1, l.id, $3, $4, $5, $6 FROM libraries l WHERE l.symbol = $2
       ON CONFLICT (request_id, client_key) DO NOTHING RETURNING id::int`,
      [n.requestId, n.library, n.authorId, n.author, n.body, n.key],
    );
    if (rows[0]) return { id: rows[0].id, created: true };
    const { rows: again } = await db.query<{ id: number }>('SELECT id::int FROM ill_request_notes WHERE request_id = $1 AND client_key = $2', [n.requestId, n.key]);
    return { id: again[0]!.id, created: false };
  },

  /** The notes on the reader's requests (their copy of their data). */
  async notesAboutReader(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
    const { rows } = await db.query(
      `SELECT n.request_id::int AS "requestId", l.symbol AS library, n.body AS text, n.created_at AS "at"
         FROM ill_request_notes n JOIN ill_requests r ON r.id = n.request_id JOIN libraries l ON l.id = n.library_id
        WHERE r.reader_id = $1 AND n.anonymised_at IS NULL ORDER BY n.id`,
      [userId],
    );
    return rows;
  },

  /** Notes on requests that ended before the cut-off are blanked (they may speak of the reader). */
  async blankEndedBefore(db: Queryable, endedBefore: Date): Promise<number> {
    const r = await db.query(
      `UPDATE ill_request_notes n SET body = '', anonymised_at = now() FROM ill_requests r
        WHERE r.id = n.request_id AND n.anonymised_at IS NULL AND r.state IN ('completed', 'cancelled', 'unfilled') AND r.updated_at < $1`,
      [endedBefore],
    );
    return r.rowCount;
  },
};
