/** The lending side inside one deployment: the lending desk's queue and its actions on a request it received. */
import type { Db } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import { hasPermission } from '../../platform/http/authorize.js';
import type { Locale } from '../../platform/i18n.js';
import { getLibrary } from '../network/index.js';
import type { ActionParams } from './domain/index.js';
import { IllErrors } from './errors.js';
import { HeldSave } from './held-save.js';
import { actOnRemembered, recentRows, rememberAfter } from './recent-rows.js';
import { illStore, type EventRow, type SupplyRow } from './ill.store.js';
import { answeredSupply, clock, knownRows, stepSupply, type StepContext } from './steps.js';

export async function findSupply(db: Db, principal: Principal, id: number): Promise<SupplyRow> {
  const s = await illStore.supply(db, id);
  if (!s) throw IllErrors.ILL_SUPPLY_NOT_FOUND({ id });
  if (!hasPermission(principal, 'lending', { library: s.lendingLibrary })) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: s.lendingLibrary, permission: 'lending' });
  return s;
}

/** The lending desk's staff of the row's library may act on it; else why not. */
function mayLend(principal: Principal, supply: SupplyRow): void {
  if (!hasPermission(principal, 'lending', { library: supply.lendingLibrary })) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: supply.lendingLibrary, permission: 'lending' });
}

/**
 * A lending desk action. The borrower's request is locked first, then the supply (always in that
 * order, so a borrowing desk action and a lending desk action on one request cannot deadlock), and
 * each is saved under its version: of two actions at once only one wins.
 */
export async function actOnSupply(db: Db, principal: Principal, id: number, action: string, params: ActionParams, locale: Locale): Promise<SupplyRow & { events: EventRow[] }> {
  // The rows as this process's last action on them left them, in one statement; else locked and read (recent-rows.ts).
  const kept = recentRows(db).ofSupply(id);
  const done = kept && (await actOnRemembered(db, kept, { supply: id }, { user: principal.userId, locale }, async (c) => {
    mayLend(principal, kept.supply);
    await stepSupply(c, id, { kind: 'action', action, actor: 'staff', params }, params);
    await c.held.flushLast();
  }));
  if (done) {
    rememberAfter(db, done, kept.request.id, kept.events && { before: kept.events });
    return answeredSupply(done, id) ?? (await illStore.supplyWithEvents(db, id))!;
  }
  let c: StepContext | undefined;
  const answer = await db.transaction(async (tx) => {
    const locked = await illStore.lockSupplyAndRequest(tx, id);
    if (!locked) throw IllErrors.ILL_SUPPLY_NOT_FOUND({ id });
    const s = locked.supply;
    mayLend(principal, s);
    // Both rows are locked: the steps of this action read each once and keep it up to date.
    const known = knownRows({ supply: id });
    known.supplies.set(id, s);
    known.requests.set(s.requestId, locked.request);
    // Its step is saved with the step its message makes at the borrowing side, in one statement (held-save.ts).
    const held = new HeldSave(tx);
    c = { tx: held, now: clock, user: principal.userId, locale, known, held };
    await stepSupply(c, id, { kind: 'action', action, actor: 'staff', params }, params);
    await held.flushLast();
    return answeredSupply(c, id);
  });
  // The lending row's side of the history is not the request's whole history: the rows alone.
  rememberAfter(db, c!, c!.known!.supplies.get(id)!.requestId, undefined);
  // The lending row as the action left it; read again only when the action reached beyond what it follows (steps.ts, Answer).
  return answer ?? (await illStore.supplyWithEvents(db, id))!;
}

export async function lendingQueue(db: Db, library: string, state: string | undefined, limit: number, offset: number): Promise<SupplyRow[]> {
  const lib = await getLibrary(db, library);
  if (!lib) return [];
  return illStore.lendingQueue(db, lib.id, state, limit, offset);
}
