/** SQL of the lending side: the lending rows (one per lender a request went to), their saves and the lending desk's queue. */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { eventOf, eventParams, eventsSelect, historyOf, insertEventSql, noHistory, requestColumns, requestFrom, requestOf, savedOf, supplyColumns, supplyFrom, supplyOf, type EventRow, type NewEvent, type RequestRow, type Saved, type SavedRow, type StoredContext, type SupplyRow } from './rows.js';
import { commitLast, lastAnswer } from './changed-meanwhile.js';
import { eventAfterMessageSql, logCtes, loggedOf, logParams, type LoggedRow, type MessageLog } from './messages.store.js';

const saveSupplySql = (history: boolean) =>
  prepared(`WITH ev AS (${insertEventSql(5)} RETURNING id)
   UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2
   RETURNING (SELECT id FROM ev) AS event_id, updated_at${history ? `, ${historyOf('ill_supplies.request_id', 'ill_supplies.id')}` : ''}`);
const SAVE_SUPPLY = saveSupplySql(false);
const SAVE_SUPPLY_WITH_HISTORY = saveSupplySql(true);
/** {@link SAVE_SUPPLY_WITH_HISTORY} as a transaction's last statement: a version that does not match fails it (changed-meanwhile.ts); without the history as requests.store.ts. */
const saveSupplyLastSql = (history: boolean) => prepared(`WITH ev AS (${insertEventSql(5)} RETURNING id),
   u AS (UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2
          RETURNING updated_at, ${history ? historyOf('ill_supplies.request_id', 'ill_supplies.id') : noHistory})
   ${lastAnswer}`);
const SAVE_SUPPLY_LAST = saveSupplyLastSql(true);
const SAVE_SUPPLY_LAST_ALONE = saveSupplyLastSql(false);
const SAVE_SUPPLY_WITH_MESSAGE = prepared(`WITH ${logCtes(15)},
   ev AS (${eventAfterMessageSql(5)}),
   u AS (UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at`);

