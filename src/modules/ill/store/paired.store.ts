/**
 * A desk's step and the step its message makes on the other side, in one statement: the acting
 * side's save with its history entry (and the history before it, for the answer), then the
 * message, its confirmation and the other side's save — what were two statements (two round
 * trips) of the same transaction. The message is inserted after the acting side's entry, so the
 * entries keep their order (ids rising), and each part reads the same snapshot the two
 * statements read before: the history returned is what was there before the action.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { eventParams, historyOf, insertEventSql, noHistory, savedOf, type NewEvent, type Saved, type SavedRow, type SupplyRow } from './rows.js';
import { lastStatement } from './changed-meanwhile.js';
import { eventAfterMessageSql, logCtes, loggedOf, logParams, type LoggedRow, type MessageLog } from './messages.store.js';
import type { SavedRequest } from './requests.store.js';

export type SavedSupply = Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>;

/**
 * The acting lending row's save (14 parameters from $1) in CTEs `own_ev`, `own`; its borrower's
 * request (its id the parameter `request`) locked first, by the InitPlan the row's filter reads —
 * the order every action keeps. An action that locked both rows before (the desks' lock) finds it
 * its own already; one that took them from recent-rows.ts locks nothing before this statement.
 * `history`: the lending row's history before the step, unless the action knows it.
 */
const ownSupply = (history: boolean, request: number) => `lk AS MATERIALIZED (SELECT id FROM ill_requests WHERE id = $${request} FOR UPDATE),
   own_ev AS (${insertEventSql(5)} RETURNING id),
   own AS (UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 AND EXISTS (SELECT 1 FROM lk)
           RETURNING updated_at, ${history ? historyOf('ill_supplies.request_id', 'ill_supplies.id') : noHistory})`;
/** The acting request's save (16 parameters from $1). */
const ownRequest = (history: boolean) => `own_ev AS (${insertEventSql(7)} RETURNING id),
   own AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2 RETURNING updated_at, ${history ? historyOf('ill_requests.id') : noHistory})`;
const answer = `SELECT (SELECT id FROM own_ev) AS own_event_id, (SELECT updated_at FROM own) AS own_updated_at, (SELECT events_json FROM own) AS events_json,
     (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at`;

/**
 * As the transaction's last statement (store/changed-meanwhile.ts): a version that does not
 * match fails it — the acting row's first ($1), then the other's (`other`: its id's parameter)
 * when the message was new. A message logged before wrote nothing on the other side, as before.
 */
const lastCheck = (other: number) => `,
     CASE WHEN NOT EXISTS (SELECT 1 FROM own) THEN ill_changed_meanwhile($1)
          WHEN EXISTS (SELECT 1 FROM m) AND NOT EXISTS (SELECT 1 FROM u) THEN ill_changed_meanwhile($${other}) ELSE true END AS matched`;

/** The lending desk's step, then the request's step its message to the borrower makes. */
const supplyThenRequest = (last: boolean, history: boolean) => prepared(`WITH ${ownSupply(history, 15)}, ${logCtes(31, 'own_ev')},
   ev AS (${eventAfterMessageSql(21)}),
   u AS (UPDATE ill_requests SET state = $17, context = $18, lender_index = $19, current_supply_id = $20, version = version + 1, updated_at = now()
          WHERE id = $15 AND version = $16 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   ${answer}${last ? lastCheck(15) : ''}`);
/** The borrowing desk's step, then the lending row's step its message to the lender makes. */
const requestThenSupply = (last: boolean, history: boolean) => prepared(`WITH ${ownRequest(history)}, ${logCtes(31, 'own_ev')},
   ev AS (${eventAfterMessageSql(21)}),
   u AS (UPDATE ill_supplies SET state = $19, context = $20, version = version + 1, updated_at = now()
          WHERE id = $17 AND version = $18 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   ${answer}${last ? lastCheck(17) : ''}`);
/** Each statement by [last][history]. */
const variants = (sql: (last: boolean, history: boolean) => string) => [[sql(false, false), sql(false, true)], [sql(true, false), sql(true, true)]] as const;
const SUPPLY_THEN_REQUEST = variants(supplyThenRequest);
const REQUEST_THEN_SUPPLY = variants(requestThenSupply);

type PairedRow = LoggedRow & { own_event_id: string; own_updated_at: unknown; events_json: Record<string, unknown>[] };
export interface Paired {
  /** The acting side's save (undefined: its version did not match), with the history before it. */
  own: Saved | undefined;
  /** The other side's, as saveRequestWithMessage / saveSupplyWithMessage answer. */
  other: Saved | 'duplicate' | undefined;
}
const pairedOf = (r: PairedRow): Paired => ({
  own: savedOf(r.own_updated_at === null ? undefined : ({ event_id: r.own_event_id, updated_at: r.own_updated_at, events_json: r.events_json } as SavedRow)),
  other: loggedOf(r),
});

/** What a paired save as the transaction's last statement answers: as {@link Paired}, or the id of the row whose version did not match. */
export type PairedLast = Paired | { changed: number };

async function send(tx: Queryable, sql: ReturnType<typeof variants>, last: boolean, history: boolean, params: unknown[]): Promise<PairedLast> {
  if (!last) return pairedOf((await tx.query<PairedRow>(sql[0][history ? 1 : 0], params)).rows[0]!);
  const r = await lastStatement<PairedRow>(tx, sql[1][history ? 1 : 0], params);
  return 'rows' in r ? pairedOf(r.rows[0]!) : r;
}

export const pairedStore = {
  /**
   * `last`: the transaction's last statement, committed with it (store/changed-meanwhile.ts);
   * `history`: the acting row's history before the step comes back with it (`own.history`).
   */
  async saveSupplyThenRequestWithMessage(
    tx: Queryable, own: { row: SavedSupply; entry: NewEvent }, other: { row: SavedRequest; entry: NewEvent; log: MessageLog }, last = false, history = true,
  ): Promise<PairedLast> {
    const s = own.row;
    const r = other.row;
    return send(tx, SUPPLY_THEN_REQUEST, last, history, [
      s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(own.entry),
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(other.entry), ...logParams(other.log),
    ]);
  },

  async saveRequestThenSupplyWithMessage(
    tx: Queryable, own: { row: SavedRequest; entry: NewEvent }, other: { row: SavedSupply; entry: NewEvent; log: MessageLog }, last = false, history = true,
  ): Promise<PairedLast> {
    const r = own.row;
    const s = other.row;
    return send(tx, REQUEST_THEN_SUPPLY, last, history, [
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(own.entry),
      s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(other.entry), ...logParams(other.log),
    ]);
  },
};
