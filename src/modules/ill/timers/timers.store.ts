/**
 * SQL of the interlibrary loan timers: the requests a timer may move (a lender silent too long, a
 * loan past its due date), found without locks, then taken one at a time with FOR UPDATE SKIP
 * LOCKED — a row another node or a desk is working on is left for the next round.
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { ClosedDays } from '../domain/working-days.js';

/** A request waiting for its current lender's answer. */
export interface Waiting {
  requestId: number;
  supplyId: number;
  state: string;
  lender: string;
  /** The lender is at a peer deployment, which keeps its own staff's time. */
  remote: boolean;
  closedDays: ClosedDays[];
  /** When the request entered the state it waits in (sent to this lender, or its ExpectToSupply). */
  since: string;
  /** The agreement the rota chose this lender under, when it commits to a turnaround in working days. */
  agreement?: { code: string; turnaroundDays: number };
}

/** A loan whose due date may have passed: the borrowing side (`supplyId` null) or the lending side. */
export interface OnLoan {
  requestId: number;
  supplyId: number | null;
  state: string;
  dueDate: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export const timersStore = {
  /**
   * Requests sent to a lender that has not answered (or only said it expects to supply), with the
   * lender's closed days, the time the request entered its state, and the turnaround of the
   * agreement the rota chose the lender under (as it stands now: an amended agreement applies). `id` narrows to one request
   * (read again under its lock, as it may have moved since).
   */
  async waiting(db: Queryable, opts: { limit: number; afterId?: number; id?: number }): Promise<Waiting[]> {
    const { rows } = await db.query<{ id: string; supply: string; state: string; symbol: string; closed_days: ClosedDays[] | null; remote: boolean; since: unknown; agreement: string | null; turnaround_days: number | null }>(
      `SELECT r.id, r.current_supply_id AS supply, r.state, l.symbol, l.closed_days, s.remote, g.code AS agreement, g.turnaround_days,
              (SELECT max(e.at) FROM ill_events e
                WHERE e.request_id = r.id AND e.side = 'borrowing' AND e.to_state = r.state AND e.from_state IS DISTINCT FROM e.to_state) AS since
         FROM ill_requests r
         JOIN ill_supplies s ON s.id = r.current_supply_id
         JOIN libraries l ON l.id = s.lending_library_id
         LEFT JOIN agreements g ON g.code = r.rota->'ranked'->r.lender_index->>'agreement'
                               AND r.rota->'ranked'->r.lender_index->>'symbol' = l.symbol AND g.turnaround_days IS NOT NULL
        WHERE r.state IN ('sent', 'expects-to-supply') AND r.id > $1 AND ($2::bigint IS NULL OR r.id = $2)
        ORDER BY r.id LIMIT $3`,
      [opts.afterId ?? 0, opts.id ?? null, opts.limit],
    );
    return rows
      .filter((r) => r.since !== null)
      .map((r) => ({
        requestId: Number(r.id), supplyId: Number(r.supply), state: r.state, lender: r.symbol, remote: Boolean(r.remote),
        closedDays: (r.closed_days ?? []).map(({ from, to }) => ({ from, to })), since: iso(r.since),
        ...(r.agreement !== null && r.turnaround_days !== null ? { agreement: { code: r.agreement, turnaroundDays: Number(r.turnaround_days) } } : {}),
      }));
  },

  /**
   * Loans the borrowing side holds for a reader (received, checked out) due before `today`: the
   * reader's due date when checked out, else the lender's. Requests a peer sent us are left to
   * the peer, whose reader it is.
   */
  async borrowedPastDue(db: Queryable, today: string, opts: { limit: number; afterId?: number; id?: number }): Promise<OnLoan[]> {
    const { rows } = await db.query<{ id: string; state: string; due: string }>(
      `SELECT id, state, due FROM (
         SELECT id, state, left(coalesce(context->>'readerDueDate', context->>'dueDate'), 10) AS due
           FROM ill_requests
          WHERE state IN ('received', 'checked-out') AND reader_id IS NOT NULL AND id > $2 AND ($3::bigint IS NULL OR id = $3)) d
        WHERE due IS NOT NULL AND due < $1
        ORDER BY id LIMIT $4`,
      [today, opts.afterId ?? 0, opts.id ?? null, opts.limit],
    );
    return rows.map((r) => ({ requestId: Number(r.id), supplyId: null, state: r.state, dueDate: r.due }));
  },

  /**
   * Loans overdue at the borrowing desk whose reader is ours, with the due date the overdue
   * notice went by (the reader's, else the lender's): candidates for a repeated reminder.
   */
  async overdueForReaders(db: Queryable, opts: { limit: number; afterId?: number }): Promise<OnLoan[]> {
    const { rows } = await db.query<{ id: string; state: string; due: string }>(
      `SELECT id, state, due FROM (
         SELECT id, state, left(coalesce(context->>'readerDueDate', context->>'dueDate'), 10) AS due
           FROM ill_requests
          WHERE state = 'overdue' AND reader_id IS NOT NULL AND id > $1) d
        WHERE due IS NOT NULL
        ORDER BY id LIMIT $2`,
      [opts.afterId ?? 0, opts.limit],
    );
    return rows.map((r) => ({ requestId: Number(r.id), supplyId: null, state: r.state, dueDate: r.due }));
  },

  /** Loans this deployment's lenders await back after their due date (a lender at a peer keeps its own time). */
  async lentPastDue(db: Queryable, today: string, opts: { limit: number; afterId?: number; id?: number }): Promise<OnLoan[]> {
    const { rows } = await db.query<{ id: string; request_id: string; state: string; due: string }>(
      `SELECT id, request_id, state, due FROM (
         SELECT id, request_id, state, left(context->>'dueDate', 10) AS due
           FROM ill_supplies
          WHERE state = 'awaiting-return' AND NOT remote AND id > $2 AND ($3::bigint IS NULL OR id = $3)) d
        WHERE due IS NOT NULL AND due < $1
        ORDER BY id LIMIT $4`,
      [today, opts.afterId ?? 0, opts.id ?? null, opts.limit],
    );
    return rows.map((r) => ({ requestId: Number(r.request_id), supplyId: Number(r.id), state: r.state, dueDate: r.due }));
  },

  /**
   * Locks the request's row for this transaction unless someone else holds it (SKIP LOCKED):
   * false means leave it for the next round. The borrower's row is always locked first, as every
   * step does, so a timer and a desk cannot deadlock.
   */
  async tryLockRequest(tx: Queryable, requestId: number): Promise<boolean> {
    const { rows } = await tx.query('SELECT id FROM ill_requests WHERE id = $1 FOR UPDATE SKIP LOCKED', [requestId]);
    return rows.length > 0;
  },
};
