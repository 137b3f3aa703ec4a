/**
 * A desk's step and the step its message makes on the other side, in one statement: the acting
 * side's save with its history entry (and the history before it, for the answer), then the
 * message, its confirmation and the other side's save — what were two statements (two round
 * trips) of the same transaction. The message is inserted after the acting side's entry, so the
 * entries keep their order (ids rising), and each part reads the same snapshot the two
 * statements read before: the history returned is what was there before the action.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { eventParams, historyOf, insertEventSql, savedOf, type NewEvent, type Saved, type SavedRow, type SupplyRow } from './rows.js';
import { eventAfterMessageSql, logCtes, loggedOf, logParams, type LoggedRow, type MessageLog } from './messages.store.js';
import type { SavedRequest } from './requests.store.js';

export type SavedSupply = Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>;

/** The acting lending row's save (14 parameters from $1) in CTEs `own_ev`, `own`. */
const ownSupply = `own_ev AS (${insertEventSql(5)} RETURNING id),
   own AS (UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2
           RETURNING updated_at, ${historyOf('ill_supplies.request_id', 'ill_supplies.id')})`;
/** The acting request's save (16 parameters from $1). */
const ownRequest = `own_ev AS (${insertEventSql(7)} RETURNING id),
   own AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2 RETURNING updated_at, ${historyOf('ill_requests.id')})`;
const answer = `SELECT (SELECT id FROM own_ev) AS own_event_id, (SELECT updated_at FROM own) AS own_updated_at, (SELECT events_json FROM own) AS events_json,
     (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at`;

/** The lending desk's step, then the request's step its message to the borrower makes. */
const SUPPLY_THEN_REQUEST = prepared(`WITH ${ownSupply}, ${logCtes(31, 'own_ev')},
   ev AS (${eventAfterMessageSql(21)}),
   u AS (UPDATE ill_requests SET state = $17, context = $18, lender_index = $19, current_supply_id = $20, version = version + 1, updated_at = now()
          WHERE id = $15 AND version = $16 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   ${answer}`);
/** The borrowing desk's step, then the lending row's step its message to the lender makes. */
const REQUEST_THEN_SUPPLY = prepared(`WITH ${ownRequest}, ${logCtes(31, 'own_ev')},
   ev AS (${eventAfterMessageSql(21)}),
   u AS (UPDATE ill_supplies SET state = $19, context = $20, version = version + 1, updated_at = now()
          WHERE id = $17 AND version = $18 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   ${answer}`);

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

export const pairedStore = {
  async saveSupplyThenRequestWithMessage(tx: Queryable, own: { row: SavedSupply; entry: NewEvent }, other: { row: SavedRequest; entry: NewEvent; log: MessageLog }): Promise<Paired> {
    const s = own.row;
    const r = other.row;
    const { rows } = await tx.query<PairedRow>(SUPPLY_THEN_REQUEST, [
      s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(own.entry),
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(other.entry), ...logParams(other.log),
    ]);
    return pairedOf(rows[0]!);
  },

  async saveRequestThenSupplyWithMessage(tx: Queryable, own: { row: SavedRequest; entry: NewEvent }, other: { row: SavedSupply; entry: NewEvent; log: MessageLog }): Promise<Paired> {
    const r = own.row;
    const s = other.row;
    const { rows } = await tx.query<PairedRow>(REQUEST_THEN_SUPPLY, [
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(own.entry),
      s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(other.entry), ...logParams(other.log),
    ]);
    return pairedOf(rows[0]!);
  },
};
