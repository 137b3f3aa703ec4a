/**
 * Writes the ledger between libraries: follows the requests' history (ill_events, its own cursor)
 * and charges each filled transaction once — a loan shipped or a copy delivered by a lender of
 * ours, or a loan shipped or a copy completed by a lender at a peer (the borrowing side learns
 * it). Following the history rather than hooking the steps catches every way a supply is filled
 * (desk, scan, peer message) and keeps the charge in the transaction of the cursor: a step that
 * was rolled back has nothing to charge. One charge per lending row (a unique key).
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { directoryAt, type Directory } from '../directory.js';
import { illStore } from '../ill.store.js';
import { noticesStore, type FollowedEvent } from '../notices/notices.store.js';
import { chargeFor, type FeeAgreement } from './charges.js';
import { feesStore } from './fees.store.js';

const CURSOR = 'fees';
const BATCH = 100;

/** Which service a step fills, or undefined when it fills none. */
export function filledBy(e: Pick<FollowedEvent, 'side' | 'fromState' | 'toState' | 'event'>): 'loan' | 'copy' | undefined {
  if (e.fromState === e.toState) return undefined;
  if (e.side === 'lending') return e.toState === 'shipped' ? 'loan' : e.toState === 'copy-delivered' ? 'copy' : undefined;
  if (e.toState === 'shipped') return 'loan';
  return e.event.includes('CopyCompleted') ? 'copy' : undefined;
}

async function charge(tx: Queryable, e: FollowedEvent, service: 'loan' | 'copy', dir: Directory): Promise<void> {
  const supplyId = await feesStore.unchargedSupply(tx, e.requestId, e.supplyId);
  if (supplyId === null) return;
  const r = await illStore.request(tx, e.requestId);
  if (!r) return;
  const s = await illStore.supply(tx, supplyId);
  if (!s) return;
  const lender = await dir.library(s.lendingLibrary);
  if (!lender) return;
  const day = e.at.slice(0, 10);
  const agreements: FeeAgreement[] = (await dir.agreements(r.borrowingLibrary, s.lendingLibrary, day)).map((g) => ({
    code: g.code, feesWaived: g.feesWaived ?? false, ...(g.fees ? { fees: g.fees } : {}), ...(g.subsidyRate !== undefined ? { subsidyRate: g.subsidyRate } : {}),
  }));
  const budgetLeft = await feesStore.budgetLeft(tx, r.borrowingLibraryId, Number(e.at.slice(0, 4)));
  const c = chargeFor({ service, pages: r.citation.pages, ...(lender.entry.lendingPolicy?.fees ? { policyFees: lender.entry.lendingPolicy.fees } : {}), agreements, budgetLeft });
  await feesStore.insertCharge(tx, { supplyId, requestId: r.id, borrowerId: r.borrowingLibraryId, lenderId: lender.id, service, charge: c, at: e.at });
}

/**
 * Charges what the history filled since the cursor, in batches (one transaction each, with the
 * cursor). Steps newer than `lagMs` wait for the next round: their transaction may not have
 * committed yet, and the cursor must not pass them.
 */
export async function followFees(db: Db, opts: { lagMs?: number } = {}): Promise<number> {
  const before = new Date(Date.now() - (opts.lagMs ?? 5000)).toISOString();
  let followed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const after = await noticesStore.lockCursor(tx, CURSOR);
      const { events, directory } = await noticesStore.eventsAfter(tx, after, before, BATCH);
      // The lender's policy and the agreements from the directory cache, at the version read with the steps (directory.ts).
      const dir = directoryAt(tx, directory);
      for (const e of events) {
        const service = filledBy(e);
        if (service) await charge(tx, e, service, dir);
      }
      if (events.length) await noticesStore.moveCursor(tx, CURSOR, events.at(-1)!.id);
      return events.length;
    });
    followed += n;
    if (n === 0) return followed;
  }
}
