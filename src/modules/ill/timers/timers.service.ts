/**
 * The interlibrary loan timers (issue 5, "Timers"): a lender that has not answered within the
 * turnaround its agreement with the borrower commits to, else the configured working days, is
 * passed over (the requester machine's `stale`: Cancel to it, the
 * next lender of the rota, or the end of the rota); loans past their due date become overdue on
 * the borrowing side (`mark-overdue`: the reader's overdue notice follows from the history) and
 * on the lending side (`mark-overdue`: the lender's Overdue goes to the borrower); a reader whose
 * loan stays overdue is reminded every few days, and a lender on its last working day before it
 * is passed over is reminded once (reminders.ts). Every move is
 * a system step through the same path as the desks' actions, so it is in the history, refused
 * by the machine when the request moved meanwhile, and running the timers twice changes nothing.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { isAppError } from '../../../platform/errors/index.js';
import { isPastDue, isStale } from '../domain/working-days.js';
import { calendarDate } from '../domain/index.js';
import { illStore } from '../ill.store.js';
import { toLibrary, toReader } from '../notices/follower.js';
import { clock, stepRequest, stepSupply, type StepContext } from '../steps.js';
import { isLastWorkingDay, overdueReminderNumber } from './reminders.js';
import { timersStore, type Waiting } from './timers.store.js';

export interface TimerOptions {
  /** Working days a lender has to answer before the request moves on. */
  staleWorkingDays: number;
  /** Days between reminders to a reader whose loan is overdue, after the first notice (default 7). */
  overdueReminderDays?: number;
  /** The clock (tests move it forward); strictly increasing, as message keys carry the time. */
  now?: () => string;
  /** Requests looked at per query. */
  batch?: number;
}

export interface TimerRound {
  /** Requests passed on from a silent lender. */
  stale: number;
  /** Loans that became overdue at the borrowing desk (the reader's due date passed). */
  overdueBorrowing: number;
  /** Loans that became overdue at the lending desk (the lender's due date passed). */
  overdueLending: number;
  /** Reminders queued to readers whose loan is still overdue. */
  overdueReminders: number;
  /** Reminders queued to lenders on their last working day before they are passed over. */
  lenderReminders: number;
}

/**
 * A step refused by the machine (someone acted first) is no failure of the timer: it is left
 * alone. The machine refuses before anything is written, so the transaction may go on.
 */
async function systemStep(step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    if (isAppError(err) && err.code === 'ILL_ACTION_REFUSED') return false;
    throw err;
  }
}

/**
 * Goes through candidates page by page; each one is decided and moved in its own transaction,
 * under its request's lock (skipped when another node or a desk holds it).
 */
async function each<T extends { requestId: number }>(
  db: Db, page: (afterId: number) => Promise<T[]>, key: (t: T) => number, act: (tx: Queryable, t: T) => Promise<boolean>,
): Promise<number> {
  let moved = 0;
  for (let afterId = 0; ;) {
    const found = await page(afterId);
    for (const t of found) {
      const done = await db.transaction(async (tx) => (await timersStore.tryLockRequest(tx, t.requestId)) && act(tx, t));
      if (done) moved++;
    }
    if (!found.length) return moved;
    afterId = key(found.at(-1)!);
  }
}

/**
 * The working days a lender has: the turnaround its agreement with the borrower commits to, else
 * the deployment's. A turnaround of 0 ("the same day") still leaves the lender one working day.
 */
export function workingDaysOf(w: Pick<Waiting, 'agreement'>, staleWorkingDays: number): number {
  return w.agreement ? Math.max(1, w.agreement.turnaroundDays) : staleWorkingDays;
}

/** One round of the timers. Safe to run on several nodes at once and as often as wanted. */
export async function runTimers(db: Db, opts: TimerOptions): Promise<TimerRound> {
  const now = opts.now ?? clock;
  const limit = opts.batch ?? 200;
  const ctx = (tx: Queryable): StepContext => ({ tx, now, user: null, locale: 'en' });
  let lenderReminders = 0;

  const stale = await each(
    db, (afterId) => timersStore.waiting(db, { limit, afterId }), (w) => w.requestId,
    async (tx, w) => {
      // Read again under the lock: the request may have moved on to another lender meanwhile.
      const [fresh] = await timersStore.waiting(tx, { limit: 1, id: w.requestId });
      if (!fresh || fresh.supplyId !== w.supplyId) return false;
      const days = workingDaysOf(fresh, opts.staleWorkingDays);
      if (!isStale({ since: fresh.since, now: now(), days, closed: fresh.closedDays })) {
        // Its last working day: the lender's staff are told once (per lender and waiting period).
        if (!fresh.remote && isLastWorkingDay({ since: fresh.since, now: now(), days, closed: fresh.closedDays })) {
          const r = await illStore.request(tx, fresh.requestId);
          if (r && (await toLibrary(tx, r, fresh.lender, 'answer-due', `${r.id}:answer-due:${fresh.supplyId}:${fresh.since}`))) lenderReminders++;
        }
        return false;
      }
      const why = { workingDays: days, lender: fresh.lender, ...(fresh.agreement ? { agreement: fresh.agreement.code } : {}) };
      return systemStep(() => stepRequest(ctx(tx), fresh.requestId, { kind: 'action', action: 'stale', actor: 'system' }, why, { stale: true }));
    },
  );

  // The lending side first: its Overdue reaches the borrower too, in the same transaction.
  const today = calendarDate(now());
  const overdueLending = await each(
    db, (afterId) => timersStore.lentPastDue(db, today, { limit, afterId }), (l) => l.supplyId!,
    async (tx, l) => {
      const [fresh] = await timersStore.lentPastDue(tx, today, { limit: 1, id: l.supplyId! });
      if (!fresh || !isPastDue(fresh.dueDate, now())) return false;
      return systemStep(() => stepSupply(ctx(tx), fresh.supplyId!, { kind: 'action', action: 'mark-overdue', actor: 'system' }));
    },
  );

  const overdueBorrowing = await each(
    db, (afterId) => timersStore.borrowedPastDue(db, today, { limit, afterId }), (b) => b.requestId,
    async (tx, b) => {
      const [fresh] = await timersStore.borrowedPastDue(tx, today, { limit: 1, id: b.requestId });
      if (!fresh || !isPastDue(fresh.dueDate, now())) return false;
      // The machine's guard reads the due date the timer went by: the reader's, once checked out.
      return systemStep(() => stepRequest(ctx(tx), fresh.requestId, { kind: 'action', action: 'mark-overdue', actor: 'system' }, { dueDate: fresh.dueDate }, { dueDate: fresh.dueDate }));
    },
  );

  // Reminders: a notice key per due date and reminder number, so a round run twice sends one.
  const every = opts.overdueReminderDays ?? 7;
  let overdueReminders = 0;
  for (let afterId = 0; ;) {
    const found = await timersStore.overdueForReaders(db, { limit, afterId });
    for (const o of found) {
      const n = overdueReminderNumber(o.dueDate, today, every);
      if (n === 0) continue;
      const queued = await db.transaction(async (tx) => {
        const r = await illStore.request(tx, o.requestId);
        if (!r || r.state !== 'overdue') return false;
        return toReader(tx, r, 'overdue-reminder', `${r.id}:overdue-reminder:${o.dueDate}:${n}`, { dueDate: o.dueDate });
      });
      if (queued) overdueReminders++;
    }
    if (!found.length) break;
    afterId = found.at(-1)!.requestId;
  }
  return { stale, overdueBorrowing, overdueLending, overdueReminders, lenderReminders };
}
