/**
 * The rows an action has locked, kept for its steps (each read once), and the answer gathered as
 * the action goes (the row acted on with its history, instead of reading it after the commit).
 */
import { illStore, type EventRow, type NewEvent, type RequestRow, type SupplyRow } from './ill.store.js';
import type { StepContext } from './steps.js';

export interface Known {
  requests: Map<number, RequestRow>;
  supplies: Map<number, SupplyRow>;
  /** What the action will show afterwards, gathered as it goes (see {@link Answer}). */
  answer?: Answer;
  /** Rows taken from recent-rows.ts, not read in this transaction (see {@link Remembered}). */
  remembered?: Remembered;
}

/**
 * An action on rows as this process last left them (recent-rows.ts), not locked nor read: its one
 * statement saves them under the versions they had, and fails when somebody changed them since.
 * A row it only read would not be checked by that statement: it is then not taken.
 */
export interface Remembered {
  /** `request:<id>` / `supply:<id>` of the rows taken. */
  rows: Set<string>;
  /** Those the steps read and have not saved since. */
  read: Set<string>;
}

/** A row the steps saved (or hold for the action's statement): its version is checked there. */
export function savedRow(c: Pick<StepContext, 'known'>, key: string): void {
  c.known?.remembered?.rows.delete(key);
  c.known?.remembered?.read.delete(key);
}

export const knownRows = (answer?: Answer['of']): Known => ({
  requests: new Map(), supplies: new Map(), ...(answer ? { answer: { of: answer, added: [], lenders: new Map(), complete: true } } : {}),
});

/**
 * What a desk shows after its action — the row acted on with its history — gathered during the
 * action instead of read again after the commit: the row is the one this transaction locked and
 * saved, the history before the action comes with the action's first save of that row (the same
 * statement), and every entry written since is recorded as it is written. Anything the account
 * does not follow (a message to a peer, federation) marks it incomplete, and the answer is then
 * read after the commit as before.
 */
export interface Answer {
  /** The request (its whole history) or the lending row (its side of it). */
  of: { request: number } | { supply: number };
  /** The history before the action; undefined until its first save of that row. */
  before?: EventRow[];
  /** The entries this transaction wrote, in order. */
  added: (NewEvent & { id: number })[];
  /** Lending rows inserted by this transaction: their library (an entry's `library`). */
  lenders: Map<number, string>;
  /** When the rows saved in this transaction were saved (`updated_at`: the transaction's time). */
  savedAt?: string;
  complete: boolean;
}

/** Something the answer does not follow happened in this transaction: it is read after the commit. */
export function untracked(c: Pick<StepContext, 'known'>): void {
  if (c.known?.answer) c.known.answer.complete = false;
}

/** Records an entry written to the history in this transaction. */
export function recorded(c: Pick<StepContext, 'known'>, e: NewEvent, id: number, savedAt?: string): void {
  const a = c.known?.answer;
  if (!a) return;
  a.added.push({ ...e, id });
  if (savedAt) a.savedAt = savedAt;
}

/** The first save of the row the answer shows asks for its history before the step. */
export function wantsHistory(c: Pick<StepContext, 'known'>, of: { request: number } | { supply: number }): boolean {
  const a = c.known?.answer;
  if (!a || a.before !== undefined) return false;
  return 'request' in of ? 'request' in a.of && a.of.request === of.request : 'supply' in a.of && a.of.supply === of.supply;
}

function entryRow(c: StepContext, e: NewEvent & { id: number }, borrowing: string): EventRow | undefined {
  const a = c.known!.answer!;
  const library = e.supplyId === null ? borrowing : (c.known!.supplies.get(e.supplyId)?.lendingLibrary ?? a.lenders.get(e.supplyId) ?? a.before?.find((b) => b.supplyId === e.supplyId)?.library);
  if (library === undefined) return undefined;
  return { id: e.id, side: e.side, supplyId: e.supplyId, library, fromState: e.fromState, toState: e.toState, event: e.event, actor: e.actor, actorUser: e.actorUser, at: e.at, details: e.details };
}

/**
 * The request's whole history after the action, given the whole history before it: undefined when
 * the action reached beyond what it follows, or an entry's library is not known.
 */
export function wholeHistory(c: StepContext, requestId: number, before: EventRow[], borrowing: string): EventRow[] | undefined {
  const a = c.known?.answer;
  if (!a?.complete) return undefined;
  const added = a.added.filter((e) => e.requestId === requestId).map((e) => entryRow(c, e, borrowing));
  return added.some((e) => e === undefined) ? undefined : [...before, ...(added as EventRow[])];
}

/** The request as the action left it, with its whole history; undefined when it must be read after the commit. */
export function answeredRequest(c: StepContext, id: number): (RequestRow & { events: EventRow[] }) | undefined {
  return answered(c, c.known?.requests.get(id), (e) => e.requestId === id);
}

/** The lending row as the action left it, with its side of the history; as {@link answeredRequest}. */
export function answeredSupply(c: StepContext, id: number): (SupplyRow & { events: EventRow[] }) | undefined {
  return answered(c, c.known?.supplies.get(id), (e) => e.supplyId === id);
}

function answered<R extends RequestRow | SupplyRow>(c: StepContext, row: R | undefined, shown: (e: NewEvent) => boolean): (R & { events: EventRow[] }) | undefined {
  const a = c.known?.answer;
  if (!a?.complete || !row || a.before === undefined || a.savedAt === undefined) return undefined;
  const added = a.added.filter(shown).map((e) => entryRow(c, e, row.borrowingLibrary));
  if (added.some((e) => e === undefined)) return undefined;
  return Object.assign({}, row, { updatedAt: a.savedAt, events: [...a.before, ...(added as EventRow[])] });
}

/**
 * The request in this transaction: the row known to it, else read (locked when `lock`, and
 * always when rows are kept: the borrower's request is the first row every kept action locks).
 */
export function requestIn(c: Pick<StepContext, 'tx' | 'known'>, id: number, lock = false): Promise<RequestRow | undefined> {
  return rowIn(c, c.known?.requests, `request:${id}`, id, lock, illStore.request);
}

/** The lending row in this transaction, as {@link requestIn}. */
export function supplyIn(c: Pick<StepContext, 'tx' | 'known'>, id: number, lock = false): Promise<SupplyRow | undefined> {
  return rowIn(c, c.known?.supplies, `supply:${id}`, id, lock, illStore.supply);
}

async function rowIn<T>(
  c: Pick<StepContext, 'tx' | 'known'>, kept: Map<number, T> | undefined, key: string, id: number, lock: boolean,
  read: (tx: StepContext['tx'], id: number, lock: boolean) => Promise<T | undefined>,
): Promise<T | undefined> {
  const known = kept?.get(id);
  if (known) {
    const r = c.known?.remembered;
    if (r?.rows.has(key)) {
      r.rows.delete(key);
      r.read.add(key);
    }
    return known;
  }
  const row = await read(c.tx, id, lock || c.known !== undefined);
  if (row && kept) kept.set(id, row);
  return row;
}
