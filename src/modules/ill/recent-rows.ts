/**
 * A desk action on the rows as this process last left them, in one statement (issue 5, session 10).
 *
 * A loan's desk actions come one after another on the same request, usually through the same
 * server: after each, the request and its current lending row are remembered here as the action
 * left them — with the request's whole history when it is known. The next action on them then
 * takes them from here instead of locking and reading them (one statement of two): its steps run
 * on them, and its saves go as the one statement that ends the transaction, each row under the
 * version it had. Somebody who changed a row since (another server, a peer's message, a timer, a
 * second desk action at once) changed its version: the statement fails, nothing is written, and
 * the action runs again the usual way — locked and read — where it waits for the other and is
 * answered as before (the machine refuses, 409). The same whenever the action is more than one
 * statement, a step is refused, or a row it read is not among those the statement saves (its
 * version would not be checked): taken as it was, the action reads nothing and sends nothing
 * before that statement, so falling back costs only this process's work.
 *
 * Every change of a request or a lending row moves its version on (reader-data.store.ts too), and
 * history entries are written only with a save of one of them: a version that matches means the
 * remembered rows and history are still the stored ones.
 */
import type { Db, Queryable, QueryResult } from '../../platform/db/index.js';
import type { Locale } from '../../platform/i18n.js';
import { HeldSave } from './held-save.js';
import type { EventRow, RequestRow, SupplyRow } from './ill.store.js';
import { knownRows, wholeHistory, type Answer } from './known-rows.js';
import { clock, type StepContext } from './steps.js';

/** A request and its current lending row as an action left them, with the request's whole history when known. */
export interface Remembered {
  request: RequestRow;
  supply: SupplyRow;
  events?: EventRow[];
}

/**
 * Requests remembered per database (the tests run several in one process); the oldest go first.
 * A request with its rota and history is some 10–30 kB: at most a few tens of MB.
 */
const LIMIT = 1000;

class RecentRows {
  private readonly byRequest = new Map<number, Remembered>();
  private readonly bySupply = new Map<number, number>();

  ofRequest(id: number): Remembered | undefined {
    const r = this.byRequest.get(id);
    return r && r.request.currentSupplyId === r.supply.id ? r : undefined;
  }

  ofSupply(id: number): Remembered | undefined {
    const requestId = this.bySupply.get(id);
    const r = requestId === undefined ? undefined : this.ofRequest(requestId);
    return r?.supply.id === id ? r : undefined;
  }

  remember(r: Remembered): void {
    this.forget(r.request.id);
    this.byRequest.set(r.request.id, r);
    this.bySupply.set(r.supply.id, r.request.id);
    if (this.byRequest.size > LIMIT) this.forget(this.byRequest.keys().next().value!);
  }

  forget(requestId: number): void {
    const r = this.byRequest.get(requestId);
    if (!r) return;
    this.byRequest.delete(requestId);
    this.bySupply.delete(r.supply.id);
  }
}

const perDb = new WeakMap<Db, RecentRows>();
export function recentRows(db: Db): RecentRows {
  let r = perDb.get(db);
  if (!r) perDb.set(db, (r = new RecentRows()));
  return r;
}

/** The action is not one statement on the remembered rows: it is taken the usual way. */
class NotOneStatement extends Error {}

/**
 * The transaction of an action on remembered rows: its one statement, which ends it, once the
 * held save has checked that it saves every row the steps read; anything else is refused unsent.
 */
class OneStatement implements Queryable {
  allowed = false;
  private sent = false;

  constructor(private readonly tx: Queryable) {}

  query(): Promise<never> {
    return Promise.reject(new NotOneStatement());
  }

  exec(): Promise<never> {
    return Promise.reject(new NotOneStatement());
  }

  queryAndCommit<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    if (!this.allowed || this.sent) return Promise.reject(new NotOneStatement());
    this.sent = true;
    // PGlite has no COMMIT to send with it: the transaction commits when the action ends.
    return this.tx.queryAndCommit ? this.tx.queryAndCommit<R>(sql, params) : this.tx.query<R>(sql, params);
  }
}

/**
 * Runs `act` on the remembered rows as one statement: the context it gets knows both rows (and the
 * history before the action, when remembered). Returns the context once committed; undefined when
 * the action must be taken the usual way (nothing was written).
 */
export async function actOnRemembered(
  db: Db, kept: Remembered, of: Answer['of'], who: { user: number | null; locale: Locale }, act: (c: StepContext & { held: HeldSave }) => Promise<void>,
): Promise<StepContext | undefined> {
  const { request: r, supply: s, events } = kept;
  try {
    return await db.transaction(async (tx) => {
      const known = knownRows(of);
      known.requests.set(r.id, r);
      known.supplies.set(s.id, s);
      const remembered = { rows: new Set([`request:${r.id}`, `supply:${s.id}`]), read: new Set<string>() };
      known.remembered = remembered;
      const one = new OneStatement(tx);
      const held = new HeldSave(one);
      if (events) {
        known.answer!.before = 'request' in of ? events : events.filter((e) => e.supplyId === of.supply);
        // The first step need not ask for the history: it is held for the one statement all the same.
        held.holdFirst();
      }
      held.beforeLast = (rows) => {
        for (const key of remembered.read) if (!rows.includes(key)) throw new NotOneStatement();
        one.allowed = true;
      };
      const c = { tx: held, now: clock, user: who.user, locale: who.locale, known, held };
      await act(c);
      return c;
    });
  } catch {
    // Changed meanwhile, refused on what was remembered, more than one statement: the usual way.
    recentRows(db).forget(r.id);
    return undefined;
  }
}

/**
 * After an action's commit: its request and current lending row as it left them, for the next
 * action — unless it reached beyond what it follows (a peer, federation), or the rows are a peer's.
 * `events`: the request's whole history, when the action knows it.
 */
export function rememberAfter(db: Db, c: StepContext, requestId: number, events: { before: EventRow[] } | { after: EventRow[] } | undefined): void {
  const recent = recentRows(db);
  const a = c.known?.answer;
  const r = c.known?.requests.get(requestId);
  const s = r?.currentSupplyId != null ? c.known?.supplies.get(r.currentSupplyId) : undefined;
  if (!a?.complete || a.savedAt === undefined || !r || !s || s.remote || r.peerRequestId !== null || r.peerAgency !== null) {
    recent.forget(requestId);
    return;
  }
  const whole = events === undefined ? undefined : 'after' in events ? events.after : wholeHistory(c, requestId, events.before, r.borrowingLibrary);
  // updated_at of a row saved here is the transaction's time; a new lending row's created_at too.
  recent.remember({
    request: { ...r, updatedAt: a.savedAt },
    supply: { ...s, createdAt: s.createdAt || a.savedAt, updatedAt: a.savedAt },
    ...(whole ? { events: whole } : {}),
  });
}
