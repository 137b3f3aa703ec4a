/**
 * Steps of a request this transaction has just inserted, saved together (placing a request:
 * validate → start-sourcing → send-to-lender were three statements, now one). Nobody else can see
 * the row before the commit, so nothing can come between the steps; the saves wait until the
 * transaction sends anything else (any statement through this Queryable writes them first, so
 * every later statement sees them as before) or until the action ends ({@link flush}).
 */
import type { Queryable } from '../../platform/db/index.js';
import { IllErrors } from './errors.js';
import { illStore, type NewEvent, type SavedRequest, type StoredContext } from './ill.store.js';
import { SavesFirst } from './saves-first.js';

export class DeferredRequestSaves extends SavesFirst {
  private row: SavedRequest | undefined;
  private entries: NewEvent[] = [];

  /**
   * @param version the row's version in the database (as inserted)
   * @param written each entry once written, with its id and the save's time (what the answer records)
   */
  constructor(
    tx: Queryable, readonly requestId: number, private version: number,
    private readonly written: (e: NewEvent, id: number, savedAt: string) => void,
  ) {
    super(tx);
  }

  /** A step of the request, saved later: the state it left and its history entry. */
  later(row: SavedRequest, entry: NewEvent): void {
    this.row = row;
    this.entries.push(entry);
  }

  async flush(): Promise<void> {
    const row = this.row;
    if (!row) return;
    const entries = this.entries;
    this.row = undefined;
    this.entries = [];
    const saved = await illStore.saveRequestWithEvents(this.tx, { ...row, version: this.version }, entries);
    if (!saved) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: this.requestId });
    this.version += entries.length;
    entries.forEach((e, i) => this.written(e, saved.eventIds[i]!, saved.updatedAt));
  }

  /**
   * A Request New from this request: its lending row, and the request moved on to it
   * (`lenderIndex`, the current lending row), written with the steps still to be saved in one
   * statement (the last of them is the send-to-lender that sends it). Undefined when the
   * version did not match.
   */
  async withSupply(
    r: { version: number; lenderIndex: number }, lendingLibraryId: number, context: StoredContext,
  ): Promise<{ supplyId: number; remote: boolean } | undefined> {
    const row = this.row;
    if (!row) {
      // Nothing held: the row's version is the one the steps know.
      const inserted = await illStore.insertSupplyForRequest(this.tx, { id: this.requestId, ...r }, lendingLibraryId, context);
      if (inserted) this.version = r.version + 1;
      return inserted;
    }
    const lenderIndex = r.lenderIndex;
    const entries = this.entries;
    this.row = undefined;
    this.entries = [];
    const saved = await illStore.saveRequestWithEventsAndSupply(this.tx, { ...row, version: this.version, lenderIndex }, entries, lendingLibraryId, context);
    if (!saved) return undefined;
    this.version += entries.length + 1;
    entries.forEach((e, i) => this.written(e, saved.eventIds[i]!, saved.updatedAt));
    return { supplyId: saved.supplyId, remote: saved.remote };
  }
}
