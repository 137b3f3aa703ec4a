/**
 * A desk's step held back for one statement: when the step sends a message in-process, the step
 * that message makes on the other side is saved together with it (store/paired.store.ts) — one
 * round trip where there were two (receive, ship-back, will-supply, ship, check-in); when nothing
 * else follows, it is the transaction's last statement and goes with the COMMIT
 * ({@link HeldSave.flushLast}: print-pull-slip, mark-picked, check-out, return-from-reader). The rows
 * are locked by this transaction, so nothing can come between. Any other statement through this
 * Queryable writes the held save first (so every later statement sees it, as before), and so
 * does the end of the action ({@link flush}); a version that does not match throws as before,
 * and the transaction rolls back.
 */
import { IllErrors } from './errors.js';
import { illStore, type MessageLog, type NewEvent, type Saved, type SavedRequest } from './ill.store.js';
import { SavesFirst } from './saves-first.js';
import { pairedStore, type PairedLast, type SavedSupply } from './store/paired.store.js';

/**
 * `last`: the desk's step sends nothing after its message (and the action nothing after the
 * step), so the save with its message's step ends the transaction when that step sends nothing
 * after it either: it goes with the COMMIT (store/changed-meanwhile.ts).
 */
type Held =
  | { side: 'request'; row: SavedRequest; entry: NewEvent; saved(s: Saved): void; last?: boolean; /** with the history before it (the default) */ history?: boolean }
  | { side: 'supply'; row: SavedSupply; entry: NewEvent; saved(s: Saved): void; last?: boolean; /** with the history before it (the default) */ history?: boolean };

export class HeldSave extends SavesFirst {
  private held: Held | undefined;
  /** The action's first step is held though it asks for no history (recent-rows.ts: the action knows it). */
  private first = false;
  /**
   * Called with the rows a statement that ends the transaction saves, before it is sent: may
   * refuse it (recent-rows.ts: a row the action read must be saved by it).
   */
  beforeLast?: (rows: string[]) => void;

  /** Hold the action's first step whether or not it asks for the history. */
  holdFirst(): void {
    this.first = true;
  }

  /** Whether this step is the first to be held so (once). */
  holdsFirst(): boolean {
    const first = this.first;
    this.first = false;
    return first;
  }

  /** Holds a step's save (with the history before it); `saved` gets what the save returned. */
  hold(h: Held): void {
    if (this.held) throw new Error('ILL: a second step held before the first was saved');
    this.held = h;
  }

  /** A save is held for the other side of this message's step. */
  holds(side: 'request' | 'supply'): boolean {
    return this.held?.side === side;
  }

  /**
   * The held lending row's save, then the request's step its message makes, in one statement;
   * `last`: that step sends nothing after it (with the held step's `last`, the transaction ends here).
   */
  async requestWithMessage(row: SavedRequest, entry: NewEvent, log: MessageLog, last = false): Promise<Saved | 'duplicate' | undefined> {
    const h = this.take('supply');
    const ends = this.ends(last && h.last === true, [`supply:${h.row.id}`, `request:${row.id}`]);
    return this.paired(h, await pairedStore.saveSupplyThenRequestWithMessage(this.tx, { row: h.row, entry: h.entry }, { row, entry, log }, ends, h.history !== false));
  }

  /** The held request's save, then the lending row's step its message makes, in one statement (as {@link requestWithMessage}). */
  async supplyWithMessage(row: SavedSupply, entry: NewEvent, log: MessageLog, last = false): Promise<Saved | 'duplicate' | undefined> {
    const h = this.take('request');
    const ends = this.ends(last && h.last === true, [`request:${h.row.id}`, `supply:${row.id}`]);
    return this.paired(h, await pairedStore.saveRequestThenSupplyWithMessage(this.tx, { row: h.row, entry: h.entry }, { row, entry, log }, ends, h.history !== false));
  }

  private ends(last: boolean, rows: string[]): boolean {
    if (last) this.beforeLast?.(rows);
    return last;
  }

  private paired(h: Held, p: PairedLast): Saved | 'duplicate' | undefined {
    // Sent with the COMMIT, a version that did not match failed the statement: the row is named.
    if ('changed' in p) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: p.changed });
    this.done(h, p.own);
    return p.other;
  }

  async flush(): Promise<void> {
    const h = this.held;
    if (!h) return;
    this.held = undefined;
    const saved = h.side === 'request'
      ? await illStore.saveRequestWithEvent(this.tx, h.row, h.entry, h.history !== false)
      : await illStore.saveSupplyWithEvent(this.tx, h.row, h.entry, h.history !== false);
    this.done(h, saved);
  }

  /**
   * The end of the action: what is held is the transaction's last statement, and goes with its
   * COMMIT where the database can (store/changed-meanwhile.ts) — lock and save, two round trips
   * for a step whose message, if any, was not saved with it. Nothing may be sent afterwards.
   */
  async flushLast(): Promise<void> {
    const h = this.held;
    if (!h) return;
    this.held = undefined;
    this.ends(true, [`${h.side}:${h.row.id}`]);
    const saved = h.side === 'request'
      ? await illStore.saveRequestWithEventLast(this.tx, h.row, h.entry, h.history !== false)
      : await illStore.saveSupplyWithEventLast(this.tx, h.row, h.entry, h.history !== false);
    this.done(h, saved);
  }

  private take<S extends Held['side']>(side: S): Extract<Held, { side: S }> {
    const h = this.held;
    if (h?.side !== side) throw new Error(`ILL: no ${side} step held`);
    this.held = undefined;
    return h as Extract<Held, { side: S }>;
  }

  private done(h: Held, saved: Saved | undefined): void {
    if (!saved) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: h.row.id });
    h.saved(saved);
  }
}