export const supplyStore = {
  /** The same for the lending side's step. */
  async saveSupplyWithMessage(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>, e: NewEvent, log: MessageLog): Promise<Saved | 'duplicate' | undefined> {
    const { rows } = await tx.query<LoggedRow>(SAVE_SUPPLY_WITH_MESSAGE, [s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(e), ...logParams(log)]);
    return loggedOf(rows[0]!);
  },

  async insertSupply(tx: Queryable, requestId: number, lendingLibraryId: number, state: string, context: StoredContext, remote = false): Promise<number> {
    const { rows } = await tx.query<{ id: string }>(
      prepared('INSERT INTO ill_supplies (request_id, lending_library_id, state, context, remote) VALUES ($1, $2, $3, $4, $5) RETURNING id'),
      [requestId, lendingLibraryId, state, JSON.stringify(context), remote],
    );
    return Number(rows[0]!.id);
  },

  /**
   * A Request New to a lender: its lending row (in `new`; `remote` when the library is served by
   * a peer, its side running there) and the request moved on to it (`lenderIndex`, the current
   * lending row), in one statement. Undefined when the request's version did not match (the
   * lending row is written anyway: the caller rolls back).
   */
  async insertSupplyForRequest(
    tx: Queryable, r: Pick<RequestRow, 'id' | 'version' | 'lenderIndex'>, lendingLibraryId: number, context: StoredContext,
  ): Promise<{ supplyId: number; remote: boolean } | undefined> {
    const { rows } = await tx.query<{ id: string; remote: boolean; saved: boolean }>(
      prepared(`WITH s AS (
         INSERT INTO ill_supplies (request_id, lending_library_id, state, context, remote)
         VALUES ($1, $3, 'new', $4, EXISTS (SELECT 1 FROM ill_peers p JOIN libraries l ON l.id = p.library_id WHERE p.library_id = $3)) RETURNING id, remote),
       u AS (
         UPDATE ill_requests SET lender_index = $5, current_supply_id = (SELECT id FROM s), version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id)
       SELECT s.id, s.remote, EXISTS (SELECT 1 FROM u) AS saved FROM s`),
      [r.id, r.version, lendingLibraryId, JSON.stringify(context), r.lenderIndex],
    );
    const row = rows[0]!;
    return row.saved ? { supplyId: Number(row.id), remote: row.remote === true } : undefined;
  },

  async supply(db: Queryable, id: number, lock = false): Promise<SupplyRow | undefined> {
    const { rows } = await db.query(prepared(`SELECT ${supplyColumns} FROM ${supplyFrom} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`), [id]);
    return rows[0] ? supplyOf(rows[0]) : undefined;
  },

  /**
   * A lending row locked for this transaction, its borrower's request locked first (the order
   * every action keeps, so that two cannot deadlock), in one statement: the request is locked by
   * the InitPlan the lending row's filter reads, before the row itself is returned and locked.
   */
  async lockSupplyAndRequest(tx: Queryable, id: number): Promise<{ supply: SupplyRow; request: RequestRow } | undefined> {
    const { rows } = await tx.query(
      prepared(`WITH lr AS MATERIALIZED (SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = (SELECT request_id FROM ill_supplies WHERE id = $1) FOR UPDATE OF r)
       SELECT ${supplyColumns}, (SELECT to_jsonb(lr) FROM lr) AS locked_request FROM ${supplyFrom} WHERE s.id = $1 AND s.request_id = (SELECT id FROM lr) FOR UPDATE OF s`),
      [id],
    );
    const row = rows[0];
    return row ? { supply: supplyOf(row), request: requestOf(row.locked_request as Record<string, unknown>) } : undefined;
  },

  /**
   * The borrowing desk's lock: the request, then its current lending row (if any), both locked
   * for this transaction in one statement and in the order every action keeps. The lending row
   * comes along because a desk action that answers the lender (receive, ship-back, cancel…)
   * steps it next; locking it too adds no wait, as the lending desk locks the request first.
   */
  async lockRequestAndSupply(tx: Queryable, id: number): Promise<{ request: RequestRow; supply: SupplyRow | undefined } | undefined> {
    const { rows } = await tx.query<{ locked_request: Record<string, unknown> | null; locked_supply: Record<string, unknown> | null }>(
      prepared(`WITH lr AS MATERIALIZED (SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = $1 FOR UPDATE OF r),
         ls AS MATERIALIZED (SELECT ${supplyColumns} FROM ${supplyFrom} WHERE s.id = (SELECT current_supply_id FROM lr) FOR UPDATE OF s)
       SELECT (SELECT to_jsonb(lr) FROM lr) AS locked_request, (SELECT to_jsonb(ls) FROM ls) AS locked_supply`),
      [id],
    );
    const row = rows[0];
    return row?.locked_request ? { request: requestOf(row.locked_request), supply: row.locked_supply ? supplyOf(row.locked_supply) : undefined } : undefined;
  },

  async saveSupply(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>): Promise<boolean> {
    const { rowCount } = await tx.query(prepared('UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2'), [
      s.id, s.version, s.state, JSON.stringify(s.context),
    ]);
    return rowCount === 1;
  },

  /** {@link saveSupply} with the step's entry in the history, in one statement (as {@link saveRequestWithEvent}; `history`: the lending row's side of it). */
  async saveSupplyWithEvent(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>, e: NewEvent, history = false): Promise<Saved | undefined> {
    const { rows } = await tx.query<SavedRow>(history ? SAVE_SUPPLY_WITH_HISTORY : SAVE_SUPPLY, [s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(e)]);
    return savedOf(rows[0]);
  },

  /** {@link saveSupplyWithEvent} with the history, as the transaction's last statement (as {@link illStore.saveRequestWithEventLast}). */
  async saveSupplyWithEventLast(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>, e: NewEvent, history = true): Promise<Saved | undefined> {
    return commitLast(tx, history ? SAVE_SUPPLY_LAST : SAVE_SUPPLY_LAST_ALONE, [s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(e)]);
  },

  /** The lending row with its side of the history, in one statement. */
  async supplyWithEvents(db: Queryable, id: number): Promise<(SupplyRow & { events: EventRow[] }) | undefined> {
    const { rows } = await db.query(
      prepared(`SELECT ${supplyColumns}, (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (${eventsSelect('s.request_id', 's.id')}) x) AS events_json FROM ${supplyFrom} WHERE s.id = $1`),
      [id],
    );
    return rows[0] ? { ...supplyOf(rows[0]), events: (rows[0].events_json as Record<string, unknown>[]).map(eventOf) } : undefined;
  },

  /** The lending desk's queue. */
  async lendingQueue(db: Queryable, libraryId: number, state: string | undefined, limit: number, offset: number): Promise<SupplyRow[]> {
    const { rows } = await db.query(
      `SELECT ${supplyColumns} FROM ${supplyFrom} WHERE s.lending_library_id = $1 AND NOT s.remote AND ($2::text IS NULL OR s.state = $2)
        ORDER BY r.needed_by NULLS LAST, s.updated_at, s.id LIMIT $3 OFFSET $4`,
      [libraryId, state ?? null, limit, offset],
    );
    return rows.map(supplyOf);
  },
};
