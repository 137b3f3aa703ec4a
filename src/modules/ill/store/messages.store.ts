/**
 * The ISO 18626 message log and the history entries of interlibrary loan (ill_messages,
 * ill_events): a message passed in-process is logged with its confirmation, and with the step it
 * makes when there is one (the request and lending row stores write those statements).
 */
import { prepared, queryLast, type Queryable } from '../../../platform/db/index.js';
import { eventOf, eventParams, eventsSelect, insertEventSql, iso, num, type EventRow, type NewEvent, type Saved } from './rows.js';

/**
 * A message passed in-process and its confirmation, to be logged in the same statement as the
 * step the message makes on the receiving side (illStore.saveRequestWithEvent and friends).
 */
export interface MessageLog {
  message: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower'; kind: string; key: string; version: string; xml: string; at: string };
  confirmation: { direction: 'to-lender' | 'to-borrower'; kind: string; key: string; xml: string; outcome: string; at: string };
}
export const logParams = ({ message: m, confirmation: c }: MessageLog): unknown[] =>
  [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.at, c.direction, c.kind, c.key, c.xml, c.outcome, c.at];
/**
 * The message (CTE `m`: empty when its key was logged already — the same message again) and its
 * confirmation (`c`, written only with a new message), their fourteen parameters numbered from `f`.
 * `after`: a CTE of one row the message is inserted after (its sequence values come later).
 */
export const logCtes = (f: number, after?: string): string => {
  const p = (i: number) => `$${f + i}`;
  const values = `${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}`;
  return `m AS (
     INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, at)
     ${after ? `SELECT ${values} FROM ${after}` : `VALUES (${values})`} ON CONFLICT (message_key) DO NOTHING RETURNING id),
   c AS (
     INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at, confirms)
     SELECT ${p(0)}, ${p(1)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(5)}, ${p(11)}, ${p(12)}, ${p(13)}, m.id FROM m
     ON CONFLICT (message_key) DO NOTHING RETURNING id)`;
};
/** The history entry written only with a new message (`m`), its ten parameters numbered from `f`. */
export const eventAfterMessageSql = (f: number): string =>
  `INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
   SELECT ${Array.from({ length: 10 }, (_, i) => `$${f + i}`).join(', ')} FROM m RETURNING id`;
/** The statement's answer: undefined when the message was logged before (nothing else was written), else what the step's save gave. */
export type LoggedRow = { message_id: string | null; event_id: string | null; updated_at: unknown };
export const loggedOf = (r: LoggedRow): Saved | 'duplicate' | undefined =>
  r.message_id === null ? 'duplicate' : r.updated_at === null ? undefined : { eventId: Number(r.event_id), updatedAt: iso(r.updated_at) };
const EVENT_WITH_MESSAGE = prepared(`WITH ${logCtes(1)}, ev AS (${eventAfterMessageSql(15)})
   SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id`);


export const messageStore = {
  /**
   * A message logged with its confirmation and the history entry it makes (a Request reaching its
   * lender), in one statement; undefined when logged before. `last`: the transaction's last
   * statement, committed with it where the database can (a message logged before commits the
   * rest of the action all the same, as it did).
   */
  async logMessageWithEvent(tx: Queryable, log: MessageLog, e: NewEvent, last = false): Promise<number | undefined> {
    const params = [...logParams(log), ...eventParams(e)];
    type Row = { message_id: string | null; event_id: string | null };
    const { rows } = await (last ? queryLast<Row>(tx, EVENT_WITH_MESSAGE, params) : tx.query<Row>(EVENT_WITH_MESSAGE, params));
    return rows[0]!.message_id === null ? undefined : Number(rows[0]!.event_id);
  },

  /** Writes one history entry; returns its id. */
  async insertEvent(tx: Queryable, e: NewEvent): Promise<number> {
    const { rows } = await tx.query<{ id: string }>(prepared(`${insertEventSql(1)} RETURNING id`), eventParams(e));
    return Number(rows[0]!.id);
  },

  async events(db: Queryable, requestId: number, supplyId?: number): Promise<EventRow[]> {
    const { rows } = await db.query(`${eventsSelect('$1', supplyId === undefined ? undefined : '$2')} ORDER BY e.id`, supplyId === undefined ? [requestId] : [requestId, supplyId]);
    return rows.map(eventOf);
  },

  /** Logs a message; false when its key was logged already (the same message a second time). */
  async logMessage(
    tx: Queryable,
    m: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower'; kind: string; key: string; version: string; xml: string; outcome?: string; at: string },
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      prepared(`INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (message_key) DO NOTHING`),
      [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.outcome ?? null, m.at],
    );
    return rowCount === 1;
  },

  /**
   * Logs a message passed in-process together with its confirmation, in one statement; the
   * confirmation is written only when the message is new (undefined when its key was logged
   * already: the same message a second time). Returns the confirmation's id (null if its own key
   * was taken), so that it can be replaced when the receiving side refuses the message after all
   * ({@link replaceConfirmation}).
   */
  async logMessageWithConfirmation(
    tx: Queryable,
    m: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower'; kind: string; key: string; version: string; xml: string; at: string },
    c: { direction: 'to-lender' | 'to-borrower'; kind: string; key: string; xml: string; outcome: string; at: string },
  ): Promise<{ confirmationId: number | null } | undefined> {
    const { rows } = await tx.query<{ message_id: number | null; confirmation_id: number | null }>(
      prepared(`WITH m AS (
         INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_key) DO NOTHING RETURNING id),
       c AS (
         INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at, confirms)
         SELECT $1, $2, $9, $10, $11, $6, $12, $13, $14, m.id FROM m
         ON CONFLICT (message_key) DO NOTHING RETURNING id)
       SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM c) AS confirmation_id`),
      [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.at, c.direction, c.kind, c.key, c.xml, c.outcome, c.at],
    );
    const r = rows[0]!;
    return r.message_id === null ? undefined : { confirmationId: r.confirmation_id === null ? null : Number(r.confirmation_id) };
  },

  /** The confirmation logged with its message, replaced by the one actually sent (an ERROR). */
  async replaceConfirmation(tx: Queryable, id: number, c: { key: string; xml: string; outcome: string; at: string }): Promise<void> {
    await tx.query(prepared('UPDATE ill_messages SET message_key = $2, xml = $3, outcome = $4, at = $5 WHERE id = $1'), [id, c.key, c.xml, c.outcome, c.at]);
  },

  async messages(db: Queryable, requestId: number): Promise<{ direction: string; kind: string; xml: string; outcome: string | null; supplyId: number | null }[]> {
    const { rows } = await db.query<{ direction: string; kind: string; xml: string; outcome: string | null; supply_id: string | null }>(
      'SELECT direction, kind, xml, outcome, supply_id FROM ill_messages WHERE request_id = $1 ORDER BY id',
      [requestId],
    );
    return rows.map((r) => ({ direction: r.direction, kind: r.kind, xml: r.xml, outcome: r.outcome, supplyId: num(r.supply_id) }));
  },
};
